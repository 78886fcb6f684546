import type { Population } from '../dns/population.js';
import type { OutcomeLog } from '../dns/outcome-log.js';
import { weightedQuantiles } from './quantiles.js';

/**
 * Standard error of an estimated total when each resolver's clients are a simple random
 * sample of s_r of its n_r (strata = resolvers, every resolver in): Var = Σ_r n_r² (1 - s_r/n_r)
 * S_r² / s_r, S_r² the sample variance of the per-client values `z` within resolver r
 * (Cochran, Sampling Techniques, 5.3). Resolvers simulated whole contribute nothing.
 */
export function stratifiedTotalSe(pop: Population, z: ArrayLike<number>): number {
  let v = 0;
  for (let r = 0; r < pop.spec.resolvers; r++) {
    const from = pop.simOffsets[r]!;
    const to = pop.simOffsets[r + 1]!;
    const s = to - from;
    const n = pop.count(r);
    if (s < 2 || s >= n) continue;
    let sum = 0;
    for (let c = from; c < to; c++) sum += z[c]!;
    const mean = sum / s;
    let ss = 0;
    for (let c = from; c < to; c++) ss += (z[c]! - mean) ** 2;
    v += (n * n * (1 - s / n) * (ss / (s - 1))) / s;
  }
  return Math.sqrt(v);
}

/** The summary's sampling errors, by column (`<metric>_se`), in the metric's own unit. */
export function samplingErrors(pop: Population, log: OutcomeLog, clientMs: number, sortedMs: Float64Array, sortedWeights: Float64Array): [string, number][] {
  const S = pop.simulated;
  const perClient = log.perClient;
  const clients = log.outageClient;
  const durations = log.outageMs;
  const weights = log.outageWeight;
  const k = durations.length;
  const z = new Float64Array(S);
  // Client-time failed, per client.
  for (let j = 0; j < k; j++) z[clients[j]!]! += durations[j]!;
  const unavailabilitySe = clientMs > 0 ? stratifiedTotalSe(pop, z) / clientMs : Number.NaN;
  let total = 0;
  let weighted = 0;
  for (let j = 0; j < k; j++) {
    total += weights?.[j] ?? 1;
    weighted += (weights?.[j] ?? 1) * durations[j]!;
  }
  const meanMs = total > 0 ? weighted / total : Number.NaN;
  // Ratio estimator of the mean outage: linearised, z = Σ (d - mean) / X over the client's outages.
  z.fill(0);
  for (let j = 0; j < k; j++) z[clients[j]!]! += (durations[j]! - meanMs) / total;
  const meanSe = total > 0 ? stratifiedTotalSe(pop, z) : Number.NaN;
  // Quantiles: Woodruff's interval, F's standard error at the estimate turned back into a quantile.
  const quantile = weightedQuantiles(sortedMs, sortedWeights);
  const quantileSe = (p: number): number => {
    if (total === 0) return Number.NaN;
    const q = quantile(p);
    z.fill(0);
    for (let j = 0; j < k; j++) z[clients[j]!]! += ((durations[j]! <= q ? 1 : 0) - p) / total;
    const seF = stratifiedTotalSe(pop, z);
    const lo = quantile(Math.max(0, p - 1.96 * seF));
    const hi = quantile(Math.min(1, p + 1.96 * seF));
    return (hi - lo) / (2 * 1.96);
  };
  return [
    ['sampled_clients', S],
    ['failed_requests_se', perClient === undefined ? Number.NaN : stratifiedTotalSe(pop, perClient.failed)],
    ['misdirected_requests_se', perClient === undefined ? Number.NaN : stratifiedTotalSe(pop, perClient.misdirected)],
    ['unavailability_se', unavailabilitySe],
    ['outage_mean_s_se', meanSe / 1000],
    ['outage_p50_s_se', quantileSe(0.5) / 1000],
    ['outage_p95_s_se', quantileSe(0.95) / 1000],
    ['outage_p99_s_se', quantileSe(0.99) / 1000],
  ];
}
