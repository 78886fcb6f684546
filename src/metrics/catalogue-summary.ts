import { col, type ColumnEntry, type SummaryGroup, type TableEntry } from './catalogue-entry.js';
import type { MetricKind } from './metric-kind.js';

const CAUSE_MEANING: Readonly<Record<string, string>> = {
  dns: 'failed before reaching the front end: no answer, a dead or foreign address (the DNS clients\' share applied to the demand)',
  overload: 'waited past the timeout at a tier (at or above saturation)',
  backend_down: 'reached a dead instance still in rotation, or a tier with no instance in rotation',
  stale_config: 'reached a backend whose user-data names a replaced dependency',
  db_down: 'needed the database while no database instance served',
};

/** The five causes of a failed request, in the order the tables write them. */
export const FAILURE_CAUSES = ['dns', 'overload', 'backend_down', 'stale_config', 'db_down'] as const;

/** `failed_requests_<cause>` entries (summary.csv and timeseries.csv), or their per-second twins. */
export function causeEntries(prefix: string, kind: MetricKind, unit: string, what: string, group?: SummaryGroup): ColumnEntry[] {
  return FAILURE_CAUSES.map((c) => col(`${prefix}${c}`, `failed ${what}: ${c.replace(/_/g, ' ')}`, kind, unit, `requests that ${CAUSE_MEANING[c]!}${kind === 'rate' ? ', per second' : ''}`, group));
}

const A = 'availability';
const D = 'dns';
const V = 'service';
const E = 'elasticity';
const C = 'cost';
const L = 'cloud';

/** summary.csv: its identifying columns, then every metric a replication can report, in the order runs write them. */
export const SUMMARY_TABLE: TableEntry = {
  name: 'summary',
  rows: 'one per replication (and point of a sweep): the run\'s metrics',
  columns: [
    col('scenario', 'scenario', 'text', '', 'the scenario\'s name'),
    col('seed', 'seed', 'index', '', 'this replication\'s own seed, derived from the base seed and the replication'),
    col('hosts', 'hosts', 'count', 'count', 'physical hosts in all zones', L),
    col('host_failures', 'host failures', 'count', 'count', 'host hardware failures (including any that struck a host already down)', A),
    col('host_downtime_s', 'host downtime', 'duration', 's', 'total time hosts spent down, for any reason (a fault still running at the end counts up to the end)', A),
    col('availability', 'host availability', 'fraction', '0..1', 'host-time up over total host-time', A),
    col('instances_lost', 'instances lost', 'count', 'count', 'live instances killed by faults', A),
    col('instances_migrated', 'instances migrated', 'count', 'count', 'moves by live migration', A),
    col('data_lost_gb', 'data lost', 'size', 'GB', 'unsaved instance-store data lost with the killed instances (GB = 10^9 bytes)', A),
    col('ec2_sla_unavailable_periods', 'EC2 SLA unavailable periods', 'count', 'count', 'with more than one zone: 5-minute periods of Region Unavailability in the worst Service Year (the 2008 EC2 SLA)', A),
    col('ec2_sla_uptime_pct', 'EC2 SLA annual uptime', 'percent', '%', 'with more than one zone: the SLA\'s Annual Uptime Percentage', A),
    col('ec2_sla_met', 'EC2 SLA met', 'flag', '0/1', 'with more than one zone: 1 when the uptime is at least 99.95%, else 0', A),
    col('instances_launched', 'instances launched', 'count', 'count', 'instances started (fleet, actions, recovery, groups)', L),
    col('launch_failures', 'launch failures', 'count', 'count', 'instances refused, e.g. InsufficientInstanceCapacity', L),
    col('instance_hours', 'instance hours', 'duration', 'h', 'launch to termination (or the end), summed, not rounded (billing rounds)', L),
    col('stale_user_data', 'stale user-data', 'count', 'count', 'instances whose user-data named an instance that later went away (or never existed)', L),
    col('steal_pct_mean', 'CPU steal', 'percent', '%', 'CPU stolen over CPU wanted, over instances that declared a cpu demand; empty if none did', L),
    col('api_calls_refused', 'API calls refused', 'count', 'count', 'actions the EC2 API refused', L),
    col('public_ip_changes', 'public IP changes', 'count', 'count', 'public addresses a role was published at beyond its first (an elastic IP counts once)', L),
    col('reassigned_to_other_tenants', 'addresses taken by others', 'count', 'count', 'addresses we released that another customer took', L),
    col('address_exhaustions', 'address exhaustions', 'count', 'count', 'elastic IPs or addresses a pool could not give', L),
    col('traffic_in_gb', 'traffic in', 'size', 'GB', 'bytes from the Internet (GB = 10^9 bytes)', L),
    col('traffic_out_gb', 'traffic out', 'size', 'GB', 'bytes to the Internet (GB = 10^9 bytes)', L),
    col('traffic_regional_gb', 'regional traffic', 'size', 'GB', 'regional transfer between our instances (across zones, or through public or elastic addresses), counted at both ends as billed', L),
    col('incidents', 'incidents', 'count', 'count', 'front-end stops the recovery automation saw', A),
    col('detect_s', 'detection', 'duration', 's', 'from a front end\'s stop to the health checks declaring it dead, mean over incidents', A),
    col('replace_s', 'replacement', 'duration', 's', 'from the stop to a replacement or standby serving, mean over incidents', A),
    col('dns_update_s', 'DNS update', 'duration', 's', 'from the stop to the authoritative answer (or elastic IP) reaching the service again, mean over incidents', A),
    col('outage_mean_s', 'outage mean', 'duration', 's', 'per-client outage (first failed request after an incident to the first successful one), mean over every client outage of the run', A),
    col('outage_p50_s', 'outage p50', 'duration', 's', 'median per-client outage over every client outage of the run', A),
    col('outage_p95_s', 'outage p95', 'duration', 's', '95th percentile of per-client outage over the run', A),
    col('outage_p99_s', 'outage p99', 'duration', 's', '99th percentile of per-client outage over the run', A),
    col('outage_max_s', 'outage max', 'duration', 's', 'longest per-client outage of the run', A),
    col('unavailability', 'unavailability', 'fraction', '0..1', 'failed client-time over client-time (clients start when the record is first published)', A),
    col('requests', 'client requests', 'count', 'count', 'requests the DNS clients sent', D),
    col('failed_requests', 'failed client requests', 'count', 'count', 'client requests that failed (no answer, or an address that reaches nothing)', D),
    col('misdirected_requests', 'misdirected requests', 'count', 'count', 'client requests sent to another customer\'s machine', D),
    col('slow_requests', 'slowed requests', 'count', 'count', 'client requests served only after a connect timeout and a try of the next address', D),
    col('dns_queries_per_s', 'DNS queries per second', 'rate', '1/s', 'load on the authoritative servers over the run (the cost of a low TTL to everyone else): counted in per-request mode and in the sampled mode\'s windows, the renewal expectation elsewhere; the mean of timeseries.csv\'s dns_queries_per_s', D),
    col('sampled_clients', 'sampled clients', 'count', 'count', 'with clients.sample: the clients simulated (each standing for the clients of its resolver it was drawn from)', D),
    col('failed_requests_se', 'failed client requests, sampling error', 'statistic', 'count', 'with clients.sample: one standard error of failed_requests from simulating a sample of the clients (this replication)', D),
    col('misdirected_requests_se', 'misdirected requests, sampling error', 'statistic', 'count', 'with clients.sample: one standard error of misdirected_requests from the sample', D),
    col('unavailability_se', 'unavailability, sampling error', 'statistic', '0..1', 'with clients.sample: one standard error of unavailability from the sample', D),
    col('outage_mean_s_se', 'outage mean, sampling error', 'statistic', 's', 'with clients.sample: one standard error of outage_mean_s from the sample', D),
    col('outage_p50_s_se', 'outage p50, sampling error', 'statistic', 's', 'with clients.sample: one standard error of outage_p50_s from the sample', D),
    col('outage_p95_s_se', 'outage p95, sampling error', 'statistic', 's', 'with clients.sample: one standard error of outage_p95_s from the sample', D),
    col('outage_p99_s_se', 'outage p99, sampling error', 'statistic', 's', 'with clients.sample: one standard error of outage_p99_s from the sample', D),
    col('recovery_launch_failures', 'recovery launch failures', 'count', 'count', 'replacement launches the cloud refused (retried at each health check)', A),
    col('demand_requests', 'demand', 'count', 'count', 'requests users sent over the run (the sum of timeseries.csv)', V),
    col('served_requests', 'served requests', 'count', 'count', 'requests served end to end over the run', V),
    ...causeEntries('failed_requests_', 'count', 'count', 'requests', V),
    col('latency_mean_s', 'latency mean', 'duration', 's', 'end-to-end latency over every served request of the run', V),
    col('latency_p95_s', 'latency p95', 'duration', 's', '95th percentile of end-to-end latency over every served request', V),
    col('latency_p99_s', 'latency p99', 'duration', 's', '99th percentile of end-to-end latency over every served request', V),
    col('sla_violation_minutes', 'SLA violation', 'duration', 'min', 'intervals (after the service is live) whose failed share exceeds sla.failed_share or whose p95 latency exceeds sla.latency_p95', V),
    col('<role>_utilization_mean', '<role> utilization mean', 'fraction', '0..1', 'busy share of the role\'s healthy instances, mean over the live intervals', V),
    col('<role>_utilization_max', '<role> utilization max', 'fraction', '0..1', 'busy share of the role\'s healthy instances in the busiest interval: the capacity a planner asks about at the peak', V),
    col('service_live_s', 'service live', 'time', 's', 'when every tier first had a serving instance and the record was published; empty if never', V),
    col('db_restores', 'database restores', 'count', 'count', 'database instances that restored from S3', V),
    col('db_restore_s', 'database restore', 'duration', 's', 'mean restore time of those database instances; empty if none', V),
    col('reconfigurations', 'reconfigurations', 'count', 'count', 'stale backends repointed by service.reconfigure', V),
    col('backend_replacements', 'backend replacements', 'count', 'count', 'instances of recovery.roles replaced after a fault killed them', V),
    col('backend_launch_failures', 'backend launch failures', 'count', 'count', 'replacement launches of recovery.roles the cloud refused (retried)', V),
    col('scale_out_events', 'scale-out events', 'count', 'count', 'times a group raised its desired capacity', E),
    col('scale_in_events', 'scale-in events', 'count', 'count', 'times a group lowered its desired capacity', E),
    col('replacements', 'group replacements', 'count', 'count', 'unhealthy group members a group replaced', E),
    col('mean_instances_<group>', '<group> mean instances', 'count', 'count', 'the group\'s live instances (launch to termination), time-averaged over the run', E),
    col('instance_hours_billed_<group>', '<group> billed hours', 'duration', 'h', 'whole instance-hours billed for the group\'s instances', E),
    col('paid_unused_hours', 'paid unused hours', 'duration', 'h', 'paid instance-hours of group members that ended before their hour was up', E),
    col('cost_usd', 'EC2 cost', 'money', 'USD', 'the EC2 bill for the run', C),
    col('cost_per_month_usd', 'EC2 cost per month', 'money', 'USD', 'the EC2 bill scaled to 30 days', C),
    col('cost_instances_usd', 'instance cost', 'money', 'USD', 'instance-hours on the bill', C),
    col('cost_transfer_usd', 'transfer cost', 'money', 'USD', 'Internet and regional transfer on the bill', C),
    col('cost_s3_usd', 'S3 cost', 'money', 'USD', 'S3 storage and requests on the bill', C),
    col('cost_eip_usd', 'elastic IP cost', 'money', 'USD', 'idle elastic IPs and remaps beyond the free ones', C),
    col('instance_hours_billed', 'billed instance hours', 'duration', 'h', 'whole instance-hours billed (each started hour)', C),
    col('cost_lost_to_failures_usd', 'cost lost to failures', 'money', 'USD', 'hours paid but cut short by faults', C),
    col('colocation_cost_usd', 'colocation cost', 'money', 'USD', 'with colocation: the colocation bill for the run', C),
    col('colocation_cost_per_month_usd', 'colocation cost per month', 'money', 'USD', 'with colocation: its bill scaled to 30 days', C),
    col('colocation_p95_mbps', 'colocation billed bandwidth', 'rate', 'Mbps', 'with colocation: the billed 95th percentile of 5-minute traffic samples', C),
    col('cost_per_million_requests_usd', 'cost per million requests', 'money', 'USD', 'cost_usd per million served requests', C),
    col('events', 'engine events', 'count', 'count', 'events the engine executed', L),
  ],
};
