import type { EventBus } from '../engine/index.js';
import { AddressIndex } from '../network/address-index.js';
import { describe, type AddressKind, type HeldBy } from '../network/address-ledger.js';
import type { AddressEvent, NetworkEvents } from '../network/events.js';
import { formatIpv4 } from '../network/ipv4.js';
import { LazyTable } from './table.js';

/** Columns of addresses.csv (times in seconds from the start of the run; to_s empty while held at the end). */
export const ADDRESS_COLUMNS = ['address', 'kind', 'holder', 'role', 'from_s', 'to_s'] as const;

const KINDS: readonly AddressKind[] = ['private', 'public', 'elastic'];
const OURS = 1;
const REASSIGNED = 2;

/**
 * Watches addresses change hands and reports every assignment of an address our account
 * ever held (addresses.csv): our instances' private and public addresses, our elastic IPs
 * (idle: holder `eip.N`; mapped: the instance), and, once we have held an address, every
 * later holder, other customers (`tenant`) included. Other customers' churn on addresses
 * we never held is left out. Also counts the addresses we gave up that another customer
 * took during the run.
 *
 * A year of a large fleet gives a million rows, so they are kept in typed arrays (address,
 * kind, times; the holder by reference) and made into table rows only when asked.
 */
export class AddressesTable {
  #address = new Uint32Array(1024);
  #kind = new Uint8Array(1024);
  #from = new Float64Array(1024);
  #to = new Float64Array(1024);
  #holder: HeldBy[] = [];
  #count = 0;
  /** Open row of each address held now. */
  readonly #open = new AddressIndex();
  /** Per address we held: OURS, and REASSIGNED once another customer took it after us. */
  readonly #flags = new AddressIndex();
  #reassigned = 0;

  constructor(bus: EventBus<NetworkEvents>) {
    bus.on('address.assigned', (e) => this.#assigned(e));
    bus.on('address.released', (e) => {
      const row = this.#open.get(e.address);
      if (row < 0) return;
      this.#to[row] = e.timeMs;
      this.#open.delete(e.address);
    });
  }

  /** Distinct addresses we held and released that another customer then took. */
  get reassignedToOtherTenants(): number {
    return this.#reassigned;
  }

  /** True while no address of ours has been recorded. */
  get empty(): boolean {
    return this.#count === 0;
  }

  /** Rows recorded so far. */
  get rowCount(): number {
    return this.#count;
  }

  /** addresses.csv, rows in order of assignment (made when read: see LazyTable). */
  table(): LazyTable {
    const names = new Map<number, string>();
    const count = this.#count;
    return new LazyTable('addresses', ADDRESS_COLUMNS, count, (r) => {
      const a = this.#address[r]!;
      let ip = names.get(a);
      if (ip === undefined) {
        ip = formatIpv4(a);
        names.set(a, ip);
      }
      const h = this.#holder[r]!;
      const to = this.#to[r]!;
      return [ip, KINDS[this.#kind[r]!]!, describe(h), h.kind === 'instance' ? h.instance.spec.role : null, this.#from[r]! / 1000, Number.isNaN(to) ? null : to / 1000];
    });
  }

  #assigned(e: AddressEvent): void {
    const a = e.address;
    const flags = this.#flags.get(a);
    if (e.holder.kind === 'tenant') {
      if (flags < 0) return; // never ours
      if ((flags & REASSIGNED) === 0) {
        this.#flags.set(a, flags | REASSIGNED);
        this.#reassigned++;
      }
    } else if (flags < 0) {
      this.#flags.set(a, OURS);
    }
    if (this.#count === this.#address.length) this.#grow();
    const r = this.#count++;
    this.#address[r] = a;
    this.#kind[r] = KINDS.indexOf(e.kind);
    this.#from[r] = e.timeMs;
    this.#to[r] = Number.NaN;
    this.#holder[r] = e.holder;
    this.#open.set(a, r);
  }

  #grow(): void {
    const n = this.#address.length * 2;
    const address = new Uint32Array(n);
    address.set(this.#address);
    this.#address = address;
    const kind = new Uint8Array(n);
    kind.set(this.#kind);
    this.#kind = kind;
    const from = new Float64Array(n);
    from.set(this.#from);
    this.#from = from;
    const to = new Float64Array(n);
    to.set(this.#to);
    this.#to = to;
  }
}
