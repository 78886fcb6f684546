import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import { billedHours, hoursByMonth, HOUR_MS } from './hours.js';
import type { LineItem } from './line-item.js';
import { microsToUsd, mulDivRound, sumMicros, type Micros } from './money.js';

/** One instance's billed life: from launch (pending) to termination, or the end of the run. */
export interface InstanceUsage {
  readonly id: string;
  /** Instance type name (m1.small, ...). */
  readonly type: string;
  readonly fromMs: number;
  toMs: number | undefined;
  /** True when a fault (hardware, maintenance, power, rack), not the customer, ended it. */
  failed: boolean;
}

/**
 * Meters instance usage from the cloud's events: billing starts when an instance is placed
 * (`instance.pending`) and ends when it is terminated (`instance.terminated`); a reboot or
 * a live migration changes nothing. The cloud holds no billing code.
 */
export class InstanceHoursMeter {
  readonly #usage: InstanceUsage[] = [];
  readonly #byId = new Map<string, InstanceUsage>();

  constructor(bus: EventBus<CloudEvents>) {
    bus.on('instance.pending', (e) => {
      const u: InstanceUsage = { id: e.instance.id, type: e.instance.spec.type.name, fromMs: e.timeMs, toMs: undefined, failed: false };
      this.#usage.push(u);
      this.#byId.set(u.id, u);
    });
    bus.on('instance.terminated', (e) => {
      const u = this.#byId.get(e.instance.id);
      if (u === undefined || u.toMs !== undefined) return;
      u.toMs = e.timeMs;
      u.failed = e.reason !== 'user-terminated';
    });
  }

  /** Every instance launched, in launch order. */
  get usage(): readonly InstanceUsage[] {
    return this.#usage;
  }
}

/** The price of one instance-hour of `type`; throws when the catalog has none (the loader checks launches first). */
function priceOf(prices: Readonly<Record<string, Micros>>, type: string): Micros {
  const p = prices[type];
  if (p === undefined) throw new Error(`the price catalog has no instance-hour price for ${type}`);
  return p;
}

/** Billed hours of every instance up to `endMs` (instances still running are billed to the end). */
export function totalBilledHours(usage: readonly InstanceUsage[], endMs: number): number {
  return usage.reduce((n, u) => n + billedHours(u.fromMs, u.toMs ?? endMs), 0);
}

/**
 * `instance-hours` line items, one per (month, type): each instance pays whole hours from
 * its launch (a 61-minute instance pays 2), each hour in the month it begins. `prices`:
 * micro-dollars per instance-hour by type.
 */
export function instanceHourLines(usage: readonly InstanceUsage[], endMs: number, startEpochMs: number, prices: Readonly<Record<string, Micros>>): LineItem[] {
  const hours = new Map<string, { month: string; type: string; hours: number }>();
  for (const u of usage) {
    for (const [month, n] of hoursByMonth(startEpochMs, u.fromMs, billedHours(u.fromMs, u.toMs ?? endMs))) {
      const key = `${month}\0${u.type}`;
      const e = hours.get(key) ?? { month, type: u.type, hours: 0 };
      e.hours += n;
      hours.set(key, e);
    }
  }
  return [...hours.values()].map((e) => {
    const price = priceOf(prices, e.type);
    return { month: e.month, item: 'instance-hours', type: e.type, quantity: e.hours, unit: 'instance-hour', unitPriceUsd: microsToUsd(price), amount: e.hours * price, category: 'instances' };
  });
}

/**
 * Micro-dollars paid for instance time that faults took away: for every instance a fault
 * ended, the unused rest of its last billed hour (its replacement starts a new hour, so
 * the same clock hour is paid twice). Part of `cost_instances_usd`, shown on its own.
 */
export function lostToFailures(usage: readonly InstanceUsage[], prices: Readonly<Record<string, Micros>>): Micros {
  return sumMicros(usage.filter((u) => u.failed && u.toMs !== undefined).map((u) => {
    const used = u.toMs! - u.fromMs;
    const paid = billedHours(u.fromMs, u.toMs!) * HOUR_MS;
    return mulDivRound(BigInt(paid - used), BigInt(priceOf(prices, u.type)), BigInt(HOUR_MS));
  }));
}
