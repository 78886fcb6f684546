import { col, type TableEntry } from './catalogue-entry.js';

/** switchover.csv: how users moved to the live address after each incident's recovery. */
export const SWITCHOVER_TABLE: TableEntry = {
  name: 'switchover',
  rows: 'with DNS clients and recovery: per incident and replication, one per log-spaced time after the recovery (1, 2, 5, 10, 20, 30 s; 1, 2, 5, 10, 20, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 5, ... d) while the previous time is within the longest a stale answer can last (the longest cached lifetime plus a re-ask) and before the next incident and the end of the run',
  columns: [
    col('incident', 'incident', 'index', '', 'the incident (as in incidents.csv)'),
    col('after_s', 'time after recovery', 'duration', 's', 'time t after the recovery R: the DNS update, elastic-IP remap or standby takeover (dns_update_s of incidents.csv)'),
    col('requests', 'requests', 'count', 'count', 'requests sent in [R + the previous time, R + t) (the first row: [R, R + 1 s)); counted per request, or from the clients\' schedule (sampled mode)'),
    col('requests_live_share', 'requests on the live address', 'fraction', '0..1', 'share of those requests served by a live address (possibly after a failover to the next A record)'),
    col('requests_misdirected_share', 'requests misdirected', 'fraction', '0..1', 'share of those requests that reached another customer\'s machine (counted per address tried)'),
    col('clients_dead_share', 'clients on a dead address', 'fraction', '0..1', 'at the instant R + t, share of all clients in an outage (their latest request failed) on an address that answers nobody'),
    col('clients_foreign_share', 'clients on a foreign address', 'fraction', '0..1', 'at the instant R + t, share of all clients in an outage on another customer\'s machine (an outage is classed by the request that opened it, and switched once when its failing requests change class)'),
  ],
};
