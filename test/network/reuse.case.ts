/**
 * The suite every address reuse policy must pass (like placement.case.ts): run it from a
 * *.test.ts file with a factory for the policy under test. Answers are checked against a
 * brute-force set of free offsets.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { ReusePolicy } from '../../src/network/reuse/index.js';

/** Builds the policy under test over `size` offsets. */
export type ReuseFactory = (size: number, rng: () => number) => ReusePolicy;

/** The shared suite. */
export function reusePolicySuite(label: string, factory: ReuseFactory): void {
  describe(`reuse policy suite: ${label}`, () => {
    it('hands out every offset exactly once, then reports exhaustion', () => {
      const p = factory(1000, seedrandom('all'));
      const seen = new Set<number>();
      for (let i = 0; i < 1000; i++) {
        const o = p.take();
        expect(o).toBeDefined();
        expect(o! >= 0 && o! < 1000).toBe(true);
        seen.add(o!);
      }
      expect(seen.size).toBe(1000);
      expect(p.free).toBe(0);
      expect(p.take()).toBeUndefined();
      expect(p.take()).toBeUndefined();
    });

    it('agrees with a brute-force free set over 20,000 random takes and gives', () => {
      const rng = seedrandom('ops');
      for (const size of [1, 2, 7, 64, 500]) {
        const p = factory(size, seedrandom(`policy-${size}`));
        const free = new Set<number>(Array.from({ length: size }, (_, i) => i));
        const held: number[] = [];
        for (let step = 0; step < 4000; step++) {
          if (rng() < 0.55) {
            const o = p.take();
            if (free.size === 0) expect(o).toBeUndefined();
            else {
              expect(free.has(o!), `offset ${o} is not free`).toBe(true);
              free.delete(o!);
              held.push(o!);
            }
          } else if (held.length > 0) {
            const [o] = held.splice(Math.floor(rng() * held.length), 1);
            p.give(o!);
            free.add(o!);
          }
          expect(p.free).toBe(free.size);
        }
      }
    });

    it('brings a released offset back when it is the only free one', () => {
      const p = factory(10, seedrandom('back'));
      const taken = Array.from({ length: 10 }, () => p.take()!);
      p.give(taken[4]!);
      expect(p.take()).toBe(taken[4]);
    });

    it('stores entries in proportion to use, not to the pool: 2^24 offsets, 2,000 operations', () => {
      const p = factory(2 ** 24, seedrandom('big'));
      expect(p.storedEntries).toBe(0);
      const held: number[] = [];
      for (let i = 0; i < 1000; i++) held.push(p.take()!);
      for (const o of held) p.give(o);
      expect(p.free).toBe(2 ** 24);
      expect(p.storedEntries).toBeLessThanOrEqual(2000);
    });
  });
}
