/**
 * The suite every shared public pool must pass, the lazy ones and the explicit reference
 * alike (like reuse.case.ts for the reuse policies): run it from a *.test.ts file with a
 * factory. The pool is driven directly, as the address plane drives it.
 */
import { describe, expect, it } from 'vitest';
import { StreamFamily } from '../../src/engine/index.js';
import { constant, exponential } from '../../src/engine/distributions.js';
import { parseCidr, type Cidr } from '../../src/network/ipv4.js';
import type { ReusePolicyName } from '../../src/network/reuse/index.js';
import type { ChurnOptions, SharedPool } from '../../src/network/shared-pool/index.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Builds the pool under test; `seed` names its random streams. */
export type SharedPoolFactory = (cidr: Cidr, churn: ChurnOptions, seed: number) => SharedPool;

/** Seeded streams for a lazy pool. */
export function lazyStreams(seed: number) {
  const f = new StreamFamily(seed, 'test.pool');
  return { choice: f.stream(0, 0), arrivals: f.stream(0, 1), family: new StreamFamily(seed, 'test.pool.churn') };
}

/** What the sink saw: other customers' holdings of observed addresses, [from, to). */
export interface Transitions {
  readonly took: Map<number, number[]>;
  readonly gave: Map<number, number[]>;
  readonly errors: string[];
}

export function record(pool: SharedPool): Transitions {
  const took = new Map<number, number[]>();
  const gave = new Map<number, number[]>();
  const errors: string[] = [];
  const state = new Map<number, 'tenant' | 'other'>();
  pool.attach({
    tenantTook(ip, t) {
      if (state.get(ip) === 'tenant') errors.push(`${ip} taken twice at ${t}`);
      state.set(ip, 'tenant');
      (took.get(ip) ?? took.set(ip, []).get(ip)!).push(t);
    },
    tenantGave(ip, t) {
      if (state.get(ip) !== 'tenant') errors.push(`${ip} given back at ${t} but not held`);
      state.set(ip, 'other');
      (gave.get(ip) ?? gave.set(ip, []).get(ip)!).push(t);
    },
  });
  return { took, gave, errors };
}

/** Outcome of the release workload. */
export interface ReleaseOutcome {
  /** Per released address: wait from our release to another customer's take, ms (retaken by us: left out). */
  readonly waits: number[];
  /** Other customers' holding times of our released addresses, ms. */
  readonly holds: number[];
  /** The pool's expected free count at each release. */
  readonly freeAtRelease: number[];
  readonly errors: string[];
  readonly refusedTakes: number;
}

/**
 * Takes an address every `everyMs` from 0 to `untilMs`, keeps it `keepMs`, gives it back;
 * then runs to `untilMs` + `tailMs`. Reports what happened to the addresses released
 * (waits of releases before `warmupMs` left out: the explicit model starts only near its
 * steady state).
 */
export function releaseWorkload(pool: SharedPool, o: { everyMs: number; keepMs: number; untilMs: number; tailMs: number; warmupMs?: number }): ReleaseOutcome {
  const rec = record(pool);
  pool.start(0);
  const released = new Map<number, number[]>();
  const retaken = new Map<number, number[]>();
  const freeAtRelease: number[] = [];
  const gives: [number, number][] = [];
  let refusedTakes = 0;
  const give = (when: number, ip: number): void => {
    pool.give(ip, when);
    (released.get(ip) ?? released.set(ip, []).get(ip)!).push(when);
    freeAtRelease.push(pool.expectedFree);
  };
  for (let t = 0; t < o.untilMs; t += o.everyMs) {
    while (gives.length > 0 && gives[0]![0] <= t) {
      const [when, ip] = gives.shift()!;
      give(when, ip);
    }
    if (!pool.admits(t)) {
      refusedTakes++;
      expect(pool.take(t)).toBeUndefined(); // the take agrees with the admission just decided
      continue;
    }
    const ip = pool.take(t);
    expect(ip).toBeDefined();
    (retaken.get(ip!) ?? retaken.set(ip!, []).get(ip!)!).push(t);
    gives.push([t + o.keepMs, ip!]);
  }
  for (const [when, ip] of gives) give(when, ip);
  const horizon = o.untilMs + o.tailMs;
  pool.advance(horizon);
  const holds: number[] = [];
  for (const [ip, ts] of rec.took) {
    const gs = rec.gave.get(ip) ?? [];
    for (let k = 0; k < ts.length && k < gs.length; k++) holds.push(gs[k]! - ts[k]!);
  }
  const waits: number[] = [];
  for (const [ip, rs] of released) {
    const takes = rec.took.get(ip) ?? [];
    const ours = retaken.get(ip) ?? [];
    for (const r of rs) {
      if (r < (o.warmupMs ?? 0)) continue;
      const tenant = takes.find((t) => t >= r);
      const back = ours.find((t) => t >= r);
      if (tenant !== undefined && (back === undefined || tenant < back)) waits.push(tenant - r);
    }
  }
  return { waits, holds, freeAtRelease, errors: rec.errors, refusedTakes };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
export function ksOne(xs: readonly number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  });
  return d;
}

/** The suite. `name` is the reuse policy the factory implements. */
export function sharedPoolSuite(label: string, name: ReusePolicyName, factory: SharedPoolFactory): void {
  describe(`shared pool suite: ${label}`, () => {
    it('without churn: hands out distinct addresses until exhausted, and takes one back', () => {
      const pool = factory(parseCidr('75.101.128.0/28'), { ratePerMs: 0, hold: exponential({ mean: DAY }) }, 1);
      record(pool);
      pool.start(0);
      expect(pool.capacity).toBe(14);
      const got = new Set<number>();
      for (let i = 0; i < 14; i++) {
        expect(pool.admits(i)).toBe(true);
        got.add(pool.take(i)!);
      }
      expect(got.size).toBe(14);
      for (const ip of got) expect(pool.contains(ip) && pool.isHeld(ip)).toBe(true);
      expect(pool.admits(20)).toBe(false);
      expect(pool.take(20)).toBeUndefined();
      const one = [...got][5]!;
      pool.give(one, 30);
      expect(pool.isHeld(one)).toBe(false);
      expect(pool.take(31)).toBe(one); // the only free address
      expect(() => pool.give(one + 100, 40)).toThrow();
    });

    it('reports other customers\' takes and releases of our addresses in order, never overlapping ours', () => {
      const pool = factory(parseCidr('75.101.128.0/24'), { ratePerMs: 60 / HOUR, hold: exponential({ mean: HOUR }) }, 2);
      const out = releaseWorkload(pool, { everyMs: 10 * MIN, keepMs: 5 * MIN, untilMs: 2 * DAY, tailMs: DAY });
      expect(out.errors).toEqual([]);
      expect(out.waits.length).toBeGreaterThan(200);
    });

    it('other customers keep our old addresses for their holding time (mean within 4 sd)', () => {
      const pool = factory(parseCidr('75.101.128.0/24'), { ratePerMs: 60 / HOUR, hold: exponential({ mean: 2 * HOUR }) }, 3);
      const out = releaseWorkload(pool, { everyMs: 10 * MIN, keepMs: 5 * MIN, untilMs: 3 * DAY, tailMs: 2 * DAY });
      const n = out.holds.length;
      expect(n).toBeGreaterThan(300);
      expect(Math.abs(mean(out.holds) - 2 * HOUR)).toBeLessThan((4 * 2 * HOUR) / Math.sqrt(n));
    });

    const rate = 600 / HOUR;
    const busy = () => factory(parseCidr('75.101.128.0/22'), { ratePerMs: rate, hold: exponential({ mean: HOUR }) }, 7);
    const busyWorkload = { everyMs: 20 * MIN, keepMs: 5 * MIN, untilMs: 6 * DAY, tailMs: DAY };

    if (name === 'random') {
      it('random: a released address is taken within t with probability 1 - exp(-λ t / F) (Kolmogorov–Smirnov)', () => {
        const out = releaseWorkload(busy(), busyWorkload);
        const n = out.waits.length;
        expect(n).toBeGreaterThan(350);
        const f = mean(out.freeAtRelease);
        const d = ksOne(out.waits, (t) => 1 - Math.exp((-rate * t) / f));
        // KS critical value at the 0.001 level: 1.95 / sqrt(n). (F varies by a few per cent: a loose bound on top.)
        expect(d).toBeLessThan(1.95 / Math.sqrt(n) + 0.03);
      });
    } else {
      it('oldest-first: the same mean wait F / λ, but never within minutes (every earlier release goes first)', () => {
        const out = releaseWorkload(busy(), busyWorkload);
        const n = out.waits.length;
        expect(n).toBeGreaterThan(350);
        const expected = mean(out.freeAtRelease) / rate;
        expect(Math.abs(mean(out.waits) / expected - 1)).toBeLessThan(0.2);
        expect(Math.min(...out.waits)).toBeGreaterThan(expected / 3);
      });
    }

    it('a saturated pool refuses most of our takes, and a released address goes at the next arrival', () => {
      // 14 addresses, 100 takes an hour held a day: other customers want 2,400.
      const churn = { ratePerMs: 100 / HOUR, hold: constant(DAY) };
      let refused = 0;
      let tries = 0;
      const waits: number[] = [];
      for (let seed = 1; seed <= 40; seed++) {
        const pool = factory(parseCidr('75.101.128.0/28'), churn, 100 + seed);
        const rec = record(pool);
        const ours = pool.take(0)!; // before the churn starts the pool is ours alone
        pool.start(0);
        for (let t = HOUR; t < 2 * HOUR; t += 10 * MIN, tries++) if (!pool.admits(t)) refused++;
        pool.give(ours, 3 * HOUR);
        pool.advance(4 * HOUR);
        const took = rec.took.get(ours) ?? [];
        expect(took.length).toBe(1);
        waits.push(took[0]! - 3 * HOUR);
      }
      // All 13 others held: a take gets an address only in the instant after a departure.
      expect(refused / tries).toBeGreaterThan(0.9);
      // The next of 100 arrivals an hour: exponential, mean 36 s; sd of the mean 36 s / sqrt(40).
      expect(Math.abs(mean(waits) - 36_000)).toBeLessThan(4 * 36_000 / Math.sqrt(40) + 1000);
    });
  });
}
