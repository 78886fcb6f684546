import { mean, variance } from './statistics.js';
import { studentTQuantile } from './student-t.js';

/** How a difference's confidence interval was computed. */
export type DifferenceTest = 'paired' | 'welch';

/** B's mean minus A's mean, with its 95% confidence interval. */
export interface Difference {
  readonly test: DifferenceTest;
  readonly nA: number;
  readonly nB: number;
  readonly meanA: number;
  readonly meanB: number;
  /** meanB - meanA. */
  readonly diff: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** Degrees of freedom of the t quantile (Welch's are fractional); NaN when undefined. */
  readonly df: number;
}

/** A zero-width interval when there is no spread at all, NaN when there is too little data. */
function interval(diff: number, se: number, df: number): [number, number] {
  if (se === 0) return [diff, diff];
  const half = studentTQuantile(0.975, df) * se;
  return [diff - half, diff + half];
}

/**
 * Paired difference: `a[i]` and `b[i]` come from the same replication (same seed, common
 * random numbers). The CI is the one-sample Student t interval of the differences b - a,
 * with n - 1 degrees of freedom.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): Difference {
  if (a.length !== b.length) throw new Error(`paired difference needs equal lengths, got ${a.length} and ${b.length}`);
  const n = a.length;
  const d = a.map((x, i) => b[i]! - x);
  const diff = mean(d);
  const df = n - 1;
  const se = Math.sqrt(variance(d) / n);
  const [lo, hi] = interval(diff, se, df);
  return { test: 'paired', nA: n, nB: n, meanA: mean(a), meanB: mean(b), diff, ci95Low: lo, ci95High: hi, df: n < 2 ? NaN : df };
}

/**
 * Welch's unequal-variance difference of two independent samples: standard error
 * sqrt(sA²/nA + sB²/nB), degrees of freedom by Welch–Satterthwaite.
 */
export function welchDifference(a: readonly number[], b: readonly number[]): Difference {
  const nA = a.length;
  const nB = b.length;
  const qa = variance(a) / nA;
  const qb = variance(b) / nB;
  const se = Math.sqrt(qa + qb);
  const df = (qa + qb) ** 2 / ((qa * qa) / (nA - 1) + (qb * qb) / (nB - 1));
  const meanA = mean(a);
  const meanB = mean(b);
  const diff = meanB - meanA;
  const [lo, hi] = interval(diff, se, df);
  return { test: 'welch', nA, nB, meanA, meanB, diff, ci95Low: lo, ci95High: hi, df };
}
