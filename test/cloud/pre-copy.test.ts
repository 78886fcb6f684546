import { describe, expect, it } from 'vitest';
import { preCopy, XEN_STOP_BELOW_BYTES } from '../../src/cloud/pre-copy.js';

const MIB = 2 ** 20;

/**
 * The geometric pre-copy series in closed form (Clark et al. 2005): with r = D/B < 1, round k
 * sends M r^(k-1); pre-copy stops after the first round n that sent fewer than S bytes, so
 * n = floor(log(S/M) / log r) + 2 when that is not an integer boundary; the pause is M r^n / B
 * and the whole migration (M / B)(1 - r^(n+1)) / (1 - r).
 */
function closedForm(m: number, b: number, d: number, s = XEN_STOP_BELOW_BYTES) {
  const r = d / b;
  const n = Math.floor(Math.log(s / m) / Math.log(r)) + 2;
  return { n, pauseMs: (m * r ** n) / b, totalMs: ((m / b) * (1 - r ** (n + 1))) / (1 - r), sent: (m * (1 - r ** (n + 1))) / (1 - r) };
}

describe('pre-copy live migration', () => {
  it.each([
    // memory (MiB), bandwidth and dirty rate (bytes per ms; 125,000 = 125 MB/s): m1.small, m1.large, m1.xlarge at several rates
    [1740, 125_000, 20_000],
    [7680, 125_000, 20_000],
    [15_360, 125_000, 60_000],
    [1740, 12_500, 2_000],
    [1740, 125_000, 1_000],
  ])('matches the closed form of the geometric series: %i MiB at %i B/ms dirtying %i B/ms', (mib, b, d) => {
    const m = mib * MIB;
    const want = closedForm(m, b, d);
    const got = preCopy({ memoryBytes: m, bandwidthBytesPerMs: b, dirtyBytesPerMs: d });
    expect(got.stop).toBe('converged');
    expect(got.rounds).toBe(want.n);
    expect(got.pauseMs).toBeCloseTo(want.pauseMs, 9);
    expect(got.totalMs / want.totalMs).toBeCloseTo(1, 12);
    expect(got.sentBytes / want.sent).toBeCloseTo(1, 12);
  });

  it('the 2008 defaults for an m1.small: 125 MB/s, 20 MB/s: 6 rounds, a pause of 0.245 ms, 17.38 s in all', () => {
    const got = preCopy({ memoryBytes: 1740 * MIB, bandwidthBytesPerMs: 125_000, dirtyBytesPerMs: 20_000 });
    expect(got.rounds).toBe(6);
    expect(got.pauseMs).toBeCloseTo(0.245, 3);
    expect(got.totalMs / 1000).toBeCloseTo(17.376, 3);
  });

  it('a guest dirtying memory faster than 3 x M can be sent stops at the 3 x M cap: r = 0.8 sends 5 rounds', () => {
    // After k rounds M (1 - r^k) / (1 - r) has gone: > 3 M first at k = 5 (3.36 M).
    const m = 15_360 * MIB;
    const r = 0.8;
    const got = preCopy({ memoryBytes: m, bandwidthBytesPerMs: 125_000, dirtyBytesPerMs: 100_000 });
    expect(got.stop).toBe('max-factor');
    expect(got.rounds).toBe(5);
    expect(got.pauseMs).toBeCloseTo((m * r ** 5) / 125_000, 6);
    expect(got.totalMs).toBeCloseTo(((m / 125_000) * (1 - r ** 6)) / (1 - r), 6);
  });

  it('dirtying at or above the bandwidth re-sends all memory until the cap, then pauses for a full copy', () => {
    const m = 1740 * MIB;
    const got = preCopy({ memoryBytes: m, bandwidthBytesPerMs: 125_000, dirtyBytesPerMs: 250_000 });
    expect(got.stop).toBe('max-factor');
    expect(got.rounds).toBe(4); // 4 M > 3 M
    expect(got.pauseMs).toBeCloseTo(m / 125_000, 9);
    expect(got.totalMs).toBeCloseTo((5 * m) / 125_000, 9);
  });

  it('stops after the round limit when the cap is lifted: 29 rounds, then the rest', () => {
    const m = 1740 * MIB;
    const r = 0.9;
    const got = preCopy({ memoryBytes: m, bandwidthBytesPerMs: 100_000, dirtyBytesPerMs: 90_000, maxFactor: Infinity });
    expect(got.stop).toBe('max-rounds');
    expect(got.rounds).toBe(29);
    expect(got.pauseMs).toBeCloseTo((m * r ** 29) / 100_000, 6);
    expect(got.totalMs).toBeCloseTo(((m / 100_000) * (1 - r ** 30)) / (1 - r), 6);
  });

  it('a guest that dirties nothing pauses for nothing after one full copy', () => {
    const got = preCopy({ memoryBytes: 1740 * MIB, bandwidthBytesPerMs: 125_000, dirtyBytesPerMs: 0 });
    expect(got).toMatchObject({ rounds: 2, pauseMs: 0, stop: 'converged' });
    expect(got.totalMs).toBeCloseTo((1740 * MIB) / 125_000, 9);
  });

  it('refuses impossible inputs', () => {
    expect(() => preCopy({ memoryBytes: 0, bandwidthBytesPerMs: 1, dirtyBytesPerMs: 0 })).toThrow(RangeError);
    expect(() => preCopy({ memoryBytes: 1, bandwidthBytesPerMs: 0, dirtyBytesPerMs: 0 })).toThrow(RangeError);
    expect(() => preCopy({ memoryBytes: 1, bandwidthBytesPerMs: 1, dirtyBytesPerMs: -1 })).toThrow(RangeError);
  });
});
