import { creditShares } from './credit-scheduler.js';
import type { Host } from './host.js';
import type { CpuDemand, Instance } from './instance.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Per-guest CPU rates for each hour of the day: ECUs wanted and ECUs stolen. */
interface GuestRates {
  readonly want: Float64Array;
  readonly steal: Float64Array;
}

/** A guest's accumulated CPU use: ECU-milliseconds wanted (min of demand and cap) and stolen. */
export interface CpuTotals {
  wantEcuMs: number;
  stealEcuMs: number;
}

function demandAt(d: CpuDemand, hour: number): number {
  return d.kind === 'constant' ? d.ecu : d.ecu[hour]!;
}

/**
 * ∫ rate(t) dt over [t0, t1) where `rate` repeats daily in 24 hourly steps and hour 0 of the
 * day starts `dayOffsetMs` before simulated time 0. Exact: whole days, then partial hours.
 */
export function integrateDaily(rates: Float64Array, t0: number, t1: number, dayOffsetMs: number): number {
  if (t1 <= t0) return 0;
  let perDay = 0;
  for (let h = 0; h < 24; h++) perDay += rates[h]! * HOUR_MS;
  const span = t1 - t0;
  const days = Math.floor(span / DAY_MS);
  let total = days * perDay;
  let t = t0 + days * DAY_MS;
  while (t < t1) {
    const inDay = (((t + dayOffsetMs) % DAY_MS) + DAY_MS) % DAY_MS;
    const hour = Math.floor(inDay / HOUR_MS);
    const next = Math.min(t1, t + (HOUR_MS - (inDay % HOUR_MS)));
    total += rates[hour]! * (next - t);
    t = next;
  }
  return total;
}

/**
 * The hypervisor's CPU accounting: when the guests on a host want more ECUs than the host
 * has, Xen's credit scheduler shares them by weight (the guest's ECUs) with each guest capped
 * at its own ECUs, and the shortfall shows inside the guest as steal time. Rates are computed
 * per hour of the day when a host's guest set changes and integrated exactly until the next
 * change, so nothing polls. Only guests in `running` count, as wanting and as sharing: a
 * guest booting (pending), rebooting or shutting down runs no workload, so it neither has
 * steal time nor takes CPU from the others. Guests without a declared demand are not counted.
 */
export class CpuAccounting {
  readonly #dayOffsetMs: number;
  readonly #rates = new Map<Instance, GuestRates>();
  readonly #since = new Map<Host, number>();
  readonly #totals = new Map<Instance, CpuTotals>();

  /** `dayOffsetMs`: time of day at simulated time 0, ms after midnight UTC. */
  constructor(dayOffsetMs: number) {
    this.#dayOffsetMs = dayOffsetMs;
  }

  /**
   * Call after a host's guests changed, or one of them started or stopped running (or before
   * reading totals, at the end): accrues every guest's use since the last call, then re-rates.
   * `departed` is a guest that has just left the host (terminated or migrated away).
   */
  guestsChanged(host: Host, nowMs: number, departed?: Instance): void {
    const since = this.#since.get(host) ?? nowMs;
    const accrue = (inst: Instance): void => {
      const r = this.#rates.get(inst);
      if (r === undefined) return;
      const t = this.#totals.get(inst) ?? { wantEcuMs: 0, stealEcuMs: 0 };
      t.wantEcuMs += integrateDaily(r.want, since, nowMs, this.#dayOffsetMs);
      t.stealEcuMs += integrateDaily(r.steal, since, nowMs, this.#dayOffsetMs);
      this.#totals.set(inst, t);
    };
    for (const g of host.guests) accrue(g);
    if (departed !== undefined) {
      accrue(departed);
      this.#rates.delete(departed);
    }
    this.#since.set(host, nowMs);
    this.#rerate(host);
  }

  /**
   * The share of the CPU `inst` wants that Xen steals from it, per hour of the day (24
   * values in 0..1), at its host's current guest set; undefined when it declared no demand.
   */
  stealShares(inst: Instance): Float64Array | undefined {
    const r = this.#rates.get(inst);
    if (r === undefined) return undefined;
    const out = new Float64Array(24);
    for (let h = 0; h < 24; h++) out[h] = r.want[h]! > 0 ? r.steal[h]! / r.want[h]! : 0;
    return out;
  }

  /** What `inst` wanted and lost so far (call `guestsChanged` on its host first for up-to-date totals). */
  totals(inst: Instance): CpuTotals | undefined {
    return this.#totals.get(inst);
  }

  #rerate(host: Host): void {
    const guests: Instance[] = [];
    for (const g of host.guests) {
      if (g.spec.cpu === undefined) continue;
      if (g.state === 'running') guests.push(g);
      else this.#rates.delete(g);
    }
    if (guests.length === 0) return;
    const t = host.type;
    const capacity = Math.max(0, t.cores * t.ecuPerCore - t.dom0Ecu);
    const rates = guests.map(() => ({ want: new Float64Array(24), steal: new Float64Array(24) }));
    for (let h = 0; h < 24; h++) {
      const cg = guests.map((g) => ({ weight: g.spec.type.ecu, cap: g.spec.type.ecu, demand: demandAt(g.spec.cpu!, h) }));
      const shares = creditShares(capacity, cg);
      cg.forEach((c, i) => {
        const want = Math.min(c.demand, c.cap);
        rates[i]!.want[h] = want;
        rates[i]!.steal[h] = Math.max(0, want - shares[i]!);
      });
    }
    guests.forEach((g, i) => this.#rates.set(g, rates[i]!));
  }
}
