import { monthSpans } from '../network/calendar.js';

/** One hour in ms. */
export const HOUR_MS = 3_600_000;

/**
 * Whole hours billed for usage over [fromMs, toMs): every partial hour is a full hour, and
 * any usage at all is at least one hour (EC2's rule, 2008). Hours count from `fromMs`
 * (the launch), not from the clock: an instance launched at 10:40 and stopped at 11:41
 * used 61 minutes and pays 2 hours.
 */
export function billedHours(fromMs: number, toMs: number): number {
  if (toMs < fromMs) throw new RangeError(`usage ends (${toMs} ms) before it starts (${fromMs} ms)`);
  return Math.max(1, Math.ceil((toMs - fromMs) / HOUR_MS));
}

/**
 * Splits `hours` billed hours that start at `fromMs`, `fromMs + 1 h`, ... over calendar
 * months: an hour is billed in the month it begins, so an hour straddling midnight at a
 * month's end belongs to the earlier month and no hour is counted twice or lost.
 * Returns hours by `YYYY-MM`, in month order.
 */
export function hoursByMonth(startEpochMs: number, fromMs: number, hours: number): Map<string, number> {
  const out = new Map<string, number>();
  const starts = (t: number): number => Math.ceil((t - fromMs) / HOUR_MS); // hour starts before t
  for (const m of monthSpans(startEpochMs, fromMs, fromMs + hours * HOUR_MS)) {
    const n = Math.min(hours, starts(m.toMs)) - starts(m.fromMs);
    if (n > 0) out.set(m.month, (out.get(m.month) ?? 0) + n);
  }
  return out;
}
