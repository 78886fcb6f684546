import type { EventBus } from '../engine/index.js';
import { describe } from '../network/address-ledger.js';
import type { AddressEvent, NetworkEvents } from '../network/events.js';
import { TableBuilder, type Cell, type Table } from './table.js';

/** Columns of addresses.csv (times in seconds from the start of the run; to_s empty while held at the end). */
export const ADDRESS_COLUMNS = ['address', 'kind', 'holder', 'role', 'from_s', 'to_s'] as const;

/**
 * Watches addresses change hands and reports every assignment of an address our account
 * ever held (addresses.csv): our instances' private and public addresses, our elastic IPs
 * (idle: holder `eip.N`; mapped: the instance), and, once we have held an address, every
 * later holder, other customers (`tenant`) included. Other customers' churn on addresses
 * we never held is left out. Also counts the addresses we gave up that another customer
 * took during the run.
 */
export class AddressesTable {
  readonly #rows: Cell[][] = [];
  readonly #open = new Map<string, Cell[]>();
  readonly #ours = new Set<string>();
  readonly #reassigned = new Set<string>();

  constructor(bus: EventBus<NetworkEvents>) {
    bus.on('address.assigned', (e) => this.#assigned(e));
    bus.on('address.released', (e) => {
      const row = this.#open.get(e.ip);
      if (row === undefined) return;
      row[5] = e.timeMs / 1000;
      this.#open.delete(e.ip);
    });
  }

  /** Distinct addresses we held and released that another customer then took. */
  get reassignedToOtherTenants(): number {
    return this.#reassigned.size;
  }

  /** True while no address of ours has been recorded. */
  get empty(): boolean {
    return this.#rows.length === 0;
  }

  /** addresses.csv, rows in order of assignment. */
  table(): Table {
    const t = new TableBuilder('addresses', ADDRESS_COLUMNS);
    for (const r of this.#rows) t.add([...r]);
    return t;
  }

  #assigned(e: AddressEvent): void {
    if (e.holder.kind === 'tenant') {
      if (!this.#ours.has(e.ip)) return;
      this.#reassigned.add(e.ip);
    } else {
      this.#ours.add(e.ip);
    }
    const role = e.holder.kind === 'instance' ? e.holder.instance.spec.role : null;
    const row: Cell[] = [e.ip, e.kind, describe(e.holder), role, e.timeMs / 1000, null];
    this.#rows.push(row);
    this.#open.set(e.ip, row);
  }
}
