import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { creditShares, stealFractions, type CreditGuest } from '../../src/cloud/credit-scheduler.js';

const guest = (weight: number, demand: number, cap = Infinity): CreditGuest => ({ weight, cap, demand });

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 10));
}

describe('creditShares', () => {
  it('gives everyone their demand when the host is not overcommitted, and no steal', () => {
    const guests = [guest(1, 0.5), guest(1, 1), guest(4, 3.5)];
    expectClose(creditShares(8, guests), [0.5, 1, 3.5]);
    expect(stealFractions(8, guests)).toEqual([0, 0, 0]);
  });

  it('splits an overcommitted host by weight: C=8, weights 1,1,2, demands 4,4,4 → 2,2,4', () => {
    const guests = [guest(1, 4), guest(1, 4), guest(2, 4)];
    expectClose(creditShares(8, guests), [2, 2, 4]);
    expectClose(stealFractions(8, guests), [0.5, 0.5, 0]);
  });

  it('redistributes what a light guest leaves: C=8, weights 1,1,2, demands 1,4,8 → 1, 7/3, 14/3', () => {
    const guests = [guest(1, 1), guest(1, 4), guest(2, 8)];
    expectClose(creditShares(8, guests), [1, 7 / 3, 14 / 3]);
    expectClose(stealFractions(8, guests), [0, 1 - 7 / 12, 1 - 14 / 24]);
  });

  it('holds a capped guest at its cap and shares the rest: A weight 1 cap 1 demand 4', () => {
    const guests = [guest(1, 4, 1), guest(1, 8), guest(2, 8)];
    expectClose(creditShares(8, guests), [1, 7 / 3, 14 / 3]);
    // A's cap is its own limit, not steal.
    expect(stealFractions(8, guests)[0]).toBe(0);
  });

  it('is exactly fair between equal guests when all are CPU-bound', () => {
    const guests = Array.from({ length: 5 }, () => guest(256, 1));
    expectClose(creditShares(2, guests), [0.4, 0.4, 0.4, 0.4, 0.4]);
    expectClose(stealFractions(2, guests), [0.6, 0.6, 0.6, 0.6, 0.6]);
  });

  it('handles no guests, idle guests, zero caps and zero capacity', () => {
    expect(creditShares(8, [])).toEqual([]);
    expect(creditShares(8, [guest(1, 0), guest(1, 0)])).toEqual([0, 0]);
    expect(stealFractions(8, [guest(1, 0)])).toEqual([0]);
    expect(creditShares(8, [guest(1, 5, 0), guest(1, 10)])).toEqual([0, 8]);
    expect(creditShares(0, [guest(1, 1), guest(2, 1)])).toEqual([0, 0]);
    expect(stealFractions(0, [guest(1, 1), guest(2, 1)])).toEqual([1, 1]);
  });

  it('accepts precomputed shares for the steal fractions', () => {
    const guests = [guest(1, 4), guest(1, 4)];
    expect(stealFractions(4, guests, [1, 3])).toEqual([0.75, 0.25]);
  });

  it('rejects impossible inputs', () => {
    expect(() => creditShares(-1, [])).toThrow(RangeError);
    expect(() => creditShares(Infinity, [])).toThrow(/capacity must be finite/);
    expect(() => creditShares(8, [guest(0, 1)])).toThrow(/guest 0: weight must be finite and > 0, got 0/);
    expect(() => creditShares(8, [guest(1, 1), guest(1, -1)])).toThrow(/guest 1: demand/);
    expect(() => creditShares(8, [guest(1, Infinity)])).toThrow(/demand must be finite/);
    expect(() => creditShares(8, [guest(1, 1, -1)])).toThrow(/cap must be >= 0/);
    expect(() => creditShares(8, [guest(1, 1, NaN)])).toThrow(/cap/);
  });

  it('conserves work and respects demands, caps and weighted fairness over 1,000 random hosts', () => {
    const rng = seedrandom('credit-scheduler');
    for (let trial = 0; trial < 1000; trial++) {
      const capacity = rng() < 0.05 ? 0 : rng() * 16;
      const n = Math.floor(rng() * 12);
      const guests = Array.from({ length: n }, () =>
        guest(
          1 + Math.floor(rng() * 8) * 32,
          rng() < 0.1 ? 0 : rng() * 8,
          rng() < 0.6 ? Infinity : rng() < 0.1 ? 0 : rng() * 4,
        ),
      );
      const shares = creditShares(capacity, guests);
      const wants = guests.map((g) => Math.min(g.demand, g.cap));
      const wanted = wants.reduce((a, b) => a + b, 0);
      const total = shares.reduce((a, b) => a + b, 0);
      const eps = 1e-9 * Math.max(1, capacity, wanted);
      expect(total).toBeCloseTo(Math.min(capacity, wanted), 9);
      shares.forEach((s, i) => {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(wants[i]! + eps);
      });
      // Max-min fairness: a guest held below its want gets at least as much per unit weight
      // as any other guest gets.
      const level = Math.max(0, ...shares.map((s, i) => s / guests[i]!.weight));
      shares.forEach((s, i) => {
        if (s < wants[i]! - eps) expect(s / guests[i]!.weight).toBeGreaterThanOrEqual(level - eps);
      });
      for (const st of stealFractions(capacity, guests, shares)) {
        expect(st).toBeGreaterThanOrEqual(0);
        expect(st).toBeLessThanOrEqual(1);
      }
      if (wanted <= capacity) expect(stealFractions(capacity, guests, shares).every((st) => st === 0)).toBe(true);
    }
  });
});
