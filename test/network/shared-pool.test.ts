import { describe, expect, it } from 'vitest';
import { exponential, lognormal } from '../../src/engine/distributions.js';
import { parseCidr, type Cidr } from '../../src/network/ipv4.js';
import { REUSE_POLICY_NAMES, type ReusePolicyName } from '../../src/network/reuse/index.js';
import { createSharedPool, type ChurnOptions } from '../../src/network/shared-pool/index.js';
import { ExplicitSharedPool } from './explicit-pool.js';
import { DAY, HOUR, MIN, lazyStreams, releaseWorkload, sharedPoolSuite } from './shared-pool.case.js';

const lazy = (name: ReusePolicyName) => (cidr: Cidr, churn: ChurnOptions, seed: number) => createSharedPool(name, cidr, churn, lazyStreams(seed));
const explicit = (name: ReusePolicyName) => (cidr: Cidr, churn: ChurnOptions, seed: number) => new ExplicitSharedPool(name, cidr, churn, String(seed));

for (const name of REUSE_POLICY_NAMES) {
  sharedPoolSuite(`${name} (lazy)`, name, lazy(name));
  sharedPoolSuite(`${name} (explicit reference)`, name, explicit(name));
}

/** Two-sample Kolmogorov–Smirnov distance. */
function ksTwo(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

describe('the lazy pools have the explicit model\'s law of outcomes', () => {
  // Other customers take 300 an hour from a /23 (510 addresses) and keep each a log-normal
  // time (median 40 min); we release an address every 3 hours (long against the hour over
  // which the pool's occupancy keeps its memory, so the waits are nearly independent), over
  // six 25-day runs after a day's warm-up. The waits until a stranger takes our old address
  // and the strangers' holding times must follow one law in both models: two-sample KS at the
  // 0.001 level, 1.95 sqrt((n + m) / (n m)).
  const churn: ChurnOptions = { ratePerMs: 300 / HOUR, hold: lognormal({ median: 40 * MIN, sigma: 0.8 }) };
  const workload = { everyMs: 3 * HOUR, keepMs: 5 * MIN, untilMs: 26 * DAY, tailMs: DAY, warmupMs: DAY };
  const pooled = (make: (seed: number) => ReturnType<typeof releaseWorkload>) => {
    const waits: number[] = [];
    const holds: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const out = make(seed);
      waits.push(...out.waits);
      holds.push(...out.holds);
    }
    return { waits, holds };
  };
  const critical = (n: number, m: number): number => 1.95 * Math.sqrt((n + m) / (n * m));

  for (const name of REUSE_POLICY_NAMES) {
    it(`${name}: waits and holding times (two-sample KS)`, () => {
      const cidr = parseCidr('75.101.128.0/23');
      const a = pooled((seed) => releaseWorkload(lazy(name)(cidr, churn, seed), workload));
      const b = pooled((seed) => releaseWorkload(explicit(name)(cidr, churn, seed), workload));
      expect(a.waits.length).toBeGreaterThan(1000);
      expect(b.waits.length).toBeGreaterThan(1000);
      expect(ksTwo(a.waits, b.waits)).toBeLessThan(critical(a.waits.length, b.waits.length));
      expect(ksTwo(a.holds, b.holds)).toBeLessThan(critical(a.holds.length, b.holds.length));
    });
  }

  it('random: in a small, busy pool too (/26, other customers holding about half)', () => {
    const cidr = parseCidr('75.101.128.0/26');
    const small: ChurnOptions = { ratePerMs: 30 / HOUR, hold: exponential({ mean: HOUR }) };
    const w = { everyMs: 4 * HOUR, keepMs: 10 * MIN, untilMs: 50 * DAY, tailMs: DAY, warmupMs: DAY };
    const a = pooled((seed) => releaseWorkload(lazy('random')(cidr, small, seed), w));
    const b = pooled((seed) => releaseWorkload(explicit('random')(cidr, small, seed), w));
    expect(a.waits.length).toBeGreaterThan(1400);
    expect(ksTwo(a.waits, b.waits)).toBeLessThan(critical(a.waits.length, b.waits.length));
  });
});

describe('the cost follows the observed addresses, not the churn rate', () => {
  it('a month of 200 takes an hour in a /17 with a handful of our addresses stores a few dozen entries', () => {
    for (const name of REUSE_POLICY_NAMES) {
      const pool = lazy(name)(parseCidr('75.101.128.0/17'), { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) }, 9);
      const out = releaseWorkload(pool, { everyMs: 3 * DAY, keepMs: DAY, untilMs: 30 * DAY, tailMs: 0 });
      expect(out.errors).toEqual([]);
      expect(pool.observed).toBe(10);
      expect(pool.storedEntries).toBeLessThan(60);
    }
  });
});
