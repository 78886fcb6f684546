const S = 1000;

/** The columns of timeseries.csv for a scenario with DNS clients and no service. */
export const DNS_TIMESERIES_COLUMNS: readonly string[] = [
  'time_s', 'interval_s', 'requests', 'failed_requests', 'misdirected_requests', 'slow_requests', 'dns_queries',
  'requests_rps', 'failed_rps', 'misdirected_rps', 'dns_queries_per_s',
];

/** What the DNS stage reports for one interval (weighted counts; queries to the authoritative servers). */
export interface DnsIntervalCounts {
  readonly requests: number;
  readonly failed: number;
  readonly misdirected: number;
  readonly slow: number;
  readonly queries: number;
}

/**
 * The rows of a DNS-only timeseries.csv: one per interval of `intervalMs` from 0 to `endMs`
 * (the last one shorter when the run does not end on a boundary), counts and the same per
 * second. The row array is reused (see StreamTarget).
 */
export function* dnsTimeseriesRows(stage: { interval(i: number): DnsIntervalCounts }, intervalMs: number, endMs: number): Generator<number[]> {
  const cells = new Array<number>(DNS_TIMESERIES_COLUMNS.length).fill(0);
  for (let i = 0; i * intervalMs < endMs; i++) {
    const a = i * intervalMs;
    const secs = (Math.min(endMs, a + intervalMs) - a) / S;
    const d = stage.interval(i);
    cells[0] = a / S;
    cells[1] = secs;
    cells[2] = d.requests;
    cells[3] = d.failed;
    cells[4] = d.misdirected;
    cells[5] = d.slow;
    cells[6] = d.queries;
    cells[7] = d.requests / secs;
    cells[8] = d.failed / secs;
    cells[9] = d.misdirected / secs;
    cells[10] = d.queries / secs;
    yield cells;
  }
}
