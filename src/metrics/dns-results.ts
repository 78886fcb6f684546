import type { ClientOutcome } from '../dns/models.js';
import type { Population } from '../dns/population.js';
import type { Incident } from '../dns/recovery.js';
import { forEachSorted, quantileSorted, sortInPlace, sortWithWeights, weightedQuantiles } from './quantiles.js';
import { samplingErrors } from './sampling-error.js';
import { TableBuilder, type Table } from './table.js';

const S = 1000;
/** Quantiles written to outages.csv in `cdf` form: 0, 0.005, ..., 1. */
const CDF_STEPS = 200;

/** One incident's client outages (or all of them), sorted, with their weights when clients are sampled. */
interface Group {
  readonly ms: Float64Array;
  readonly weights: Float64Array | undefined;
}

/** q -> quantile of a group (weighted when sampled). */
function quantilesOf(g: Group): (q: number) => number {
  return g.weights === undefined ? (q) => quantileSorted(g.ms, q) : weightedQuantiles(g.ms, g.weights);
}

/** Outage statistics in seconds: mean, p50, p95, p99, max (NaN when there is none). */
function stats(g: Group): [number, number, number, number, number] {
  const n = g.ms.length;
  if (n === 0) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  let s = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const wi = g.weights?.[i] ?? 1;
    s += g.ms[i]! * wi;
    w += wi;
  }
  const q = quantilesOf(g);
  return [s / w / S, q(0.5) / S, q(0.95) / S, q(0.99) / S, g.ms[n - 1]! / S];
}

/**
 * `stats` of the sorted groups merged, without merging them: the sum in ascending order (as
 * `stats` adds a sorted array, so the mean is the same to the last bit) and the values at
 * the ranks the quantiles interpolate between.
 */
function mergedStats(parts: readonly Float64Array[]): [number, number, number, number, number] {
  const n = parts.reduce((a, p) => a + p.length, 0);
  if (n === 0) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  // The ranks the quantiles read, ascending, and the values found there.
  const ranks = [...new Set([0.5, 0.95, 0.99].flatMap((q) => {
    const lo = Math.floor((n - 1) * q);
    return [lo, Math.min(n - 1, lo + 1)];
  }))].sort((a, b) => a - b);
  const found = new Map<number, number>();
  let next = 0;
  let s = 0;
  let last = Number.NaN;
  forEachSorted(parts, (x, rank) => {
    s += x * 1;
    last = x;
    if (rank === ranks[next]) {
      found.set(rank, x);
      next++;
    }
  });
  const at = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = found.get(lo)!;
    return a + (h - lo) * (found.get(Math.min(n - 1, lo + 1))! - a);
  };
  return [s / n / S, at(0.5) / S, at(0.95) / S, at(0.99) / S, last / S];
}

/** Sorts durations (and their weights alongside), in place. */
function sortGroup(ms: Float64Array, weights: Float64Array | undefined): Group {
  if (weights === undefined) return { ms: sortInPlace(ms), weights: undefined };
  sortWithWeights(ms, weights);
  return { ms, weights };
}

/** The incident each client outage belongs to: the latest incident started at or before the outage. */
function incidentOf(starts: Float64Array, t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Outages grouped by incident (a counting sort into one array), each group sorted. */
function byIncident(incidents: readonly Incident[], outcome: ClientOutcome): Group[] {
  const starts = Float64Array.from(incidents, (i) => i.startMs); // typed: one map whatever the times (a deopt per replication)
  const { outageStartMs, outageMs } = outcome.log;
  const weights = outcome.log.outageWeight;
  const n = outageMs.length;
  const sizes = new Int32Array(incidents.length + 1);
  for (let k = 0; k < n; k++) sizes[incidentOf(starts, outageStartMs[k]!) + 1]!++;
  for (let g = 0; g < incidents.length; g++) sizes[g + 1]! += sizes[g]!;
  const ms = new Float64Array(n);
  const w = weights === undefined ? undefined : new Float64Array(n);
  const fill = sizes.slice();
  for (let k = 0; k < n; k++) {
    const at = fill[incidentOf(starts, outageStartMs[k]!)]!++;
    ms[at] = outageMs[k]!;
    if (w !== undefined) w[at] = weights![k]!;
  }
  return incidents.map((_, g) => sortGroup(ms.subarray(sizes[g], sizes[g + 1]), w?.subarray(sizes[g], sizes[g + 1])));
}

/**
 * Turns the recovery timeline and the clients' outcome into results: incidents.csv (one
 * row per front-end stop: the infrastructure timeline and the outage its clients saw),
 * outages.csv (per incident, the distribution of per-client outage) and summary columns.
 * With sampled clients every statistic is weighted (each simulated client standing for
 * n / s of its resolver's) and the summary adds each one's sampling error (`<metric>_se`).
 */
export function dnsResults(incidents: readonly Incident[], outcome: ClientOutcome | undefined, endMs: number, outagesForm: 'cdf' | 'clients', sample?: Population): { summary: [string, number][]; tables: Table[] } {
  const rel = (t: number | undefined, i: Incident): number => (t === undefined ? Number.NaN : (t - i.startMs) / S);
  const groups = outcome === undefined ? incidents.map((): Group => ({ ms: new Float64Array(0), weights: undefined })) : byIncident(incidents, outcome);
  const inc = new TableBuilder('incidents', ['incident', 'instance_id', 'cause', 'start_s', 'detect_s', 'replace_s', 'dns_update_s', 'client_outages', 'outage_mean_s', 'outage_p50_s', 'outage_p95_s', 'outage_p99_s', 'outage_max_s']);
  const count = (g: Group): number => (g.weights === undefined ? g.ms.length : Math.round(g.weights.reduce((a, b) => a + b, 0)));
  incidents.forEach((i, k) => {
    inc.add([i.index, i.instance.id, i.cause, i.startMs / S, rel(i.detectMs, i), rel(i.replacedMs, i), rel(i.recoveredMs, i), count(groups[k]!), ...stats(groups[k]!)]);
  });
  const out = outagesForm === 'cdf'
    ? new TableBuilder('outages', ['incident', 'quantile', 'outage_s'])
    : new TableBuilder('outages', sample === undefined ? ['incident', 'client', 'outage_s', 'censored'] : ['incident', 'client', 'outage_s', 'censored', 'weight']);
  if (outcome !== undefined) {
    if (outagesForm === 'cdf') {
      groups.forEach((g, k) => {
        if (g.ms.length === 0) return;
        const q = quantilesOf(g);
        for (let j = 0; j <= CDF_STEPS; j++) out.add([k, j / CDF_STEPS, q(j / CDF_STEPS) / S]);
      });
    } else {
      const { outageClient, outageStartMs, outageMs, outageCensored, outageWeight } = outcome.log;
      const starts = Float64Array.from(incidents, (i) => i.startMs); // typed: one map whatever the times (a deopt per replication)
      for (let j = 0; j < outageMs.length; j++) {
        const k = incidentOf(starts, outageStartMs[j]!);
        const client = sample === undefined ? outageClient[j]! : sample.idOf(outageClient[j]!);
        const row = [k, client, outageMs[j]! / S, outageCensored[j]!];
        out.add(sample === undefined ? row : [...row, outageWeight?.[j] ?? 1]);
      }
    }
  }
  // All outages: the one incident's group when there is one (ten million outages are not copied
  // twice); unweighted, the statistics of the groups read in merged order (no array of them
  // all); weighted, all sorted with their weights (the sampling errors need them).
  const one = outcome !== undefined && groups.length === 1 && groups[0]!.ms.length === outcome.log.outages;
  const all = outcome === undefined ? sortGroup(new Float64Array(0), undefined)
    : one ? groups[0]!
    : outcome.log.outageWeight === undefined ? undefined
    : sortGroup(Float64Array.from(outcome.log.outageMs), outcome.log.outageWeight.slice());
  const [m, p50, p95, p99, max] = all !== undefined ? stats(all) : mergedStats(groups.map((g) => g.ms));
  const meanOf = (f: (i: Incident) => number | undefined): number => {
    const xs = incidents.map((i) => rel(f(i), i)).filter((x) => !Number.isNaN(x));
    return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
  };
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
  if (sample !== undefined) {
    const errors = outcome === undefined
      ? [['sampled_clients', sample.simulated], ...['failed_requests_se', 'misdirected_requests_se', 'unavailability_se', 'outage_mean_s_se', 'outage_p50_s_se', 'outage_p95_s_se', 'outage_p99_s_se'].map((c) => [c, Number.NaN])] as [string, number][]
      : samplingErrors(sample, outcome.log, outcome.clientMs, all?.ms ?? new Float64Array(0), all?.weights ?? new Float64Array(all?.ms.length ?? 0).fill(1));
    summary.push(...errors);
  }
  return { summary, tables: [inc, out] };
}
