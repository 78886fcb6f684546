import type { Sample } from './samples.js';

/**
 * The `percent`-th percentile of samples by nearest rank, as colocation providers bill:
 * sort the samples, throw away the top (100 − percent)% and take the highest left; i.e.
 * the smallest value with at least `percent`% of the samples at or below it. Of a 30-day
 * month's 8,640 five-minute samples the top 432 (36 hours) are free. 0 with no samples.
 */
export function nearestRankPercentile(samples: readonly Sample[], percent: number): number {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  const n = samples.reduce((s, x) => s + x.count, 0);
  if (n === 0) return 0;
  // percent × n is exact for whole percents; the 1e-9 absorbs float noise otherwise.
  const rank = Math.max(1, Math.ceil((percent * n) / 100 - 1e-9));
  const sorted = [...samples].sort((a, b) => a.value - b.value);
  let seen = 0;
  for (const s of sorted) {
    seen += s.count;
    if (seen >= rank) return s.value;
  }
  return sorted.at(-1)!.value;
}
