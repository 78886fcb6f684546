import type { ClientOutcome } from '../dns/models.js';
import type { Incident } from '../dns/recovery.js';
import { mean, quantileSorted } from './quantiles.js';
import { TableBuilder, type Table } from './table.js';

const S = 1000;
/** Quantiles written to outages.csv in `cdf` form: 0, 0.005, ..., 1. */
const CDF_STEPS = 200;

/** Outage statistics in seconds: mean, p50, p95, p99, max (NaN when there is none). */
function stats(sortedMs: Float64Array): [number, number, number, number, number] {
  return [mean(sortedMs) / S, quantileSorted(sortedMs, 0.5) / S, quantileSorted(sortedMs, 0.95) / S, quantileSorted(sortedMs, 0.99) / S, sortedMs.length > 0 ? sortedMs[sortedMs.length - 1]! / S : Number.NaN];
}

/** Which incident each client outage belongs to: the latest incident started at or before the outage. */
function byIncident(incidents: readonly Incident[], outcome: ClientOutcome): Float64Array[] {
  const starts = incidents.map((i) => i.startMs);
  const groups: number[][] = incidents.map(() => []);
  const { outageStartMs, outageMs } = outcome.log;
  for (let k = 0; k < outageMs.length; k++) {
    let lo = 0;
    let hi = starts.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= outageStartMs[k]!) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    groups[found]?.push(outageMs[k]!);
  }
  return groups.map((g) => Float64Array.from(g).sort());
}

/**
 * Turns the recovery timeline and the clients' outcome into results: incidents.csv (one
 * row per front-end stop: the infrastructure timeline and the outage its clients saw),
 * outages.csv (per incident, the distribution of per-client outage) and summary columns.
 */
export function dnsResults(incidents: readonly Incident[], outcome: ClientOutcome | undefined, endMs: number, outagesForm: 'cdf' | 'clients'): { summary: [string, number][]; tables: Table[] } {
  const rel = (t: number | undefined, i: Incident): number => (t === undefined ? Number.NaN : (t - i.startMs) / S);
  const groups = outcome === undefined ? incidents.map(() => new Float64Array(0)) : byIncident(incidents, outcome);
  const inc = new TableBuilder('incidents', ['incident', 'instance_id', 'cause', 'start_s', 'detect_s', 'replace_s', 'dns_update_s', 'client_outages', 'outage_mean_s', 'outage_p50_s', 'outage_p95_s', 'outage_p99_s', 'outage_max_s']);
  incidents.forEach((i, k) => {
    inc.add([i.index, i.instance.id, i.cause, i.startMs / S, rel(i.detectMs, i), rel(i.replacedMs, i), rel(i.recoveredMs, i), groups[k]!.length, ...stats(groups[k]!)]);
  });
  const out = outagesForm === 'cdf'
    ? new TableBuilder('outages', ['incident', 'quantile', 'outage_s'])
    : new TableBuilder('outages', ['incident', 'client', 'outage_s', 'censored']);
  if (outcome !== undefined) {
    if (outagesForm === 'cdf') {
      groups.forEach((g, k) => {
        if (g.length === 0) return;
        for (let q = 0; q <= CDF_STEPS; q++) out.add([k, q / CDF_STEPS, quantileSorted(g, q / CDF_STEPS) / S]);
      });
    } else {
      const { outageClient, outageStartMs, outageMs, outageCensored } = outcome.log;
      const starts = incidents.map((i) => i.startMs);
      for (let j = 0; j < outageMs.length; j++) {
        let k = 0;
        while (k + 1 < starts.length && starts[k + 1]! <= outageStartMs[j]!) k++;
        out.add([k, outageClient[j]!, outageMs[j]! / S, outageCensored[j] ? 1 : 0]);
      }
    }
  }
  const all = Float64Array.from(outcome?.log.outageMs ?? []).sort();
  const [m, p50, p95, p99, max] = stats(all);
  const meanOf = (f: (i: Incident) => number | undefined): number => mean(incidents.map((i) => rel(f(i), i)).filter((x) => !Number.isNaN(x)));
  const summary: [string, number][] = [
    ['incidents', incidents.length],
    ['detect_s', meanOf((i) => i.detectMs)],
    ['replace_s', meanOf((i) => i.replacedMs)],
    ['dns_update_s', meanOf((i) => i.recoveredMs)],
    ['outage_mean_s', m],
    ['outage_p50_s', p50],
    ['outage_p95_s', p95],
    ['outage_p99_s', p99],
    ['outage_max_s', max],
    ['unavailability', outcome === undefined || outcome.clientMs === 0 ? Number.NaN : outcome.log.failedClientMs / outcome.clientMs],
    ['requests', outcome?.requests ?? 0],
    ['failed_requests', outcome?.log.failedRequests ?? 0],
    ['misdirected_requests', outcome?.log.misdirectedRequests ?? 0],
    ['slow_requests', outcome?.log.slowRequests ?? 0],
    ['dns_queries_per_s', outcome === undefined ? 0 : outcome.dnsQueries / (endMs / S)],
  ];
  return { summary, tables: [inc, out] };
}
