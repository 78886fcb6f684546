import type { EventBus } from '../engine/index.js';
import type { NetworkEvents } from '../network/events.js';
import { monthKey } from '../network/calendar.js';
import type { PriceCatalog } from './catalog.js';
import { billedHours, hoursByMonth } from './hours.js';
import type { LineItem } from './line-item.js';
import { microsToUsd } from './money.js';

/** A stretch of time an elastic IP was allocated but mapped to no instance. */
export interface IdleSpan {
  readonly index: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Meters elastic IPs from the network's events: an address is idle from its allocation
 * (`eip.allocated`) and from every unmapping (`eip.disassociated`) until it is mapped again
 * (`eip.associated`) or released (`eip.released`); every `eip.remap-requested`
 * (ec2-associate-address, or recovery's remap) is a remap. Mapped to an instance counts as
 * in use whatever the instance's state (booting and rebooting included).
 */
export class ElasticIpMeter {
  readonly #idleSince = new Map<number, number>();
  readonly #closed: IdleSpan[] = [];
  readonly #remaps: number[] = [];

  constructor(bus: EventBus<NetworkEvents>) {
    const close = (index: number, t: number): void => {
      const from = this.#idleSince.get(index);
      if (from === undefined) return;
      this.#idleSince.delete(index);
      if (t > from) this.#closed.push({ index, fromMs: from, toMs: t });
    };
    bus.on('eip.allocated', (e) => this.#idleSince.set(e.index, e.timeMs));
    bus.on('eip.associated', (e) => close(e.index, e.timeMs));
    bus.on('eip.disassociated', (e) => this.#idleSince.set(e.index, e.timeMs));
    bus.on('eip.released', (e) => close(e.index, e.timeMs));
    bus.on('eip.remap-requested', (e) => this.#remaps.push(e.timeMs));
  }

  /** Idle spans up to `endMs` (an address idle at the end is idle until then), in the order they ended. */
  idle(endMs: number): IdleSpan[] {
    const open = [...this.#idleSince].filter(([, from]) => endMs > from).map(([index, from]) => ({ index, fromMs: from, toMs: endMs }));
    return [...this.#closed, ...open];
  }

  /** Times of the remaps requested. */
  get remaps(): readonly number[] {
    return this.#remaps;
  }
}

/**
 * `eip-idle-hours` and `eip-remaps` line items by the catalog's rules: each idle span pays
 * whole hours (a partial hour is a full one, as for instances), each hour in the month it
 * begins; the first `freeRemapsPerMonth` remaps of a calendar month are free, the rest
 * pay `remap` each.
 */
export function elasticIpLines(idle: readonly IdleSpan[], remaps: readonly number[], startEpochMs: number, catalog: PriceCatalog): LineItem[] {
  const { idleHour, freeRemapsPerMonth, remap } = catalog.elasticIp;
  const out: LineItem[] = [];
  const hours = new Map<string, number>();
  for (const s of idle) {
    for (const [month, n] of hoursByMonth(startEpochMs, s.fromMs, billedHours(s.fromMs, s.toMs))) hours.set(month, (hours.get(month) ?? 0) + n);
  }
  for (const [month, n] of hours) {
    out.push({ month, item: 'eip-idle-hours', type: 'idle', quantity: n, unit: 'address-hour', unitPriceUsd: microsToUsd(idleHour), amount: n * idleHour, category: 'eip' });
  }
  const perMonth = new Map<string, number>();
  for (const t of remaps) perMonth.set(monthKey(startEpochMs, t), (perMonth.get(monthKey(startEpochMs, t)) ?? 0) + 1);
  for (const [month, n] of perMonth) {
    const free = Math.min(n, freeRemapsPerMonth);
    if (free > 0) out.push({ month, item: 'eip-remaps', type: 'free', quantity: free, unit: 'remap', unitPriceUsd: 0, amount: 0, category: 'eip' });
    if (n > free) out.push({ month, item: 'eip-remaps', type: 'charged', quantity: n - free, unit: 'remap', unitPriceUsd: microsToUsd(remap), amount: (n - free) * remap, category: 'eip' });
  }
  return out;
}
