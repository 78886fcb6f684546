import type { Simulation } from '../engine/index.js';

/** Steps a watched run takes: its observer hears of the clock this many times. */
export const OBSERVED_STEPS = 200;

/**
 * Runs `sim` to `endMs`: in one call without an observer; with one, in OBSERVED_STEPS
 * steps of simulated time, calling `onSimulated(reachedMs, endMs)` after each. Running to a
 * sequence of `until`s executes the same events in the same order as one run to the last
 * (events at a step's end run in that step; nothing happens between steps), so the results
 * are the same bytes either way. Returns the events executed in all.
 */
export function runObserved(sim: Simulation, endMs: number, onSimulated?: (simulatedMs: number, durationMs: number) => void): { events: number } {
  if (onSimulated === undefined) return { events: sim.run({ until: endMs }).events };
  const step = Math.max(1, Math.ceil(endMs / OBSERVED_STEPS));
  let events = 0;
  for (let t = Math.min(endMs, sim.now + step); ; t = Math.min(endMs, t + step)) {
    events += sim.run({ until: t }).events;
    onSimulated(t, endMs);
    if (t >= endMs) break;
  }
  return { events };
}
