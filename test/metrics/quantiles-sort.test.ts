import { describe, expect, it } from 'vitest';
import { sortInPlace, sortWithWeights } from '../../src/metrics/quantiles.js';

// A fixed pseudo-random sequence (no Math.random): whole milliseconds up to about 12 days.
function values(n: number, whole: boolean): Float64Array {
  let x = 12345;
  return Float64Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return whole ? x % 1_000_000_000 : x / 7;
  });
}

describe('the outage sorts', () => {
  it('sort as the built-in sort does, by radix (many whole numbers) or not', () => {
    for (const [n, whole] of [[100_000, true], [100_000, false], [1_000, true]] as const) {
      const v = values(n, whole);
      expect(Array.from(sortInPlace(v.slice()))).toEqual(Array.from(v.slice().sort()));
    }
  });

  it('move the weights with their values, stably', () => {
    for (const whole of [true, false]) {
      const v = values(50_000, whole).map((x) => (whole ? x % 1000 : x));
      const w = Float64Array.from(v, (_, i) => i);
      const order = Array.from(v, (x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      sortWithWeights(v, w);
      expect(Array.from(v)).toEqual(order.map(([x]) => x));
      expect(Array.from(w)).toEqual(order.map(([, i]) => i));
    }
  });
});

describe('forEachSorted', () => {
  it('visits the sorted concatenation of sorted parts in order, empty parts and ties included', async () => {
    const { forEachSorted } = await import('../../src/metrics/quantiles.js');
    const all = values(50_000, true);
    const cuts = [0, 0, 7, 7, 1000, 20_000, 49_999, 50_000];
    const parts = cuts.slice(1).map((c, i) => all.slice(cuts[i], c).sort());
    parts.push(Float64Array.from([5, 5, 5]), new Float64Array(0));
    const expected = Array.from(Float64Array.from([...all, 5, 5, 5]).sort());
    const seen: number[] = [];
    forEachSorted(parts, (x, rank) => {
      expect(rank).toBe(seen.length);
      seen.push(x);
    });
    expect(seen).toEqual(expected);
    forEachSorted([], () => expect.unreachable());
  });
});
