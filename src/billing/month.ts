/** Length in ms of calendar month `YYYY-MM` (UTC): 30 days for 2008-04, 29 for 2008-02. */
export function monthLengthMs(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (m === null) throw new RangeError(`expected a month like 2008-04, got ${JSON.stringify(month)}`);
  const y = Number(m[1]);
  const i = Number(m[2]) - 1;
  return Date.UTC(y, i + 1, 1) - Date.UTC(y, i, 1);
}

/** Simulated time (ms) at which the calendar month holding `timeMs` ends, in a run that started at `startEpochMs`. */
export function monthEndMs(startEpochMs: number, timeMs: number): number {
  const d = new Date(startEpochMs + timeMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - startEpochMs;
}
