import { col, type TableEntry } from './catalogue-entry.js';
import { causeEntries } from './catalogue-summary.js';

/** timeseries.csv: what users' requests met, interval by interval. */
export const TIMESERIES_TABLE: TableEntry = {
  name: 'timeseries',
  rows: 'with service: one per interval (service.interval) and replication, written as the run goes; demand = served + the five failure causes in every row. With DNS clients and no service: one per minute, the DNS columns only (requests, failed_requests, misdirected_requests, slow_requests, dns_queries and their per-second twins)',
  columns: [
    col('time_s', 'time', 'time', 's', 'start of the interval'),
    col('interval_s', 'interval', 'duration', 's', 'length of the interval'),
    col('demand_requests', 'demand', 'count', 'count', 'requests users sent in the interval (0 before the service is live)'),
    col('served_requests', 'served', 'count', 'count', 'requests served end to end'),
    ...causeEntries('failed_requests_', 'count', 'count', 'requests'),
    col('misdirected_requests', 'misdirected', 'count', 'count', 'requests sent to another customer\'s address (not part of the balance: such a request may still be served after a failover)'),
    col('demand_rps', 'demand', 'rate', '1/s', 'demand_requests per second of the interval'),
    col('served_rps', 'served', 'rate', '1/s', 'served_requests per second of the interval'),
    ...causeEntries('failed_rps_', 'rate', '1/s', 'per second'),
    col('latency_mean_s', 'latency mean', 'duration', 's', 'end-to-end latency over the interval\'s served requests'),
    col('latency_p95_s', 'latency p95', 'duration', 's', '95th percentile of end-to-end latency over the interval\'s served requests'),
    col('misdirected_rps', 'misdirected', 'rate', '1/s', 'misdirected_requests per second of the interval'),
    col('dns_queries', 'DNS queries', 'count', 'count', 'queries the authoritative servers answered in the interval: counted (per-request mode, and the sampled mode\'s windows around incidents), the renewal expectation elsewhere (sampled mode, resolver by resolver); they sum to dns_queries_per_s of summary.csv times the duration'),
    col('dns_queries_per_s', 'DNS queries', 'rate', '1/s', 'dns_queries per second of the interval (their mean over the run\'s equal intervals is dns_queries_per_s of summary.csv)'),
    col('requests', 'requests', 'count', 'count', 'without a service: requests the clients sent in the interval (every client\'s schedule, or the mean rate for Poisson or sampled clients)'),
    col('failed_requests', 'failed requests', 'count', 'count', 'without a service: requests that reached no serving address (DNS and the address plane)'),
    col('slow_requests', 'slow requests', 'count', 'count', 'without a service: requests served only after a connect timeout and a try of the next A record'),
    col('requests_rps', 'requests', 'rate', '1/s', 'without a service: requests per second of the interval'),
    col('failed_rps', 'failed requests', 'rate', '1/s', 'without a service: failed_requests per second of the interval'),
    col('<role>_running', '<role> running', 'count', 'count', 'the role\'s instances running, averaged over the interval'),
    col('<role>_in_rotation', '<role> in rotation', 'count', 'count', 'the role\'s instances in the front end\'s rotation (for the front end and a database: serving), averaged over the interval'),
    col('<role>_utilization', '<role> utilization', 'fraction', '0..1', 'busy share of the role\'s healthy instances'),
    col('<role>_latency_p95_s', '<role> latency p95', 'duration', 's', '95th percentile of one visit to the role (wait and service)'),
    col('<group>_desired', '<group> desired', 'count', 'count', 'an auto scaling group\'s desired capacity, averaged over the interval'),
    col('<group>_pending', '<group> pending', 'count', 'count', 'the group\'s instances launched but not yet serving (booting), averaged over the interval'),
  ],
};

/** scaling.csv: what the auto scaling groups did. */
export const SCALING_TABLE: TableEntry = {
  name: 'scaling',
  rows: 'with autoscaling: one per scaling activity (an instance a group launched, failed to launch, or terminated)',
  columns: [
    col('time_s', 'time', 'time', 's', 'when the group acted'),
    col('group', 'group', 'text', '', 'the group (its role)'),
    col('activity', 'activity', 'text', '', 'launch or terminate'),
    col('cause', 'cause', 'text', '', 'scale-out, scale-in, replace-unhealthy or scheduled'),
    col('instance_id', 'instance', 'text', '', 'the instance launched or terminated; empty when a launch was refused'),
    col('status', 'status', 'text', '', 'ok, or the EC2 error code of a refused launch (InsufficientInstanceCapacity, ...)'),
    col('desired_before', 'desired before', 'count', 'count', 'the group\'s desired capacity before the decision'),
    col('desired_after', 'desired after', 'count', 'count', 'its desired capacity after it'),
    col('reason', 'reason', 'text', '', 'what triggered it: the metric\'s value and the bound or target, the schedule, the health check'),
  ],
};
