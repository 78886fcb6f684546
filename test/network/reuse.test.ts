import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createReusePolicy, OldestFirstReuse, RandomReuse, REUSE_POLICY_NAMES } from '../../src/network/reuse/index.js';
import { reusePolicySuite } from './reuse.case.js';

for (const name of REUSE_POLICY_NAMES) reusePolicySuite(name, (size, rng) => createReusePolicy(name, size, rng));

describe('oldest-first', () => {
  it('uses never-used addresses first, in order, then the least recently released', () => {
    const p = new OldestFirstReuse(6);
    expect([p.take(), p.take(), p.take()]).toEqual([0, 1, 2]);
    p.give(1);
    expect(p.take()).toBe(3); // never-used addresses count as released before the run
    expect([p.take(), p.take()]).toEqual([4, 5]);
    p.give(4);
    p.give(0);
    expect([p.take(), p.take(), p.take(), p.take()]).toEqual([1, 4, 0, undefined]);
  });

  it('keeps a released address away as long as possible: it returns only after every earlier release', () => {
    const p = new OldestFirstReuse(100);
    const held = Array.from({ length: 100 }, () => p.take()!);
    for (const o of held) p.give(o); // released in order 0..99
    p.take();
    p.give(0); // 0 came back first, was taken again, and released last
    const order = Array.from({ length: 100 }, () => p.take());
    expect(order.at(-1)).toBe(0);
  });
});

describe('random', () => {
  it('may hand a just-released address out at once, with probability 1/free', () => {
    const hits = { same: 0, tries: 4000 };
    const rng = seedrandom('again');
    for (let i = 0; i < hits.tries; i++) {
      const p = new RandomReuse(20, rng);
      const o = p.take()!;
      p.give(o);
      if (p.take() === o) hits.same++;
    }
    // Binomial(4000, 1/20): mean 200, sd 13.8; a 5-sd band.
    expect(Math.abs(hits.same - 200)).toBeLessThan(70);
  });

  it('draws uniformly over the free addresses (chi-square)', () => {
    const p = new RandomReuse(40, seedrandom('uniform'));
    for (let i = 0; i < 10; i++) p.take(); // 30 free, in a shuffled order
    const counts = new Map<number, number>();
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      const o = p.take()!;
      counts.set(o, (counts.get(o) ?? 0) + 1);
      p.give(o);
    }
    expect(counts.size).toBe(30);
    const expected = n / 30;
    const chi2 = [...counts.values()].reduce((s, k) => s + (k - expected) ** 2 / expected, 0);
    // 29 degrees of freedom: the 0.999 quantile is 58.3.
    expect(chi2).toBeLessThan(58.3);
  });
});
