import { describe, expect, it } from 'vitest';
import { Demand, type DemandSpec } from '../../src/service/demand.js';

const H = 3_600_000;
const D = 24 * H;
const START = Date.UTC(2008, 3, 1); // a Tuesday

const spec = (over: Partial<DemandSpec>): DemandSpec => ({ ratePerMs: 0.1, spikes: [], startEpochMs: START, ...over });

describe('demand', () => {
  it('integrates a flat rate exactly over any span', () => {
    const d = new Demand(spec({}), 1);
    expect(d.requestsIn(0, D)).toBeCloseTo(0.1 * D, 6);
    expect(d.requestsIn(123, 456)).toBeCloseTo(0.1 * 333, 9);
    expect(d.requestsIn(5, 5)).toBe(0);
  });

  it('follows the hourly profile of each weekday, in UTC of the simulated calendar', () => {
    const weekday = Array.from({ length: 24 }, (_, h) => h + 1); // hour h has multiplier h + 1
    const sunday = new Array<number>(24).fill(0.5);
    const hourly = [weekday, weekday, weekday, weekday, weekday, weekday, sunday];
    const d = new Demand(spec({ hourly }), 1);
    // Tuesday: Σ (h + 1) hours = 300 hours' worth at the base rate.
    expect(d.requestsIn(0, D)).toBeCloseTo(0.1 * 300 * H, 3);
    // Sunday 2008-04-06 is day 5 of the run.
    expect(d.requestsIn(5 * D, 6 * D)).toBeCloseTo(0.1 * 0.5 * D, 3);
    // Half of hour 3 (multiplier 4) and half of hour 4 (5).
    expect(d.requestsIn(3.5 * H, 4.5 * H)).toBeCloseTo(0.1 * (4 + 5) * 0.5 * H, 6);
    // A start at 12:00 UTC shifts the profile by 12 hours.
    const noon = new Demand(spec({ hourly, startEpochMs: START + 12 * H }), 1);
    expect(noon.rateAt(0)).toBeCloseTo(0.1 * 13, 12);
  });

  it('adds a flash crowd: a trapezoid of its factor', () => {
    const d = new Demand(spec({ spikes: [{ atMs: 2 * H, durationMs: H, factor: 11, rampMs: 10 * 60_000 }] }), 1);
    // Extra demand: (factor − 1) × base × (duration − ramp) (two half-ramps).
    const extra = 10 * 0.1 * (H - 10 * 60_000);
    expect(d.requestsIn(0, 4 * H)).toBeCloseTo(0.1 * 4 * H + extra, 3);
    // Exact on a piece that cuts a ramp: 5 minutes into the rise, the factor is 6.
    expect(d.rateAt(2 * H + 5 * 60_000)).toBeCloseTo(0.1 * 6, 12);
    expect(d.requestsIn(2 * H, 2 * H + 10 * 60_000)).toBeCloseTo(0.1 * 6 * 10 * 60_000, 6);
    // A span ending where the spike ends takes the factor up to its end (no step at the edge).
    const flat = new Demand(spec({ spikes: [{ atMs: 2 * H, durationMs: H, factor: 3, rampMs: 0 }] }), 1);
    expect(flat.requestsIn(3 * H - 60_000, 3 * H)).toBeCloseTo(0.1 * 3 * 60_000, 9);
    expect(flat.requestsIn(2 * H - 60_000, 2 * H)).toBeCloseTo(0.1 * 60_000, 9);
  });

  it('replays a trace of counts per interval, and repeats it when asked', () => {
    const trace = { intervalMs: H, counts: [3600, 7200], repeat: true };
    const d = new Demand(spec({ trace }), 1);
    expect(d.requestsIn(0, H)).toBeCloseTo(3600, 9);
    expect(d.requestsIn(0.5 * H, 1.5 * H)).toBeCloseTo(1800 + 3600, 9);
    expect(d.requestsIn(2 * H, 4 * H)).toBeCloseTo(3600 + 7200, 9);
  });

  it('noise has mean 1 and the coefficient of variation asked, independent of the order it is read', () => {
    const cv = 0.3;
    const d = new Demand(spec({ noiseCv: cv }), 42);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = d.noise(i);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean - 1)).toBeLessThan(4 * cv / Math.sqrt(n));
    // sd of the sample sd ≈ sd·sqrt((kurtosis − 1)/(4n)); a log-normal with cv 0.3 has kurtosis ≈ 4.8.
    expect(Math.abs(sd - cv)).toBeLessThan(4 * cv * Math.sqrt(3.8 / (4 * n)));
    expect(d.noise(77)).toBe(new Demand(spec({ noiseCv: cv }), 42).noise(77));
    expect(new Demand(spec({}), 42).noise(3)).toBe(1);
  });
});

describe('a linear profile', () => {
  it('moves from each hour to the next, across days and weekdays, and integrates exactly', () => {
    const day = Array.from({ length: 24 }, (_, h) => h); // multiplier h at h:00
    const sunday = new Array<number>(24).fill(100);
    const d = new Demand(spec({ hourly: [day, day, day, day, day, day, sunday], shape: 'linear' }), 1);
    expect(d.rateAt(3.5 * H)).toBeCloseTo(0.1 * 3.5, 12);
    // Hour 23 of Tuesday moves to hour 0 of Wednesday (0): 23 → 0.
    expect(d.rateAt(23.5 * H)).toBeCloseTo(0.1 * 11.5, 12);
    // A day: trapezoids 0→1, ..., 22→23, 23→0: Σ = (0 + 2·(1 + … + 22) + 23 + 23 + 0)/2.
    expect(d.requestsIn(0, D)).toBeCloseTo(0.1 * H * (2 * 253 + 46) / 2, 2);
    // Saturday 23:00 moves toward Sunday's 100.
    expect(d.rateAt(4 * D + 23.5 * H)).toBeCloseTo(0.1 * (23 + 100) / 2, 12);
    // With a spike across an hour boundary: Simpson on the quadratic pieces is exact.
    const withSpike = new Demand(spec({ hourly: [day, day, day, day, day, day, sunday], shape: 'linear', spikes: [{ atMs: 5.5 * H, durationMs: H, factor: 3, rampMs: 0 }] }), 1);
    expect(withSpike.requestsIn(5 * H, 7 * H) - d.requestsIn(5 * H, 7 * H)).toBeCloseTo(2 * 0.1 * H * (5.5 + 6.5) / 2, 3);
  });
});
