import type { SweepProgress } from '../experiment/run-sweep.js';

/** `1h 02m`, `3m 05s`, `42s`. */
export function formatEta(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The progress line of a sweep: a bar, points done, runs done and the time left, estimated
 * from the mean time per run so far (`elapsedMs` of wall clock since the start).
 * `[########------------] 2/5 points  12/30 runs  ETA 1m 05s`
 */
export function formatSweepProgress(p: SweepProgress, elapsedMs: number, width = 20): string {
  const frac = p.runsTotal === 0 ? 1 : p.runsDone / p.runsTotal;
  const filled = Math.round(frac * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const eta = p.runsDone === 0 ? '?' : formatEta((elapsedMs / p.runsDone) * (p.runsTotal - p.runsDone));
  return `${bar} ${p.pointsDone}/${p.pointsTotal} points  ${p.runsDone}/${p.runsTotal} runs  ETA ${eta}`;
}
