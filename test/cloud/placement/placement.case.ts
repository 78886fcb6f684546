/**
 * The suite every placement policy must pass (like Hono's common.case.test.ts): run it from a
 * *.test.ts file with a factory for the policy under test. Every answer is checked against
 * a brute-force model of the hosts that does not use the capacity index.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { CapacityIndex } from '../../../src/cloud/capacity-index.js';
import type { PlacementPolicy, PlacementRequest, ZoneLayout } from '../../../src/cloud/placement/index.js';

/** Builds the policy under test over `index`. */
export type PolicyFactory = (index: CapacityIndex, rng: () => number, rackOf: (host: number) => number) => PlacementPolicy;

/** Free capacity per host as plain arrays; a down host has `up[h] === false`. */
export interface BruteHosts {
  readonly mem: number[];
  readonly cpu: number[];
  readonly disk: number[];
  readonly up: boolean[];
}

/** A cloud of `n` hosts with one zone under test and a cloud-wide rack id per host. */
export interface TestCloud {
  readonly n: number;
  readonly zone: ZoneLayout;
  readonly rackIds: readonly number[];
}

/** Whether `req` fits host `h` by brute force. */
export function bruteFits(b: BruteHosts, h: number, req: PlacementRequest): boolean {
  return b.up[h] === true && b.mem[h]! >= req.memoryMb && b.cpu[h]! >= req.milliEcu && b.disk[h]! >= req.diskGb;
}

/** Hosts of `zone` that fit `req`, by brute force, in index order. */
export function bruteFitting(b: BruteHosts, zone: ZoneLayout, req: PlacementRequest): number[] {
  const out: number[] = [];
  for (let h = zone.from; h < zone.to; h++) if (bruteFits(b, h, req)) out.push(h);
  return out;
}

/** Copies host `h` of the brute-force model into the index. */
export function sync(index: CapacityIndex, b: BruteHosts, h: number): void {
  if (b.up[h] === true) index.set(h, b.mem[h]!, b.cpu[h]!, b.disk[h]!);
  else index.setUnavailable(h);
}

/** A random cloud: hosts before and after the zone (in racks of their own), racks of 1..6 hosts in it. */
export function randomCloud(rng: () => number, maxHosts = 60): TestCloud {
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const before = int(0, 10);
  const inside = int(0, maxHosts);
  const after = int(0, 10);
  const rackIds: number[] = [];
  let rack = 0;
  for (let h = 0; h < before; h++) rackIds.push(rack + Math.floor(h / 3));
  rack += Math.ceil(before / 3);
  const racks: [number, number][] = [];
  for (let h = before; h < before + inside; ) {
    const end = Math.min(before + inside, h + int(1, 6));
    racks.push([h, end]);
    for (; h < end; h++) rackIds.push(rack);
    rack++;
  }
  for (let h = 0; h < after; h++) rackIds.push(rack + Math.floor(h / 3));
  return { n: before + inside + after, zone: { from: before, to: before + inside, racks }, rackIds };
}

/** Random free capacity in coarse steps (so ties and partial fits are common); about 15% down. */
export function randomHosts(rng: () => number, n: number): BruteHosts {
  const b: BruteHosts = { mem: [], cpu: [], disk: [], up: [] };
  for (let h = 0; h < n; h++) {
    b.up.push(rng() >= 0.15);
    b.mem.push(Math.floor(rng() * 9) * 1000);
    b.cpu.push(Math.floor(rng() * 9) * 1000);
    b.disk.push(Math.floor(rng() * 9) * 100);
  }
  return b;
}

/** A random request in the same coarse steps as `randomHosts`, in one of three groups. */
export function randomRequest(rng: () => number): PlacementRequest {
  return {
    memoryMb: Math.floor(rng() * 7) * 1000,
    milliEcu: Math.floor(rng() * 7) * 1000,
    diskGb: Math.floor(rng() * 7) * 100,
    group: `g${Math.floor(rng() * 3)}`,
  };
}

/** The 2008 host (32 GB less 1 GB for dom0, 16 ECU, 3400 GB) and the three instance types. */
export const HOST_2008 = { memoryMb: 31744, milliEcu: 16000, diskGb: 3400 } as const;
export const TYPES_2008: readonly PlacementRequest[] = [
  { memoryMb: 1700, milliEcu: 1000, diskGb: 160, group: 'web' },
  { memoryMb: 7680, milliEcu: 4000, diskGb: 850, group: 'db' },
  { memoryMb: 15360, milliEcu: 8000, diskGb: 1690, group: 'batch' },
];

function setup(cloud: TestCloud, b: BruteHosts, factory: PolicyFactory, seed: string): [CapacityIndex, PlacementPolicy] {
  const index = new CapacityIndex(cloud.n);
  for (let h = 0; h < cloud.n; h++) sync(index, b, h);
  const policy = factory(index, seedrandom(seed), (h) => cloud.rackIds[h]!);
  return [index, policy];
}

/** Checks one answer of `policy` against the brute-force model; returns the chosen host. */
function checkChoice(policy: PlacementPolicy, b: BruteHosts, zone: ZoneLayout, req: PlacementRequest): number {
  const h = policy.choose(req, zone);
  const fitting = bruteFitting(b, zone, req);
  if (fitting.length === 0) {
    expect(h, `no host fits ${JSON.stringify(req)}, yet host ${h} was chosen`).toBe(-1);
  } else {
    expect(h, `${fitting.length} host(s) fit ${JSON.stringify(req)}, yet -1`).not.toBe(-1);
    expect(h >= zone.from && h < zone.to, `host ${h} outside [${zone.from}, ${zone.to})`).toBe(true);
    expect(b.up[h], `host ${h} is down`).toBe(true);
    expect(b.mem[h]!, `memory of host ${h}`).toBeGreaterThanOrEqual(req.memoryMb);
    expect(b.cpu[h]!, `CPU of host ${h}`).toBeGreaterThanOrEqual(req.milliEcu);
    expect(b.disk[h]!, `disk of host ${h}`).toBeGreaterThanOrEqual(req.diskGb);
  }
  return h;
}

/** The shared suite: every policy must pass it. */
export function placementPolicySuite(label: string, factory: PolicyFactory): void {
  describe(`placement policy suite: ${label}`, () => {
    it('agrees with brute force over 2,000 random requests with placements, releases and host failures', () => {
      const rng = seedrandom('placement');
      let checked = 0;
      let refused = 0;
      for (let s = 0; s < 200; s++) {
        const cloud = randomCloud(rng);
        const b = randomHosts(rng, cloud.n);
        const [index, policy] = setup(cloud, b, factory, `policy-${s}`);
        const live: { host: number; req: PlacementRequest }[] = [];
        for (let step = 0; step < 10; step++) {
          const req = randomRequest(rng);
          const h = checkChoice(policy, b, cloud.zone, req);
          checked++;
          if (h < 0) refused++;
          else {
            b.mem[h]! -= req.memoryMb;
            b.cpu[h]! -= req.milliEcu;
            b.disk[h]! -= req.diskGb;
            sync(index, b, h);
            policy.placed(h, req);
            live.push({ host: h, req });
          }
          const u = rng();
          if (u < 0.2 && live.length > 0) {
            // Terminate one instance: its capacity comes back.
            const [gone] = live.splice(Math.floor(rng() * live.length), 1);
            b.mem[gone!.host]! += gone!.req.memoryMb;
            b.cpu[gone!.host]! += gone!.req.milliEcu;
            b.disk[gone!.host]! += gone!.req.diskGb;
            sync(index, b, gone!.host);
            policy.released(gone!.host, gone!.req);
          } else if (u < 0.3 && cloud.n > 0) {
            // A host fails (its instances are released) or comes back up.
            const f = Math.floor(rng() * cloud.n);
            if (b.up[f] === true) {
              for (let i = live.length - 1; i >= 0; i--) {
                const x = live[i]!;
                if (x.host !== f) continue;
                live.splice(i, 1);
                b.mem[f]! += x.req.memoryMb;
                b.cpu[f]! += x.req.milliEcu;
                b.disk[f]! += x.req.diskGb;
                policy.released(f, x.req);
              }
            }
            b.up[f] = !b.up[f];
            sync(index, b, f);
          }
        }
      }
      expect(checked).toBe(2000);
      // Both outcomes must be well represented for the comparison to mean something.
      expect(refused).toBeGreaterThan(100);
      expect(checked - refused).toBeGreaterThan(100);
    });

    it('never chooses a down host, even a roomy one', () => {
      const cloud: TestCloud = { n: 6, zone: { from: 0, to: 6, racks: [[0, 3], [3, 6]] }, rackIds: [0, 0, 0, 1, 1, 1] };
      const b: BruteHosts = { mem: Array(6).fill(9000), cpu: Array(6).fill(9000), disk: Array(6).fill(900), up: Array(6).fill(false) };
      const req: PlacementRequest = { memoryMb: 0, milliEcu: 0, diskGb: 0, group: 'g' };
      let [, policy] = setup(cloud, b, factory, 'down');
      expect(policy.choose(req, cloud.zone)).toBe(-1);
      for (let only = 0; only < 6; only++) {
        b.up.fill(false);
        b.up[only] = true;
        [, policy] = setup(cloud, b, factory, `down-${only}`);
        for (let i = 0; i < 20; i++) expect(policy.choose(req, cloud.zone)).toBe(only);
      }
    });

    it('only chooses hosts inside the zone, refusing when only hosts outside it fit', () => {
      const racks: [number, number][] = [[4, 6], [6, 8]];
      const cloud: TestCloud = { n: 12, zone: { from: 4, to: 8, racks }, rackIds: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5] };
      const b: BruteHosts = { mem: Array(12).fill(9000), cpu: Array(12).fill(9000), disk: Array(12).fill(900), up: Array(12).fill(true) };
      for (let h = 4; h < 8; h++) b.mem[h] = 500;
      const [, policy] = setup(cloud, b, factory, 'outside');
      expect(policy.choose({ memoryMb: 1000, milliEcu: 1, diskGb: 1, group: 'g' }, cloud.zone)).toBe(-1);
      for (let i = 0; i < 50; i++) {
        const h = policy.choose({ memoryMb: 400, milliEcu: 1, diskGb: 1, group: 'g' }, cloud.zone);
        expect(h).toBeGreaterThanOrEqual(4);
        expect(h).toBeLessThan(8);
      }
      const empty: ZoneLayout = { from: 4, to: 4, racks: [] };
      expect(policy.choose({ memoryMb: 1, milliEcu: 1, diskGb: 1, group: 'g' }, empty)).toBe(-1);
    });

    it('fills a zone of 2008 hosts with exactly as many instances as fit, for each type', () => {
      for (const type of TYPES_2008) {
        // 5 racks of 8 hosts, between hosts of other zones; two hosts down.
        const racks: [number, number][] = [];
        for (let r = 0; r < 5; r++) racks.push([3 + 8 * r, 11 + 8 * r]);
        const n = 46;
        const cloud: TestCloud = { n, zone: { from: 3, to: 43, racks }, rackIds: Array.from({ length: n }, (_, h) => Math.floor((h + 5) / 8)) };
        const b: BruteHosts = {
          mem: Array(n).fill(HOST_2008.memoryMb),
          cpu: Array(n).fill(HOST_2008.milliEcu),
          disk: Array(n).fill(HOST_2008.diskGb),
          up: Array(n).fill(true),
        };
        b.up[10] = false;
        b.up[20] = false;
        const perHost = Math.min(
          Math.floor(HOST_2008.memoryMb / type.memoryMb),
          Math.floor(HOST_2008.milliEcu / type.milliEcu),
          Math.floor(HOST_2008.diskGb / type.diskGb),
        );
        const expected = perHost * (40 - 2);
        const [index, policy] = setup(cloud, b, factory, `fill-${type.memoryMb}`);
        let placed = 0;
        for (;;) {
          const h = checkChoice(policy, b, cloud.zone, type);
          if (h < 0) break;
          b.mem[h]! -= type.memoryMb;
          b.cpu[h]! -= type.milliEcu;
          b.disk[h]! -= type.diskGb;
          sync(index, b, h);
          policy.placed(h, type);
          placed++;
          if (placed > expected) break;
        }
        expect(placed, `${type.memoryMb} MB instances`).toBe(expected);
      }
    });
  });
}
