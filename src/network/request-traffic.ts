import type { Instance } from '../cloud/instance.js';
import { monthSpans } from './calendar.js';
import { regionalPairs } from './peer-traffic.js';
import type { TrafficDirection, TrafficMeter } from './traffic-meter.js';

/** The service's Internet traffic from `fromMs` until the next step, bytes per ms each way. */
export interface InternetStep {
  readonly fromMs: number;
  readonly in: number;
  readonly out: number;
}

const DIRS: readonly TrafficDirection[] = ['in', 'out', 'internal', 'regional'];

/**
 * The bytes of the requests the service served, metered like every other byte: a front
 * end's requests come in from the Internet and its answers go out; between two tiers, a
 * visit's request and answer cross between an instance of the calling tier and one of the
 * called, spread evenly over every (caller, callee) pair, counted at both ends, free in one
 * zone on private addresses and regional otherwise (see PeerTrafficMeter). Bytes are summed
 * per instance and calendar month as the service's accounting walks the run, and booked into
 * the traffic meter once (`flush`), so a month of one-minute intervals costs a pass, not a
 * meter entry per interval. The Internet traffic is also kept as steps, for the colocation
 * bandwidth percentile.
 */
export class RequestTraffic {
  readonly steps: InternetStep[] = [];
  readonly #meter: TrafficMeter;
  readonly #months: { month: string; fromMs: number; toMs: number }[];
  #monthIndex = 0;
  /** Per instance: bytes per month index and direction (in, out, internal, regional). */
  readonly #bytes = new Map<Instance, Float64Array[]>();

  constructor(meter: TrafficMeter, startEpochMs: number, endMs: number) {
    this.#meter = meter;
    this.#months = monthSpans(startEpochMs, 0, Math.max(1, endMs));
  }

  /** The front end's Internet traffic over [fromMs, toMs): `inBytes` received and `outBytes` sent, shared by `instances`. */
  internet(fromMs: number, toMs: number, instances: readonly Instance[], inBytes: number, outBytes: number): void {
    if (instances.length === 0 || toMs <= fromMs) return;
    const m = this.#month(fromMs);
    let bins = this.#front.get(instances);
    if (bins === undefined || bins.month !== m) this.#front.set(instances, (bins = { month: m, bins: instances.map((i) => this.#of(i, m)) }));
    for (const b of bins.bins) {
      b[0]! += inBytes / instances.length;
      b[1]! += outBytes / instances.length;
    }
    // A gap (no traffic) since the last stretch is a step of zero.
    if (this.#lastEndMs !== undefined && fromMs > this.#lastEndMs) this.#step(this.#lastEndMs, 0, 0);
    this.#step(fromMs, inBytes / (toMs - fromMs), outBytes / (toMs - fromMs));
    this.#lastEndMs = toMs;
  }

  #step(fromMs: number, rin: number, rout: number): void {
    if (this.steps.at(-1)?.fromMs === fromMs) this.steps.pop();
    const prev = this.steps.at(-1);
    if (prev === undefined || prev.in !== rin || prev.out !== rout) this.steps.push({ fromMs, in: rin, out: rout });
  }

  /**
   * `bytes` between tier `callerRole` (`callers`) and tier `calleeRole` (`callees`) at `atMs`.
   * The split of a byte over the instances depends only on the two lists, so it is worked out
   * once per pair of lists (the service's snapshots keep them) and reused.
   */
  between(atMs: number, callers: readonly Instance[], callerRole: string, callees: readonly Instance[], calleeRole: string, bytes: number): void {
    if (callers.length === 0 || callees.length === 0 || !(bytes > 0)) return;
    const m = this.#month(atMs);
    let byCallees = this.#plans.get(callers);
    if (byCallees === undefined) this.#plans.set(callers, (byCallees = new WeakMap()));
    let plan = byCallees.get(callees);
    if (plan === undefined) {
      plan = { month: -1, accs: [], internal: [], regional: [] };
      const perPair = 1 / (callers.length * callees.length);
      const add = (side: readonly Instance[], other: readonly Instance[], otherRole: string, role: string): void => {
        const regional = regionalPairs(side, other, otherRole, role);
        side.forEach((inst, k) => {
          plan!.accs.push(inst);
          plan!.regional.push(perPair * regional[k]!);
          plan!.internal.push(perPair * (other.length - regional[k]!));
        });
      };
      add(callers, callees, calleeRole, callerRole);
      add(callees, callers, callerRole, calleeRole);
      byCallees.set(callees, plan);
    }
    if (plan.month !== m) {
      plan.month = m;
      plan.bins = plan.accs.map((inst) => this.#of(inst, m));
    }
    const bins = plan.bins!;
    for (let i = 0; i < bins.length; i++) {
      bins[i]![3]! += bytes * plan.regional[i]!;
      bins[i]![2]! += bytes * plan.internal[i]!;
    }
  }

  /** Per list of callers and of callees: each instance's internal and regional share of a byte, and its bins for one month. */
  readonly #plans = new WeakMap<readonly Instance[], WeakMap<readonly Instance[], { month: number; accs: Instance[]; internal: number[]; regional: number[]; bins?: Float64Array[] }>>();

  /** Books every byte into the traffic meter (call once, after the accounting). */
  flush(): void {
    if (this.#lastEndMs !== undefined) this.#step(this.#lastEndMs, 0, 0);
    for (const [inst, months] of this.#bytes) {
      months.forEach((b, m) => {
        if (b === undefined) return;
        DIRS.forEach((d, i) => {
          if (b[i]! > 0) this.#meter.add(inst, d, b[i]!, this.#months[m]!.fromMs);
        });
      });
    }
    this.#bytes.clear();
  }

  #lastEndMs: number | undefined;
  /** Per list of front-end instances, their bins for one month. */
  readonly #front = new WeakMap<readonly Instance[], { month: number; bins: Float64Array[] }>();

  /** The index of the calendar month holding `t` (calls come in time order). */
  #month(t: number): number {
    while (this.#monthIndex + 1 < this.#months.length && this.#months[this.#monthIndex]!.toMs <= t) this.#monthIndex++;
    return this.#monthIndex;
  }

  #of(inst: Instance, m: number): Float64Array {
    let months = this.#bytes.get(inst);
    if (months === undefined) this.#bytes.set(inst, (months = []));
    let b = months[m];
    if (b === undefined) months[m] = b = new Float64Array(4);
    return b;
  }
}
