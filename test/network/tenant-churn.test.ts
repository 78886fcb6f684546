import { describe, expect, it } from 'vitest';
import { constant, exponential } from '../../src/engine/distributions.js';
import { parseCidr } from '../../src/network/ipv4.js';
import type { ReusePolicyName } from '../../src/network/reuse/index.js';
import { DAY, HOUR, MIN, world } from './helpers.js';

// Other customers' churn through the network, as the model meets it: instances launched and
// terminated, addresses going to strangers. The pools themselves are checked against the
// explicit model and theory in shared-pool.test.ts.
describe('other customers churn through the public pool', () => {
  it('cost nothing per arrival: no pending event, storage in proportion to our addresses', () => {
    const { sim, network, launch, cloud } = world({ churn: { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) } });
    network.start();
    expect(sim.pending).toBe(0);
    for (let d = 0; d < 30; d++) {
      sim.at(d * DAY, () => {
        const [i] = launch('web');
        sim.schedule(HOUR, () => cloud.terminate(i!));
      });
    }
    const stats = sim.run({ until: 30 * DAY });
    // 144,000 arrivals of other customers in the month; the engine saw only our launches.
    expect(stats.events).toBeLessThan(200);
    network.settle();
    expect(network.plane.publicPool.observed).toBe(30);
    expect(network.plane.publicPool.storedEntries).toBeLessThan(150);
  });

  it('start in steady state: about rate × mean hold addresses held by others (Erlang loss, far from full)', () => {
    const { network } = world({ churn: { ratePerMs: 200 / HOUR, hold: exponential({ mean: DAY }) } });
    network.start();
    const pool = network.plane.publicPool;
    expect(pool.expectedFree).toBeCloseTo(pool.capacity - 4800, 6);
  });

  it('a saturated pool leaves a launch without a public address, as an outcome; never crashes', () => {
    const { sim, network, launch } = world({ publicPool: parseCidr('75.101.128.0/28'), churn: { ratePerMs: 100 / HOUR, hold: constant(DAY) } });
    network.start();
    expect(network.plane.publicPool.expectedFree).toBeLessThan(0.1); // 14 addresses, 2,400 wanted
    let exhausted = 0;
    sim.run({ until: HOUR });
    const instances = launch('web', 5);
    for (const i of instances) if (i.publicIp === undefined) exhausted++;
    expect(exhausted).toBeGreaterThanOrEqual(4); // each gets one with probability about 1 in 170
    for (const i of instances) expect(i.privateIp).toBeDefined();
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
        freeAtRelease.push(network.plane.publicPool.expectedFree + 1);
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
    network.settle();
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
      const { sim, bus, network, launch, cloud } = world({ publicPool: parseCidr('75.101.128.0/24'), churn: { ratePerMs: 60 / HOUR, hold: exponential({ mean: HOUR }) } }, seed);
      const log: string[] = [];
      bus.on('address.assigned', (e) => log.push(`${e.timeMs} ${e.ip} ${e.holder.kind}`));
      network.start();
      for (let t = 0; t < 6 * HOUR; t += 30 * MIN) {
        sim.at(t, () => {
          const [i] = launch('web');
          sim.schedule(10 * MIN, () => cloud.terminate(i!));
        });
      }
      sim.run({ until: 6 * HOUR });
      network.settle();
      return log;
    };
    expect(history(5)).toEqual(history(5));
    expect(history(5)).not.toEqual(history(6));
  });
});
