import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { CapacityIndex, type Capacity } from '../../src/cloud/capacity-index.js';

/** Brute-force model: free capacity per host, null when unavailable. */
type Model = (Capacity | null)[];

const fits = (c: Capacity | null, need: Capacity): boolean =>
  c !== null && c.memoryMb >= need.memoryMb && c.milliEcu >= need.milliEcu && c.diskGb >= need.diskGb;

function bruteFirst(m: Model, need: Capacity, from: number, to: number): number {
  for (let h = from; h < to; h++) if (fits(m[h]!, need)) return h;
  return -1;
}

function bruteBest(m: Model, need: Capacity, from: number, to: number): number {
  let best = -1;
  for (let h = from; h < to; h++) {
    if (fits(m[h]!, need) && (best < 0 || m[h]!.memoryMb < m[best]!.memoryMb)) best = h;
  }
  return best;
}

describe('CapacityIndex', () => {
  it('starts with every host unavailable', () => {
    const index = new CapacityIndex(5);
    expect(index.isAvailable(3)).toBe(false);
    expect(index.free(3)).toEqual({ memoryMb: -1, milliEcu: -1, diskGb: -1 });
    expect(index.firstFit({ memoryMb: 0, milliEcu: 0, diskGb: 0 })).toBe(-1);
    expect(index.bestFit({ memoryMb: 0, milliEcu: 0, diskGb: 0 })).toBe(-1);
    expect(index.maxFree()).toEqual({ memoryMb: -1, milliEcu: -1, diskGb: -1 });
  });

  it('handles 0 and 1 hosts and sizes that are not powers of two', () => {
    expect(new CapacityIndex(0).firstFit({ memoryMb: 0, milliEcu: 0, diskGb: 0 })).toBe(-1);
    const one = new CapacityIndex(1);
    one.set(0, 10, 10, 10);
    expect(one.firstFit({ memoryMb: 10, milliEcu: 10, diskGb: 10 })).toBe(0);
    expect(one.bestFit({ memoryMb: 11, milliEcu: 1, diskGb: 1 })).toBe(-1);
    const seven = new CapacityIndex(7);
    seven.set(6, 5, 5, 5);
    expect(seven.firstFit({ memoryMb: 5, milliEcu: 5, diskGb: 5 })).toBe(6);
    expect(seven.firstFit({ memoryMb: 5, milliEcu: 5, diskGb: 5 }, 0, 6)).toBe(-1);
  });

  it('needs every dimension to fit', () => {
    const index = new CapacityIndex(4);
    index.set(0, 9, 1, 9); // short of CPU
    index.set(1, 9, 9, 1); // short of disk
    index.set(2, 1, 9, 9); // short of memory
    index.set(3, 5, 5, 5);
    const need = { memoryMb: 5, milliEcu: 5, diskGb: 5 };
    expect(index.firstFit(need)).toBe(3);
    expect(index.bestFit(need)).toBe(3);
    expect(index.fits(0, need)).toBe(false);
    expect(index.fits(3, need)).toBe(true);
    index.setUnavailable(3);
    expect(index.firstFit(need)).toBe(-1);
    expect(index.fits(3, { memoryMb: 0, milliEcu: 0, diskGb: 0 })).toBe(false);
  });

  it('rejects bad input with plain messages', () => {
    const index = new CapacityIndex(4);
    expect(() => index.set(4, 1, 1, 1)).toThrow(/outside/);
    expect(() => index.set(0, -1, 1, 1)).toThrow(/memory/);
    expect(() => index.set(0, 1, 1.5, 1)).toThrow(/CPU/);
    expect(() => index.firstFit({ memoryMb: -1, milliEcu: 0, diskGb: 0 })).toThrow(/>= 0/);
    expect(() => index.firstFit({ memoryMb: 1, milliEcu: 0, diskGb: 0 }, 3, 2)).toThrow(/range/);
    expect(() => index.firstFitFrom({ memoryMb: 1, milliEcu: 0, diskGb: 0 }, 3, 0, 2)).toThrow(/start/);
    expect(() => new CapacityIndex(-1)).toThrow(/non-negative/);
  });

  it('agrees with brute force over random updates and queries', () => {
    const rng = seedrandom('capacity-index');
    const int = (k: number): number => Math.floor(rng() * k);
    for (const n of [1, 2, 3, 17, 64, 100, 257]) {
      const index = new CapacityIndex(n);
      const model: Model = new Array<Capacity | null>(n).fill(null);
      for (let step = 0; step < 3000; step++) {
        const h = int(n);
        if (rng() < 0.15) {
          index.setUnavailable(h);
          model[h] = null;
        } else {
          const c = { memoryMb: int(8) * 1000, milliEcu: int(8) * 500, diskGb: int(8) * 100 };
          index.set(h, c.memoryMb, c.milliEcu, c.diskGb);
          model[h] = c;
        }
        const need = { memoryMb: int(7) * 1000, milliEcu: int(7) * 500, diskGb: int(7) * 100 };
        const from = int(n + 1);
        const to = from + int(n - from + 1);
        const start = from + int(to - from + 1);
        expect(index.firstFit(need, from, to)).toBe(bruteFirst(model, need, from, to));
        expect(index.bestFit(need, from, to)).toBe(bruteBest(model, need, from, to));
        const wrap = bruteFirst(model, need, start, to);
        expect(index.firstFitFrom(need, start, from, to)).toBe(wrap >= 0 ? wrap : bruteFirst(model, need, from, start));
        expect(index.free(h)).toEqual(model[h] ?? { memoryMb: -1, milliEcu: -1, diskGb: -1 });
        expect(index.isAvailable(h)).toBe(model[h] !== null);
      }
      const max = (k: keyof Capacity): number => Math.max(-1, ...model.map((c) => (c === null ? -1 : c[k])));
      expect(index.maxFree()).toEqual({ memoryMb: max('memoryMb'), milliEcu: max('milliEcu'), diskGb: max('diskGb') });
    }
  });
});
