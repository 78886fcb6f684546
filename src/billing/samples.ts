import { monthKey } from '../network/calendar.js';
import type { RateStep } from './internet-rate.js';
import { monthEndMs } from './month.js';

/** `count` sampling intervals whose average rate was `value` (bytes per ms). */
export interface Sample {
  readonly value: number;
  readonly count: number;
}

/**
 * The samples a router would have taken of a step-function rate: the average over every
 * interval [k × sampleMs, (k + 1) × sampleMs) of the run (the last one cut at `endMs`),
 * grouped by the calendar month the interval starts in. A run of whole intervals inside
 * one step is returned as one sample with a count, so the work grows with the steps and
 * the months, not with the run's length (a year of 5-minute samples is 105,120).
 */
export function intervalSamples(steps: readonly RateStep[], pick: (s: RateStep) => number, endMs: number, sampleMs: number, startEpochMs: number): Map<string, Sample[]> {
  if (!(sampleMs > 0)) throw new RangeError(`sampleMs must be > 0, got ${sampleMs}`);
  const out = new Map<string, Sample[]>();
  const push = (month: string, value: number, count: number): void => {
    const list = out.get(month) ?? [];
    list.push({ value, count });
    out.set(month, list);
  };
  const stepEnd = (i: number): number => steps[i + 1]?.fromMs ?? Infinity;
  let seg = 0;
  for (let s = 0; s < endMs;) {
    while (seg + 1 < steps.length && steps[seg + 1]!.fromMs <= s) seg++;
    const e = Math.min(s + sampleMs, endMs);
    const month = monthKey(startEpochMs, s);
    if (e <= stepEnd(seg)) {
      // Whole intervals inside this step and starting in this month share one value.
      const inStep = Math.floor((Math.min(stepEnd(seg), endMs) - s) / sampleMs);
      const inMonth = Math.ceil((monthEndMs(startEpochMs, s) - s) / sampleMs);
      const n = Math.max(1, Math.min(inStep, inMonth));
      push(month, pick(steps[seg]!), n);
      s += n * sampleMs;
      continue;
    }
    // The interval spans a change: average the steps over it.
    let bytes = 0;
    for (let t = s, k = seg; t < e; k++) {
      const to = Math.min(stepEnd(k), e);
      bytes += pick(steps[k]!) * (to - t);
      t = to;
    }
    push(month, bytes / (e - s), 1);
    s += sampleMs;
  }
  return out;
}
