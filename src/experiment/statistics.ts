import { studentTQuantile } from './student-t.js';

/** Mean, spread and a 95% confidence interval of a sample. */
export interface SampleSummary {
  /** Number of values. */
  readonly n: number;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator); NaN when n < 2. */
  readonly sd: number;
  /** 95% confidence interval of the mean, Student t with n - 1 degrees of freedom; NaN when n < 2. */
  readonly ci95Low: number;
  readonly ci95High: number;
}

/** The arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** The sample variance (n - 1 in the denominator, two-pass); NaN for fewer than two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return s / (values.length - 1);
}

/** n, mean, sd and the Student-t 95% confidence interval of the mean. */
export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  const m = mean(values);
  const sd = Math.sqrt(variance(values));
  const half = n < 2 ? NaN : studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, ci95Low: m - half, ci95High: m + half };
}
