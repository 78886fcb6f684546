/**
 * Placement at scale: 100,000 launches of the 2008 instance mix into one 10,000-host zone,
 * with each policy. CloudSim's users report 13 minutes at 10,000 hosts when every VM scans
 * every host; here each choice is a pruned descent of the capacity index. First fit and
 * best fit are also run as a plain linear scan on the same requests (the reference), which
 * must make the same decisions.
 */
import seedrandom from 'seedrandom';
import { CapacityIndex } from '../src/cloud/capacity-index.js';
import {
  createPlacementPolicy,
  type PlacementPolicyName,
  type PlacementRequest,
  type ZoneLayout,
} from '../src/cloud/placement/index.js';
import { runJob } from './child-process.js';
import { collectGarbage, formatBytes, formatMs, liveBytes, type BenchEntry, type BenchRow } from './report.js';

/** Times `fn`; the bytes its result retains and the peak above the start. */
function measure<T>(fn: () => T): { result: T; wallMs: number; retained: number; peak: number } {
  collectGarbage();
  const before = liveBytes();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = liveBytes() - before;
  collectGarbage();
  return { result, wallMs, retained: liveBytes() - before, peak };
}

/** The workload; defaults are the figures in the module comment. */
export interface PlacementBenchOptions {
  readonly hosts: number;
  readonly racks: number;
  readonly launches: number;
  /** Spread groups the launches are dealt into (e.g. customers' roles). */
  readonly groups: number;
  /** Wall-time target per row, ms. */
  readonly maxWallMs: number;
}

export const DEFAULT_PLACEMENT_OPTIONS: PlacementBenchOptions = {
  hosts: 10_000,
  racks: 250,
  launches: 100_000,
  groups: 10_000,
  maxWallMs: 5_000,
};

/** A 2008 host: 32 GB less 1 GB for dom0 (MB), 16 ECU (milli-ECU), 3400 GB instance store. */
const HOST = { memoryMb: 31_744, milliEcu: 16_000, diskGb: 3_400 } as const;
const SMALL = { memoryMb: 1_700, milliEcu: 1_000, diskGb: 160 } as const;
const LARGE = { memoryMb: 7_680, milliEcu: 4_000, diskGb: 850 } as const;
const XLARGE = { memoryMb: 15_360, milliEcu: 8_000, diskGb: 1_690 } as const;

/** The launch sequence: 70% m1.small, 20% m1.large, 10% m1.xlarge, groups dealt at random. */
export function launches(count: number, groups: number, seed = 'bench.placement'): PlacementRequest[] {
  const rng = seedrandom(seed);
  const names = Array.from({ length: groups }, (_, g) => `role-${g}`);
  const out: PlacementRequest[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng();
    const type = u < 0.7 ? SMALL : u < 0.9 ? LARGE : XLARGE;
    out.push({ ...type, group: names[Math.floor(rng() * groups)]! });
  }
  return out;
}

/** Result of one run: the chosen host per launch (-1 = InsufficientInstanceCapacity). */
interface Outcome {
  readonly chosen: Int32Array;
  readonly placed: number;
  /** Kept so that the retained-memory figure covers the index and the policy's state. */
  readonly state: unknown;
}

function zoneOf(hosts: number, racks: number): ZoneLayout {
  const layout: [number, number][] = [];
  for (let r = 0; r < racks; r++) layout.push([Math.floor((r * hosts) / racks), Math.floor(((r + 1) * hosts) / racks)]);
  return { from: 0, to: hosts, racks: layout };
}

/** Places every launch with `policy`, updating free capacity as the cloud model would. */
export function runPolicy(policy: PlacementPolicyName, o: PlacementBenchOptions, reqs: readonly PlacementRequest[]): Outcome {
  const zone = zoneOf(o.hosts, o.racks);
  const index = new CapacityIndex(o.hosts);
  const mem = new Int32Array(o.hosts).fill(HOST.memoryMb);
  const cpu = new Int32Array(o.hosts).fill(HOST.milliEcu);
  const disk = new Int32Array(o.hosts).fill(HOST.diskGb);
  for (let h = 0; h < o.hosts; h++) index.set(h, HOST.memoryMb, HOST.milliEcu, HOST.diskGb);
  const perRack = o.hosts / o.racks;
  const p = createPlacementPolicy(policy, index, seedrandom('bench.placement.random'), (h) => Math.floor(h / perRack));
  const chosen = new Int32Array(reqs.length);
  let placed = 0;
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i]!;
    const h = p.choose(r, zone);
    chosen[i] = h;
    if (h < 0) continue;
    mem[h]! -= r.memoryMb;
    cpu[h]! -= r.milliEcu;
    disk[h]! -= r.diskGb;
    index.set(h, mem[h]!, cpu[h]!, disk[h]!);
    p.placed(h, r);
    placed++;
  }
  return { chosen, placed, state: [index, p, mem, cpu, disk] };
}

/** The reference: first fit or best fit by scanning every host of the zone for every launch. */
function runScan(kind: 'first-fit' | 'best-fit', o: PlacementBenchOptions, reqs: readonly PlacementRequest[]): Outcome {
  const n = o.hosts;
  const mem = new Int32Array(n).fill(HOST.memoryMb);
  const cpu = new Int32Array(n).fill(HOST.milliEcu);
  const disk = new Int32Array(n).fill(HOST.diskGb);
  const chosen = new Int32Array(reqs.length);
  let placed = 0;
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i]!;
    let best = -1;
    for (let h = 0; h < n; h++) {
      if (mem[h]! < r.memoryMb || cpu[h]! < r.milliEcu || disk[h]! < r.diskGb) continue;
      if (best < 0 || mem[h]! < mem[best]!) best = h;
      if (kind === 'first-fit') break;
    }
    chosen[i] = best;
    if (best < 0) continue;
    mem[best]! -= r.memoryMb;
    cpu[best]! -= r.milliEcu;
    disk[best]! -= r.diskGb;
    placed++;
  }
  return { chosen, placed, state: [mem, cpu, disk] };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function sameChoices(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

/** One row per policy, plus spread with a single group (its worst case: every rack holds it). */
export function runPlacement(o: PlacementBenchOptions = DEFAULT_PLACEMENT_OPTIONS): BenchRow[] {
  const mixed = launches(o.launches, o.groups);
  const oneGroup = mixed.map((r) => ({ ...r, group: 'one-role' }));
  const cases: [PlacementPolicyName, readonly PlacementRequest[], string][] = [
    ['first-fit', mixed, ''],
    ['best-fit', mixed, ''],
    ['spread', mixed, `, ${fmt(o.groups)} groups`],
    ['spread', oneGroup, ', 1 group'],
    ['random', mixed, ''],
  ];
  // Warm-up on a tenth of the workload, so the JIT compiles the hot paths before timing.
  const warm: PlacementBenchOptions = { ...o, hosts: o.hosts / 10, racks: o.racks / 10 };
  for (const [name, reqs] of cases) runPolicy(name, warm, reqs.slice(0, reqs.length / 10));

  const rows: BenchRow[] = [];
  for (const [name, reqs, note] of cases) {
    const m = measure(() => runPolicy(name, o, reqs));
    const out = m.result;
    let detail = `placed ${fmt(out.placed)}, refused ${fmt(reqs.length - out.placed)}; memory: retained by the index and policy, peak +${formatBytes(m.peak)}`;
    if (name === 'first-fit' || name === 'best-fit') {
      const scan = measure(() => runScan(name, o, reqs));
      if (!sameChoices(scan.result.chosen, out.chosen)) throw new Error(`placement ${name}: index and linear scan disagree`);
      detail += `; linear scan ${formatMs(scan.wallMs)} (x${(scan.wallMs / m.wallMs).toFixed(1)}), same choices`;
    }
    rows.push({
      name: `placement/${name}`,
      workload: `${fmt(reqs.length)} launches, ${fmt(o.hosts)} hosts in ${o.racks} racks${note}`,
      runs: [m.wallMs],
      unit: 'ms',
      memoryBytes: [m.retained],
      targets: { wallMs: o.maxWallMs },
      detail,
    });
  }
  return rows;
}

/** The suite entry (filter: `placement`): `runs` children, each running every policy once; the rows' runs are collected. */
export const placementEntry: BenchEntry = {
  name: 'placement',
  run(runs): BenchRow[] {
    const all = Array.from({ length: runs }, () => runJob<BenchRow[]>('placement', {}).payload);
    return all[0]!.map((row, i) => ({ ...row, runs: all.map((rs) => rs[i]!.runs[0]!), memoryBytes: all.map((rs) => rs[i]!.memoryBytes![0]!) }));
  },
};
