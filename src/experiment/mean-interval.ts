import type { Support } from '../metrics/metric-kind.js';
import { mean, variance } from './statistics.js';
import { studentTQuantile } from './student-t.js';

/** On which scale a mean's interval was formed. */
export type IntervalScale = 'log' | 'logit' | 't';

/** A sample's mean with a 95% confidence interval that stays within the metric's values. */
export interface MeanInterval {
  readonly n: number;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (n - 1); NaN when n < 2. */
  readonly sd: number;
  /** The 95% interval of the mean; NaN when n < 2; [mean, mean] when every value is the same. */
  readonly low: number;
  readonly high: number;
  /** `log` for a quantity >= 0, `logit` for one within [lo, hi], `t` when the interval is Student's own. */
  readonly scale: IntervalScale;
}

const quantiles = new Map<number, number>();

/** t(0.975, df), remembered: a sweep asks for the same few over and over. */
function t975(df: number): number {
  let q = quantiles.get(df);
  if (q === undefined) {
    q = studentTQuantile(0.975, df);
    quantiles.set(df, q);
  }
  return q;
}

/**
 * The mean of `values` with a 95% confidence interval that respects `support` (the values
 * the metric can take, from its kind in the catalogue): Student's t interval formed on a
 * transformed scale by the delta method, then mapped back.
 *
 * - support [lo, inf) (counts, durations, money, sizes, rates): on the log scale of
 *   (mean - lo), whose standard error is se / (mean - lo): lo + (mean - lo) * exp(±t·se/(mean - lo)).
 *   Never below lo, longer above the mean than below it, as the sampling distribution of a
 *   mean of skewed positive values is.
 * - support [lo, hi] (fractions, percentages, flags): on the logit scale of
 *   u = (mean - lo) / (hi - lo), whose standard error is se / ((hi - lo) u (1 - u)).
 * - no support, or a value outside it: Student's t interval itself (scale `t`).
 *
 * t = t(0.975, n - 1) and se = sd / sqrt(n) in every case, so when the spread is small
 * against the distance to the bound the interval is Student's. test/experiment/mean-interval.test.ts
 * measures its coverage on samples from known distributions.
 */
export function meanInterval(values: readonly number[], support?: Support): MeanInterval {
  const n = values.length;
  const m = mean(values);
  // Equal values have no spread (the variance of equal doubles can come out a rounding error above 0).
  const sd = n > 1 && Number.isFinite(values[0]) && values.every((v) => v === values[0]) ? 0 : Math.sqrt(variance(values));
  if (n < 2) return { n, mean: m, sd, low: NaN, high: NaN, scale: 't' };
  const se = sd / Math.sqrt(n);
  const q = t975(n - 1);
  const inside = support !== undefined && Number.isFinite(support.lo) && values.every((v) => v >= support.lo && v <= support.hi);
  const scale: IntervalScale = !inside ? 't' : support.hi === Infinity ? 'log' : 'logit';
  if (se === 0 || !Number.isFinite(se)) return { n, mean: m, sd, low: se === 0 ? m : NaN, high: se === 0 ? m : NaN, scale };
  if (scale === 'log') {
    const d = m - support!.lo;
    const f = Math.exp((q * se) / d);
    return { n, mean: m, sd, low: support!.lo + d / f, high: support!.lo + d * f, scale };
  }
  if (scale === 'logit') {
    const { lo, hi } = support!;
    const w = hi - lo;
    const u = (m - lo) / w;
    const l = Math.log(u / (1 - u));
    const s = se / (w * u * (1 - u));
    const back = (z: number): number => lo + w / (1 + Math.exp(-z));
    return { n, mean: m, sd, low: back(l - q * s), high: back(l + q * s), scale };
  }
  return { n, mean: m, sd, low: m - q * se, high: m + q * se, scale };
}
