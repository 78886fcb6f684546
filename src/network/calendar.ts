/**
 * Calendar months of a run: simulated time is ms since the start, the start an epoch
 * instant (UTC). Billing splits usage at month boundaries, so meters do too.
 */

/** `YYYY-MM` (UTC) of simulated time `timeMs` in a run that started at `startEpochMs`. */
export function monthKey(startEpochMs: number, timeMs: number): string {
  const d = new Date(startEpochMs + timeMs);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** [fromMs, toMs) cut at calendar-month boundaries, in order; empty when toMs <= fromMs. */
export function monthSpans(startEpochMs: number, fromMs: number, toMs: number): { month: string; fromMs: number; toMs: number }[] {
  const out: { month: string; fromMs: number; toMs: number }[] = [];
  let a = fromMs;
  while (a < toMs) {
    const d = new Date(startEpochMs + a);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - startEpochMs;
    const b = Math.min(toMs, next);
    out.push({ month: monthKey(startEpochMs, a), fromMs: a, toMs: b });
    a = b;
  }
  return out;
}
