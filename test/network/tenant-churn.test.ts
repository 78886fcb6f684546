import { describe, expect, it } from 'vitest';
import { constant, exponential } from '../../src/engine/distributions.js';
import { parseCidr } from '../../src/network/ipv4.js';
import type { ReusePolicyName } from '../../src/network/reuse/index.js';
import { DAY, HOUR, MIN, world } from './helpers.js';

describe('other customers churn through the public pool', () => {
  it('arrive as a Poisson process at the configured rate (count within 4 sd)', () => {
    for (const seed of [1, 2, 3]) {
      const { sim, network } = world({ churn: { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) } }, seed);
      network.start();
      sim.run({ until: 30 * DAY });
      // 200/h for 720 h: Poisson with mean 144,000 and sd 379.5.
      expect(Math.abs(network.churn.arrivals - 144_000)).toBeLessThan(4 * 379.5);
      expect(network.churn.refused).toBe(0);
    }
  });

  it('start in steady state and stay there: about rate × mean hold addresses held (M/M/∞)', () => {
    const { sim, network } = world({ churn: { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) } });
    network.start();
    expect(network.churn.holding).toBe(4800);
    expect(network.plane.publicPool.held).toBe(4800);
    for (let d = 1; d <= 10; d++) {
      sim.run({ until: d * DAY });
      // Stationary occupancy is Poisson(4800): sd 69; 5 sd.
      expect(Math.abs(network.churn.holding - 4800)).toBeLessThan(350);
    }
  });

  it('keeps one pending event on the simulation, however many addresses are held', () => {
    const { sim, network } = world({ churn: { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) } });
    network.start();
    expect(sim.pending).toBe(1);
    sim.run({ until: DAY });
    expect(sim.pending).toBe(1);
  });

  it('refuses arrivals when the pool is full, and counts them; never crashes', () => {
    const { sim, network, launch } = world({ publicPool: parseCidr('75.101.128.0/28'), churn: { ratePerMs: 100 / HOUR, hold: constant(DAY) } });
    network.start();
    expect(network.plane.publicPool.free).toBe(0); // 14 addresses, 2400 wanted
    sim.run({ until: HOUR });
    expect(network.churn.refused).toBeGreaterThan(50);
    const [i] = launch('web');
    expect(i!.publicIp).toBeUndefined(); // the instance runs without a public address
    expect(i!.privateIp).toBeDefined();
  });

  /** Releases one of our public addresses every 20 minutes and measures how long until another customer takes it. */
  function reassignment(reuse: ReusePolicyName) {
    const rate = 600 / HOUR;
    const { sim, bus, network, launch, cloud } = world({ publicPool: parseCidr('75.101.128.0/22'), reuse, churn: { ratePerMs: rate, hold: exponential({ mean: HOUR }) } }, 7);
    network.start();
    const releasedAt = new Map<string, number>();
    const waits: number[] = [];
    const freeAtRelease: number[] = [];
    bus.on('address.released', (e) => {
      if (e.holder.kind === 'instance' && e.kind === 'public') {
        releasedAt.set(e.ip, e.timeMs);
        freeAtRelease.push(network.plane.publicPool.free);
      }
    });
    bus.on('address.assigned', (e) => {
      const t = releasedAt.get(e.ip);
      if (t === undefined) return;
      releasedAt.delete(e.ip);
      if (e.holder.kind === 'tenant') waits.push(e.timeMs - t); // taken back by us: censored, dropped
    });
    for (let t = 0; t < 6 * DAY; t += 20 * MIN) {
      sim.at(t, () => {
        const [i] = launch('web');
        sim.schedule(5 * MIN, () => cloud.terminate(i!));
      });
    }
    sim.run({ until: 7 * DAY });
    const meanFree = freeAtRelease.reduce((a, b) => a + b, 0) / freeAtRelease.length;
    return { waits, expectedMean: meanFree / rate, rate, meanFree };
  }

  it('random reuse: a released address goes to a stranger after free/rate on average, often within minutes', () => {
    const { waits, expectedMean } = reassignment('random');
    expect(waits.length).toBeGreaterThan(350);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    // Each take picks one of about F free addresses: the wait is about exponential with mean F / rate.
    expect(Math.abs(mean / expectedMean - 1)).toBeLessThan(0.2);
    const soon = waits.filter((w) => w < expectedMean / 10).length / waits.length;
    expect(soon).toBeGreaterThan(0.04); // 1 - e^-0.1 = 9.5% expected
  });

  it('oldest-first reuse: the same mean wait, but never within minutes (every earlier release goes first)', () => {
    const { waits, expectedMean } = reassignment('oldest-first');
    expect(waits.length).toBeGreaterThan(350);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(Math.abs(mean / expectedMean - 1)).toBeLessThan(0.2);
    expect(Math.min(...waits)).toBeGreaterThan(expectedMean / 3);
  });

  it('is reproducible: the same seed gives the same history, another seed another', () => {
    const history = (seed: number): string[] => {
      const { sim, bus, network } = world({ publicPool: parseCidr('75.101.128.0/24'), churn: { ratePerMs: 60 / HOUR, hold: exponential({ mean: HOUR }) } }, seed);
      const log: string[] = [];
      bus.on('address.assigned', (e) => log.push(`${e.timeMs} ${e.ip}`));
      network.start();
      sim.run({ until: 6 * HOUR });
      return log;
    };
    expect(history(5)).toEqual(history(5));
    expect(history(5)).not.toEqual(history(6));
  });
});
