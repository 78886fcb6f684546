import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { TERMINATION_POLICIES, intoPaidHourMs, type Candidate } from '../../src/elasticity/termination/index.js';

const H = 3_600_000;

function candidates(rng: () => number, n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: `i-${i}`, launchedMs: Math.floor(rng() * 10) * 600_000 + (rng() < 0.3 ? 0 : Math.floor(rng() * 5 * H)), launchOrder: i + 1 }));
}

// One suite for every termination policy: an order is a permutation of the candidates,
// the same whatever order they come in, and does not change them.
for (const policy of Object.values(TERMINATION_POLICIES)) {
  describe(`termination policy contract: ${policy.name}`, () => {
    it('orders a permutation of its candidates, the same whatever order they are given in', () => {
      for (let k = 0; k < 50; k++) {
        const rng = seedrandom(`term-${policy.name}-${k}`);
        const cs = candidates(rng, 1 + Math.floor(rng() * 12));
        const now = 6 * H;
        const a = policy.order(cs, now).map((c) => c.id);
        const shuffled = [...cs].sort(() => rng() - 0.5);
        expect(policy.order(shuffled, now).map((c) => c.id)).toEqual(a);
        expect([...a].sort()).toEqual(cs.map((c) => c.id).sort());
      }
    });

    it('does not change the candidates it is given', () => {
      const cs = candidates(seedrandom('x'), 6);
      const copy = structuredClone(cs);
      policy.order(cs, 3 * H);
      expect(cs).toEqual(copy);
    });
  });
}

describe('termination policies', () => {
  const now = 10 * H;
  const cs: Candidate[] = [
    { id: 'a', launchedMs: 0, launchOrder: 1 }, // 0 min into its hour
    { id: 'b', launchedMs: 9 * H + 5 * 60_000, launchOrder: 2 }, // 55 min in
    { id: 'c', launchedMs: 5 * H + 30 * 60_000, launchOrder: 3 }, // 30 min in
  ];

  it('oldest, newest', () => {
    expect(TERMINATION_POLICIES.oldest.order(cs, now).map((c) => c.id)).toEqual(['a', 'c', 'b']);
    expect(TERMINATION_POLICIES.newest.order(cs, now).map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });

  it('closest to the next instance hour: the one that has used most of the hour it paid for', () => {
    expect(cs.map((c) => intoPaidHourMs(c, now) / 60_000)).toEqual([0, 55, 30]);
    expect(TERMINATION_POLICIES['closest-to-next-hour'].order(cs, now).map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });
});
