import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import { monthSpans } from './calendar.js';

/**
 * Where bytes go: in from the Internet, out to it, between our instances (`internal`: free, in
 * one zone on private addresses; `regional`: between zones or through a public or elastic
 * address, counted at both ends), to and from S3.
 */
export const TRAFFIC_DIRECTIONS = ['in', 'out', 'internal', 'regional', 's3'] as const;
export type TrafficDirection = (typeof TRAFFIC_DIRECTIONS)[number];

/** A role's traffic, bytes per ms, per direction (absent = 0). */
export type TrafficRates = Readonly<Partial<Record<TrafficDirection, number>>>;

/** Bytes per direction. */
export type TrafficBytes = Record<TrafficDirection, number>;

/** One instance's bytes in one calendar month. */
export interface TrafficRow {
  readonly month: string;
  readonly role: string;
  readonly instance: Instance;
  readonly bytes: TrafficBytes;
}

/** A role's running-instance count over time: at times[k] the share integral was shares[k] and counts[k] instances ran. */
interface RoleTrack {
  readonly rates: TrafficRates;
  readonly times: number[];
  readonly shares: number[];
  readonly counts: number[];
}

const zero = (): TrafficBytes => ({ in: 0, out: 0, internal: 0, regional: 0, s3: 0 });

/**
 * Meters bytes per instance, role, direction and calendar month. A role's figures (e.g.
 * 200GB/d out) are split evenly over its running instances at every moment, integrated
 * exactly: the meter keeps, per role, the integral S(t) of 1 / (running instances) at each
 * change, and an instance running over [a, b) carries rate × (S(b) − S(a)) bytes. While no
 * instance of a role runs, its traffic is not served and not metered. Other layers (client
 * requests) add bytes with `add`. Nothing is sampled and no event is scheduled.
 */
export class TrafficMeter {
  readonly #roles = new Map<string, RoleTrack>();
  readonly #spans = new Map<Instance, { fromMs: number; toMs: number | undefined }[]>();
  readonly #extra = new Map<Instance, Map<string, TrafficBytes>>();
  readonly #order: Instance[] = [];
  readonly #startEpochMs: number;
  readonly #settlers: ((endMs: number) => void)[] = [];

  /** `rates` by role; `startEpochMs` is the calendar instant of simulated time 0. */
  constructor(bus: EventBus<CloudEvents>, rates: ReadonlyMap<string, TrafficRates>, startEpochMs: number) {
    this.#startEpochMs = startEpochMs;
    for (const [role, r] of rates) this.#roles.set(role, { rates: r, times: [0], shares: [0], counts: [0] });
    bus.on('instance.running', (e) => this.#join(e.instance, e.timeMs));
    bus.on('instance.rebooting', (e) => this.#leave(e.instance, e.timeMs));
    bus.on('instance.shutting-down', (e) => this.#leave(e.instance, e.timeMs));
    bus.on('instance.terminated', (e) => this.#leave(e.instance, e.timeMs));
  }

  /**
   * Registers a meter that adds its bytes lazily (e.g. the traffic between roles): it is asked
   * to bring its bytes up to `endMs` before every report.
   */
  addSettler(settle: (endMs: number) => void): void {
    this.#settlers.push(settle);
  }

  /** Adds `bytes` in `direction` for `inst` at `timeMs` (e.g. a client request's response). */
  add(inst: Instance, direction: TrafficDirection, bytes: number, timeMs: number): void {
    if (!(bytes >= 0)) throw new RangeError(`bytes must be >= 0, got ${bytes}`);
    this.#see(inst);
    const [span] = monthSpans(this.#startEpochMs, timeMs, timeMs + 1);
    let months = this.#extra.get(inst);
    if (months === undefined) this.#extra.set(inst, (months = new Map()));
    let b = months.get(span!.month);
    if (b === undefined) months.set(span!.month, (b = zero()));
    b[direction] += bytes;
  }

  /** Every instance's bytes per calendar month up to `endMs`, months in order, instances in order of first traffic. */
  rows(endMs: number): TrafficRow[] {
    for (const settle of this.#settlers) settle(endMs);
    const byMonth = new Map<string, TrafficRow[]>();
    for (const inst of this.#order) {
      const months = new Map<string, TrafficBytes>();
      const track = this.#roles.get(inst.spec.role);
      for (const s of this.#spans.get(inst) ?? []) {
        if (track === undefined) break;
        for (const m of monthSpans(this.#startEpochMs, s.fromMs, Math.min(s.toMs ?? endMs, endMs))) {
          const share = shareAt(track, m.toMs) - shareAt(track, m.fromMs);
          const b = months.get(m.month) ?? zero();
          for (const d of TRAFFIC_DIRECTIONS) b[d] += (track.rates[d] ?? 0) * share;
          months.set(m.month, b);
        }
      }
      for (const [month, extra] of this.#extra.get(inst) ?? []) {
        const b = months.get(month) ?? zero();
        for (const d of TRAFFIC_DIRECTIONS) b[d] += extra[d];
        months.set(month, b);
      }
      for (const [month, bytes] of months) {
        const list = byMonth.get(month) ?? [];
        list.push({ month, role: inst.spec.role, instance: inst, bytes });
        byMonth.set(month, list);
      }
    }
    return [...byMonth.keys()].sort().flatMap((m) => byMonth.get(m)!);
  }

  /** Total bytes per direction up to `endMs`. */
  totals(endMs: number): TrafficBytes {
    return sum(this.rows(endMs));
  }

  /** Bytes per direction by role, up to `endMs`. */
  byRole(endMs: number): Map<string, TrafficBytes> {
    return groupSum(this.rows(endMs), (r) => r.role);
  }

  /** Bytes per direction by calendar month (`YYYY-MM`), up to `endMs`: what billing charges. */
  byMonth(endMs: number): Map<string, TrafficBytes> {
    return groupSum(this.rows(endMs), (r) => r.month);
  }

  #see(inst: Instance): void {
    if (!this.#spans.has(inst)) {
      this.#spans.set(inst, []);
      this.#order.push(inst);
    }
  }

  #join(inst: Instance, t: number): void {
    const track = this.#roles.get(inst.spec.role);
    if (track === undefined) return;
    this.#see(inst);
    const spans = this.#spans.get(inst)!;
    if (spans.at(-1)?.toMs === undefined && spans.length > 0) return;
    spans.push({ fromMs: t, toMs: undefined });
    change(track, t, +1);
  }

  #leave(inst: Instance, t: number): void {
    const track = this.#roles.get(inst.spec.role);
    const last = this.#spans.get(inst)?.at(-1);
    if (track === undefined || last === undefined || last.toMs !== undefined) return;
    last.toMs = t;
    change(track, t, -1);
  }
}

/** Records a change of the running count at `t`. */
function change(track: RoleTrack, t: number, delta: 1 | -1): void {
  const s = shareAt(track, t);
  const n = track.counts.at(-1)! + delta;
  track.times.push(t);
  track.shares.push(s);
  track.counts.push(n);
}

/** The share integral S(t) = ∫ 1/n dt (over time with n > 0), in ms. */
function shareAt(track: RoleTrack, t: number): number {
  const { times, shares, counts } = track;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  const n = counts[lo]!;
  return shares[lo]! + (n > 0 ? (t - times[lo]!) / n : 0);
}

function sum(rows: readonly TrafficRow[]): TrafficBytes {
  const b = zero();
  for (const r of rows) for (const d of TRAFFIC_DIRECTIONS) b[d] += r.bytes[d];
  return b;
}

function groupSum(rows: readonly TrafficRow[], key: (r: TrafficRow) => string): Map<string, TrafficBytes> {
  const out = new Map<string, TrafficBytes>();
  for (const r of rows) {
    const b = out.get(key(r)) ?? zero();
    for (const d of TRAFFIC_DIRECTIONS) b[d] += r.bytes[d];
    out.set(key(r), b);
  }
  return out;
}
