import { col, type ColumnEntry, type TableEntry } from './catalogue-entry.js';

/** Columns that lead the rows of tables from several replications or sweep points. */
export const KEY_COLUMNS: readonly ColumnEntry[] = [
  col('point', 'point', 'index', '', 'sweeps: the point of the grid (0-based, first --vary outermost)'),
  col('<parameter>', '<parameter>', 'text', '', 'sweeps: the value of a varied scenario path at this point, as given to --vary (one column per --vary, named by its path)'),
  col('replication', 'replication', 'index', '', 'the replication (0-based) the row comes from'),
];

export const INCIDENTS_TABLE: TableEntry = {
  name: 'incidents',
  rows: 'with DNS and recovery: one per front-end stop; times in seconds after its start',
  columns: [
    col('incident', 'incident', 'index', '', 'the incident (0-based, in the order they began)'),
    col('instance_id', 'instance', 'text', '', 'the front end that stopped'),
    col('cause', 'cause', 'text', '', 'why it stopped: a fault kind (hardware-failure, ...), reboot or user-terminated'),
    col('start_s', 'start', 'time', 's', 'when it stopped'),
    col('detect_s', 'detection', 'duration', 's', 'from the stop to the health checks declaring it dead'),
    col('replace_s', 'replacement', 'duration', 's', 'from the stop to a replacement or standby serving'),
    col('dns_update_s', 'DNS update', 'duration', 's', 'from the stop to the authoritative answer or elastic IP reaching the service again'),
    col('client_outages', 'client outages', 'count', 'count', 'client outages that began in this incident'),
    col('outage_mean_s', 'outage mean', 'duration', 's', 'mean per-client outage of the incident'),
    col('outage_p50_s', 'outage p50', 'duration', 's', 'median per-client outage of the incident'),
    col('outage_p95_s', 'outage p95', 'duration', 's', '95th percentile of per-client outage'),
    col('outage_p99_s', 'outage p99', 'duration', 's', '99th percentile of per-client outage'),
    col('outage_max_s', 'outage max', 'duration', 's', 'longest per-client outage of the incident'),
  ],
};

export const OUTAGES_TABLE: TableEntry = {
  name: 'outages',
  rows: 'with DNS and recovery: per incident, the distribution of per-client outage (dns.outages: cdf, 201 quantiles), or one row per client outage (dns.outages: clients)',
  columns: [
    col('incident', 'incident', 'index', '', 'the incident the outage belongs to (the latest that began before it)'),
    col('quantile', 'quantile', 'fraction', '0..1', 'cdf form: the quantile, 0 to 1 in steps of 0.005'),
    col('client', 'client', 'index', '', 'clients form: the client'),
    col('outage_s', 'outage', 'duration', 's', 'per-client outage: from a client\'s first failed request after the incident to its first successful one'),
    col('censored', 'censored', 'flag', '0/1', 'clients form: 1 when the outage was still going at the end of the run'),
    col('weight', 'weight', 'quantity', 'clients', 'clients form with clients.sample: how many clients the simulated client\'s outage stands for'),
  ],
};

export const INSTANCES_TABLE: TableEntry = {
  name: 'instances',
  rows: 'one per instance launched',
  columns: [
    col('instance_id', 'instance', 'text', '', 'EC2 instance id'),
    col('reservation_id', 'reservation', 'text', '', 'the launch request it came from'),
    col('role', 'role', 'text', '', 'the fleet role (or an action\'s as:)'),
    col('type', 'type', 'text', '', 'its instance type'),
    col('image', 'image', 'text', '', 'the AMI it was launched from'),
    col('zone', 'zone', 'text', '', 'its availability zone'),
    col('host', 'host', 'text', '', 'the Xen host it was placed on'),
    col('launched_s', 'launched', 'time', 's', 'when it was placed (pending)'),
    col('running_s', 'running', 'time', 's', 'when its boot finished; empty if it never ran'),
    col('terminated_s', 'terminated', 'time', 's', 'when it ended; empty while alive'),
    col('end_reason', 'end reason', 'text', '', 'user-terminated, hardware-failure, maintenance, power-outage, rack-failure; empty while alive'),
    col('private_ip', 'private address', 'text', '', 'its RFC 1918 address'),
    col('public_ip', 'public address', 'text', '', 'its public (1:1 NAT) address'),
    col('user_data', 'user-data', 'text', '', 'as resolved at launch'),
    col('stale_since_s', 'stale since', 'time', 's', 'when an instance its user-data names went away; empty if never'),
    col('steal_pct', 'CPU steal', 'percent', '%', 'CPU stolen over CPU wanted; empty if it declared no cpu demand'),
    col('data_lost_gb', 'data lost', 'size', 'GB', 'instance-store data not yet backed up to S3 when a fault killed it (0 if alive at the end or terminated by its user; adds up to summary.csv\'s data_lost_gb)'),
  ],
};

export const ACTIONS_TABLE: TableEntry = {
  name: 'actions',
  rows: 'one per EC2 command of the timeline',
  columns: [
    col('time_s', 'time', 'time', 's', 'when it ran'),
    col('command', 'command', 'text', '', 'as written'),
    col('status', 'status', 'text', '', 'ok, or EC2\'s error code'),
    col('result', 'result', 'text', '', 'instance ids started, states, or the error message'),
  ],
};

export const ADDRESSES_TABLE: TableEntry = {
  name: 'addresses',
  rows: 'one per assignment of an address our account ever held, and every later holder of it',
  columns: [
    col('address', 'address', 'text', '', 'the IPv4 address'),
    col('kind', 'kind', 'text', '', 'private, public or elastic'),
    col('holder', 'holder', 'text', '', 'an instance id, tenant (another customer), or eip.N (an idle elastic IP)'),
    col('role', 'role', 'text', '', 'the holding instance\'s role; empty otherwise'),
    col('from_s', 'from', 'time', 's', 'when the holder got it'),
    col('to_s', 'to', 'time', 's', 'when it let it go; empty while held at the end'),
  ],
};

export const FLOWS_TABLE: TableEntry = {
  name: 'flows',
  rows: 'with probes: one per probe firing and target',
  columns: [
    col('time_s', 'time', 'time', 's', 'when the probe fired'),
    col('probe', 'probe', 'index', '', 'the probe (0-based, in the scenario\'s order)'),
    col('from', 'from', 'text', '', 'a CIDR block or a role'),
    col('to', 'to', 'text', '', 'a role, an address or @eip.N'),
    col('protocol', 'protocol', 'text', '', 'tcp, udp, icmp, sctp, dccp, gre, esp'),
    col('port', 'port', 'text', '', 'destination port (tcp, udp)'),
    col('instance_id', 'instance', 'text', '', 'the instance the flow reached; empty if none'),
    col('address', 'address', 'text', '', 'the address it was sent to'),
    col('outcome', 'outcome', 'text', '', 'allowed or refused'),
    col('reason', 'reason', 'text', '', 'ok, no-instance, other-tenant, not-running, no-address, no-source, private-address, protocol, security-group'),
    col('login', 'login', 'text', '', 'tcp/22 only: yes or no, whether root could log in'),
    col('detail', 'detail', 'text', '', 'why, in words'),
  ],
};

export const TRAFFIC_TABLE: TableEntry = {
  name: 'traffic',
  rows: 'with traffic: one per calendar month and instance (GB = 10^9 bytes)',
  columns: [
    col('month', 'month', 'text', '', 'YYYY-MM'),
    col('role', 'role', 'text', '', 'the instance\'s role'),
    col('instance_id', 'instance', 'text', '', 'the instance'),
    col('in_gb', 'in', 'size', 'GB', 'bytes from the Internet'),
    col('out_gb', 'out', 'size', 'GB', 'bytes to the Internet'),
    col('internal_gb', 'internal', 'size', 'GB', 'to and from our instances in its zone on private addresses (free)'),
    col('regional_gb', 'regional', 'size', 'GB', 'between zones or through public and elastic addresses, sent and received'),
    col('s3_gb', 'S3', 'size', 'GB', 'to and from S3 (free)'),
  ],
};

export const FAULTS_TABLE: TableEntry = {
  name: 'faults',
  rows: 'one per fault that killed or moved an instance (faults.report: all, every fault)',
  columns: [
    col('time_s', 'time', 'time', 's', 'when it began'),
    col('kind', 'kind', 'text', '', 'hardware-failure, maintenance, power-outage, rack-failure'),
    col('scope', 'scope', 'text', '', 'what it hit: a host, zone/rackN or a zone'),
    col('hosts', 'hosts', 'count', 'count', 'hosts it took down'),
    col('instances_killed', 'instances killed', 'count', 'count', 'live instances that died with them'),
    col('instances_migrated', 'instances migrated', 'count', 'count', 'instances live migration moved away'),
    col('data_lost_gb', 'data lost', 'size', 'GB', 'unsaved instance-store data that died with them'),
    col('duration_s', 'duration', 'duration', 's', 'how long the hosts stay down (may reach beyond the run)'),
    col('migration_pause_s', 'migration pause', 'duration', 's', 'live migration: the longest stop-and-copy pause among the guests it moved; empty when it moved none'),
    col('migration_s', 'migration', 'duration', 's', 'live migration: the longest whole migration; empty when it moved none'),
  ],
};

const INVOICE_COLUMNS: readonly ColumnEntry[] = [
  col('month', 'month', 'text', '', 'YYYY-MM, the calendar month billed'),
  col('item', 'item', 'text', '', 'what is billed (instance-hours, transfer-out, servers, ...)'),
  col('type', 'type', 'text', '', 'instance type, tier or plan; empty when the item has none'),
  col('quantity', 'quantity', 'quantity', '', 'how much, in the row\'s unit'),
  col('unit', 'unit', 'text', '', 'the quantity\'s unit (h, GB, GB-month, month, ...)'),
  col('unit_price_usd', 'unit price', 'money', 'USD', 'price of one unit'),
  col('amount_usd', 'amount', 'money', 'USD', 'quantity x unit price (the lines add up to cost_usd)'),
];

export const INVOICE_TABLE: TableEntry = { name: 'invoice', rows: 'with pricing: one per (month, item, type) of the EC2 bill', columns: INVOICE_COLUMNS };
export const COLOCATION_INVOICE_TABLE: TableEntry = { name: 'colocation-invoice', rows: 'with colocation: one per (month, item, type) of the colocation bill', columns: INVOICE_COLUMNS };

export const AGGREGATE_TABLE: TableEntry = {
  name: 'aggregate',
  rows: 'sweeps: one per point and summary metric',
  columns: [
    col('metric', 'metric', 'text', '', 'the summary.csv column'),
    col('n', 'replications', 'count', 'count', 'replications that gave a number'),
    col('mean', 'mean', 'statistic', '', 'mean over those replications, in the metric\'s unit'),
    col('sd', 'standard deviation', 'statistic', '', 'sample standard deviation (n - 1), in the metric\'s unit'),
    col('ci95_low', '95% CI low', 'statistic', '', 'lower end of the 95% confidence interval of the mean (see Confidence intervals); empty when n < 2'),
    col('ci95_high', '95% CI high', 'statistic', '', 'upper end of that interval'),
  ],
};

export const COMPARISON_TABLE: TableEntry = {
  name: 'comparison',
  rows: 'compare: one per metric (and point, for two sweeps of the same grid)',
  columns: [
    col('metric', 'metric', 'text', '', 'the summary.csv column'),
    col('a_mean', 'A mean', 'statistic', '', 'the mean over A\'s replications'),
    col('b_mean', 'B mean', 'statistic', '', 'the mean over B\'s replications'),
    col('diff', 'difference', 'statistic', '', 'b_mean - a_mean'),
    col('ci95_low', 'difference 95% CI low', 'statistic', '', 'lower end of the 95% confidence interval of the difference (paired t, or Welch), within the range the metric allows'),
    col('ci95_high', 'difference 95% CI high', 'statistic', '', 'upper end of that interval'),
    col('test', 'test', 'text', '', 'paired (the replications line up: same indices and seeds) or welch'),
    col('n_a', 'A replications', 'count', 'count', 'replications of A with a number'),
    col('n_b', 'B replications', 'count', 'count', 'replications of B with a number'),
    col('df', 'degrees of freedom', 'statistic', '', 'of the t quantile (Welch\'s are fractional)'),
    col('a_ci95_low', 'A 95% CI low', 'statistic', '', 'A\'s mean: lower end of its 95% confidence interval (the same as aggregate.csv\'s)'),
    col('a_ci95_high', 'A 95% CI high', 'statistic', '', 'A\'s mean: upper end'),
    col('b_ci95_low', 'B 95% CI low', 'statistic', '', 'B\'s mean: lower end of its 95% confidence interval'),
    col('b_ci95_high', 'B 95% CI high', 'statistic', '', 'B\'s mean: upper end'),
  ],
};
