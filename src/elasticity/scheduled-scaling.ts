import type { PolicyContext, Proposal, ScalingPolicy } from './policy.js';

const DAY_MS = 86_400_000;

/** One scheduled change: at a time of the run, or every day at a time of day (UTC). */
export type ScheduledChange =
  | { readonly kind: 'once'; readonly atMs: number; readonly desired: number }
  | { readonly kind: 'daily'; readonly timeOfDayMs: number; readonly desired: number };

/**
 * Scheduled scaling: the desired capacity is set at given times, or every day at given
 * times of day; the change takes effect at the first evaluation at or after its time (so a
 * period of 1 minute is exact to the minute). Not held back by the cooldown.
 */
export class ScheduledScaling implements ScalingPolicy {
  readonly name = 'scheduled';
  readonly periodMs: number;
  readonly #changes: readonly ScheduledChange[];
  readonly #dayOffsetMs: number;
  /** Changes up to this time have been applied (the run starts at 0). */
  #lastMs = -1;

  /** `dayOffsetMs`: time of day at simulated time 0, ms after midnight UTC. */
  constructor(changes: readonly ScheduledChange[], periodMs: number, dayOffsetMs: number) {
    this.#changes = changes;
    this.periodMs = periodMs;
    this.#dayOffsetMs = dayOffsetMs;
  }

  evaluate(ctx: PolicyContext): Proposal | undefined {
    const from = this.#lastMs;
    const to = ctx.nowMs;
    this.#lastMs = to;
    // The latest change that fell in (from, to].
    let best: { atMs: number; desired: number; what: string } | undefined;
    for (const c of this.#changes) {
      let at: number;
      if (c.kind === 'once') at = c.atMs;
      else {
        const day = Math.floor((to + this.#dayOffsetMs - c.timeOfDayMs) / DAY_MS);
        at = day * DAY_MS + c.timeOfDayMs - this.#dayOffsetMs;
      }
      if (at > from && at <= to && (best === undefined || at >= best.atMs)) {
        best = { atMs: at, desired: c.desired, what: c.kind === 'once' ? `at ${at / 1000} s` : `daily at ${c.timeOfDayMs / 3_600_000} h UTC` };
      }
    }
    return best === undefined ? undefined : { desired: best.desired, reason: () => `scheduled ${best.what}: desired ${best.desired}`, scheduled: true };
  }
}
