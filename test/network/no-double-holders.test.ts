/**
 * Property test: over random sequences of launches, terminations, reboots, host failures
 * and elastic-IP calls, with other customers churning through a small public pool, no
 * address is ever held by two holders at once, and the pools, the NAT table and the
 * instances' fields agree. A seeded loop (fast-check is not a dependency): each case is
 * reproducible from its seed, printed on failure.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/engine/distributions.js';
import { Ec2ApiError } from '../../src/cloud/images.js';
import type { Instance } from '../../src/cloud/instance.js';
import { describe as describeHolder } from '../../src/network/address-ledger.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../../src/network/ipv4.js';
import { REUSE_POLICY_NAMES } from '../../src/network/reuse/index.js';
import { DAY, HOUR, MIN, world } from './helpers.js';

function runCase(seed: number, reuse: (typeof REUSE_POLICY_NAMES)[number]): { ops: number; exhausted: number; checks: number; mapped: number } {
  const rng = seedrandom(`case-${seed}`);
  const w = world({
    privatePool: parseCidr('10.251.0.0/27'), // 30 addresses: exhaustion happens
    publicPool: parseCidr('75.101.128.0/26'), // 62 addresses shared with other customers
    reuse,
    churn: { ratePerMs: 20 / HOUR, hold: exponential({ mean: 2 * HOUR }) }, // about 40 held
    recordAll: true,
  }, seed, 6);
  const { sim, bus, cloud, network } = w;

  // An independent model of who holds what, from the events alone.
  const held = new Map<string, string>();
  const violations: string[] = [];
  bus.on('address.assigned', (e) => {
    if (held.has(e.ip)) violations.push(`${e.ip} given to ${describeHolder(e.holder)} at ${e.timeMs} while ${held.get(e.ip)} holds it`);
    held.set(e.ip, describeHolder(e.holder));
  });
  bus.on('address.released', (e) => {
    if (held.get(e.ip) !== describeHolder(e.holder)) violations.push(`${e.ip} released by ${describeHolder(e.holder)} but held by ${held.get(e.ip)}`);
    held.delete(e.ip);
  });
  let exhausted = 0;
  let mapped = 0;
  bus.on('address.exhausted', () => exhausted++);
  bus.on('eip.associated', () => mapped++);
  network.start();

  const all: Instance[] = [];
  const live = (): Instance[] => all.filter((i) => i.alive);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rng() * xs.length)];
  let ops = 0;
  let checks = 0;
  const fail = (msg: string): void => {
    violations.push(msg);
  };
  const check = (): void => {
    checks++;
    const privs = new Set<string>();
    const pubs = new Set<string>();
    for (const i of all) {
      if (i.state === 'terminated') continue;
      const priv = network.plane.privateOf(i);
      if (priv === undefined) continue;
      if (privs.has(i.privateIp!)) fail(`private ${i.privateIp} on two live instances`);
      privs.add(i.privateIp!);
      const h = network.currentHolder(i.privateIp!);
      if (h.kind !== 'instance' || h.instance !== i) fail(`${i.privateIp} is not held by ${i.id}`);
      const pub = network.plane.nat.publicOf(priv);
      if (pub === undefined) continue;
      if (i.publicIp !== formatIpv4(pub)) fail(`${i.id}'s public address field ${i.publicIp} is not its NAT mapping ${formatIpv4(pub)}`);
      if (pubs.has(i.publicIp!)) fail(`public ${i.publicIp} on two live instances`);
      pubs.add(i.publicIp!);
      if (network.instanceAt(i.publicIp!) !== i) fail(`${i.publicIp} does not lead to ${i.id}`);
    }
    // Pools and ledger agree: every handed-out address has exactly one current holder.
    const { privatePool, publicPool } = network.plane;
    for (const ip of held.keys()) {
      const n = parseIpv4(ip);
      if (!privatePool.isHeld(n) && !publicPool.isHeld(n)) fail(`${ip} held but not out of a pool`);
    }
    if (held.size !== privatePool.held + publicPool.held) fail(`${held.size} holdings, ${privatePool.held + publicPool.held} handed out`);
  };

  for (let t = 0; t < 2 * DAY; t += Math.round(rng() * 40 * MIN)) {
    sim.at(t, () => {
      ops++;
      const u = rng();
      try {
        if (u < 0.3) all.push(...w.launch(`r${Math.floor(rng() * 3)}`, 1 + Math.floor(rng() * 3)));
        else if (u < 0.45) { const i = pick(live()); if (i) cloud.terminate(i); }
        else if (u < 0.5) { const i = pick(live().filter((x) => x.state === 'running')); if (i) cloud.reboot(i); }
        else if (u < 0.55) { const h = pick(cloud.hosts.filter((x) => x.state === 'up')); if (h) { cloud.hostDown(h, 'hardware-failure'); sim.schedule(HOUR, () => cloud.hostUp(h)); } }
        else if (u < 0.65) network.eips.allocate();
        else if (u < 0.85) { const e = pick(network.eips.all.filter((x) => x.releasedMs === undefined)); const i = pick(live()); if (e && i) network.eips.associate(e, i); }
        else if (u < 0.93) { const e = pick(network.eips.all.filter((x) => x.releasedMs === undefined)); if (e) network.eips.disassociate(e); }
        else { const e = pick(network.eips.all.filter((x) => x.releasedMs === undefined)); if (e) network.eips.release(e); }
      } catch (e) {
        if (!(e instanceof Ec2ApiError)) throw e; // a refusal is an outcome
      }
      check();
    });
  }
  sim.run({ until: 2 * DAY + HOUR });
  check();

  // The recorded histories: consecutive, never overlapping, per address.
  for (const ip of network.plane.ledger.recorded()) {
    const h = network.plane.ledger.history(ip);
    for (let k = 1; k < h.length; k++) {
      const end = h[k - 1]!.toMs;
      if (end === undefined || end > h[k]!.fromMs) fail(`${formatIpv4(ip)}: holding ${k - 1} (to ${end}) overlaps holding ${k} (from ${h[k]!.fromMs})`);
    }
  }
  expect(violations.slice(0, 5), `seed ${seed} (${reuse})`).toEqual([]);
  return { ops, exhausted, checks, mapped };
}

describe('no address is ever held by two holders at once', () => {
  for (const reuse of REUSE_POLICY_NAMES) {
    it(`over 40 random two-day histories (${reuse})`, () => {
      let exhausted = 0;
      let ops = 0;
      let mapped = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const r = runCase(seed, reuse);
        exhausted += r.exhausted;
        ops += r.ops;
        mapped += r.mapped;
      }
      expect(ops).toBeGreaterThan(4000);
      expect(mapped).toBeGreaterThan(100);
      // The pools were small enough for exhaustion to be exercised too.
      expect(exhausted).toBeGreaterThan(0);
    });
  }
});
