import type { Instance } from '../cloud/instance.js';
import { AddressIndex } from './address-index.js';
import { formatIpv4 } from './ipv4.js';

/** What an address is to its holder: an instance's private or dynamic public address, or an elastic IP. */
export type AddressKind = 'private' | 'public' | 'elastic';

/** Who holds an address at some moment. */
export type Holder =
  /** One of our instances: its private address, its dynamic public one, or an elastic IP mapped to it. */
  | { readonly kind: 'instance'; readonly instance: Instance; readonly via: AddressKind }
  /** Another customer of the cloud. */
  | { readonly kind: 'tenant' }
  /** Our elastic IP `@eip.<eip>`, allocated but mapped to no instance. */
  | { readonly kind: 'elastic'; readonly eip: number }
  | { readonly kind: 'free' };

/** A holder other than `free`. */
export type HeldBy = Exclude<Holder, { readonly kind: 'free' }>;

/** One holder's time on one address, [fromMs, toMs); toMs undefined while it lasts. */
export interface Holding {
  readonly ip: number;
  readonly holder: HeldBy;
  readonly fromMs: number;
  readonly toMs: number | undefined;
}

/** The shared holder value for every other customer. */
export const TENANT: HeldBy = Object.freeze({ kind: 'tenant' });
const FREE: Holder = Object.freeze({ kind: 'free' });

/** True for a holder that is our account (an instance or an elastic IP). */
export const isOurs = (h: Holder): boolean => h.kind === 'instance' || h.kind === 'elastic';

/** One address's recorded holdings, oldest first, read in place (no object per holding). */
export interface HistoryView {
  readonly length: number;
  fromMs(k: number): number;
  /** Infinity while the holding lasts. */
  toMs(k: number): number;
  holder(k: number): HeldBy;
}

const EMPTY_VIEW: HistoryView = { length: 0, fromMs: () => Number.NaN, toMs: () => Number.NaN, holder: () => TENANT };

/**
 * Who holds each address, over time. Every address has at most one holder at a time:
 * `open` on a held address throws (a model bug, never a simulated fault). The full history
 * is kept for every address our account has held, from the first time it did (the only
 * addresses a DNS answer about us can point to); other addresses keep only their current
 * holder, so other tenants' churn does not grow memory. `recordAll` keeps every history
 * (for tests).
 *
 * Holdings live in typed arrays (start, end, the previous holding of the same address)
 * with the holder by reference: an address's history is a list linked through them, made
 * into an array of holding numbers only when read (a year of a large fleet records a
 * million holdings, and a growing array per address cost more than all the rest).
 */
export class AddressLedger {
  #from = new Float64Array(1024);
  #to = new Float64Array(1024);
  /** Per holding of an address with a history: the holding before it (-1: its first). */
  #prev = new Int32Array(1024);
  #holder: HeldBy[] = [];
  #count = 0;
  /** Holding numbers recycled from addresses that keep no history. */
  readonly #spare: number[] = [];
  /** The holding of each address held now. */
  readonly #current = new AddressIndex();
  /** Per address with a history: its number (in order of first record), its address, last holding and count. */
  readonly #historyOf = new AddressIndex();
  readonly #historyIp: number[] = [];
  #histLast = new Int32Array(256);
  #histCount = new Int32Array(256);
  /** Per history, once read: its holding numbers in order, the first #listed of them filled in. */
  readonly #lists: (Int32Array | undefined)[] = [];
  #listed = new Int32Array(256);
  readonly #recordAll: boolean;

  constructor(options: { readonly recordAll?: boolean } = {}) {
    this.#recordAll = options.recordAll ?? false;
  }

  /** `holder` takes `ip` at `timeMs`; throws if someone holds it. */
  open(ip: number, holder: HeldBy, timeMs: number): void {
    const cur = this.#current.get(ip);
    if (cur >= 0) throw new Error(`address ${formatIpv4(ip)} is already held (${describe(this.#holder[cur]!)}); cannot give it to ${describe(holder)}`);
    let k = this.#historyOf.get(ip);
    if (k < 0 && (this.#recordAll || isOurs(holder))) k = this.#newHistory(ip);
    const h = k < 0 && this.#spare.length > 0 ? this.#spare.pop()! : this.#next();
    this.#from[h] = timeMs;
    this.#to[h] = Infinity;
    this.#holder[h] = holder;
    this.#current.set(ip, h);
    if (k >= 0) {
      this.#prev[h] = this.#histLast[k]!;
      this.#histLast[k] = h;
      this.#histCount[k]!++;
    }
  }

  /** Starts recording `ip`'s history; returns its number. */
  #newHistory(ip: number): number {
    const k = this.#historyIp.length;
    if (k === this.#histLast.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.#histLast = grow(this.#histLast);
      this.#histCount = grow(this.#histCount);
      this.#listed = grow(this.#listed);
    }
    this.#historyOf.set(ip, k);
    this.#historyIp.push(ip);
    this.#histLast[k] = -1;
    return k;
  }

  /** The holder of `ip` lets it go at `timeMs`; returns who held it; throws if it was free. */
  close(ip: number, timeMs: number): HeldBy {
    const h = this.#current.get(ip);
    if (h < 0) throw new Error(`address ${formatIpv4(ip)} is not held`);
    this.#to[h] = timeMs;
    this.#current.delete(ip);
    const holder = this.#holder[h]!;
    if (!this.#historyOf.has(ip)) this.#spare.push(h);
    return holder;
  }

  /** Who holds `ip` now. */
  current(ip: number): Holder {
    const h = this.#current.get(ip);
    return h < 0 ? FREE : this.#holder[h]!;
  }

  /**
   * Who held `ip` at `timeMs` (holdings are half-open: at a change, the new holder). Known
   * for every time since our account first held the address, and for any address during
   * its current holding; undefined where no history was kept.
   */
  holderAt(ip: number, timeMs: number): Holder | undefined {
    const hist = this.#recordOf(ip);
    if (hist === undefined || hist.length === 0) {
      const h = this.#current.get(ip);
      return h >= 0 && timeMs >= this.#from[h]! ? this.#holder[h]! : undefined;
    }
    if (timeMs < this.#from[hist[0]!]!) return undefined;
    let lo = 0;
    let hi = hist.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#from[hist[mid]!]! <= timeMs) lo = mid;
      else hi = mid - 1;
    }
    const h = hist[lo]!;
    return timeMs < this.#to[h]! ? this.#holder[h]! : FREE;
  }

  /** Every recorded holding of `ip`, oldest first, read in place (empty when none was kept). */
  view(ip: number): HistoryView {
    const hist = this.#recordOf(ip);
    if (hist === undefined) return EMPTY_VIEW;
    const from = this.#from;
    const to = this.#to;
    const holder = this.#holder;
    return {
      length: hist.length,
      fromMs: (k) => from[hist[k]!]!,
      toMs: (k) => to[hist[k]!]!,
      holder: (k) => holder[hist[k]!]!,
    };
  }

  /** Every recorded holding of `ip`, oldest first, as objects (empty when none was kept). */
  history(ip: number): Holding[] {
    const hist = this.#recordOf(ip) ?? new Int32Array(0);
    return Array.from(hist, (h) => {
      const to = this.#to[h]!;
      return { ip, holder: this.#holder[h]!, fromMs: this.#from[h]!, toMs: to === Infinity ? undefined : to };
    });
  }

  /** Addresses with a recorded history. */
  recorded(): IterableIterator<number> {
    return this.#historyIp.values();
  }

  /** The holding numbers of `ip`'s history, oldest first, or undefined when none is kept (valid until the next open). */
  #recordOf(ip: number): Int32Array | undefined {
    const k = this.#historyOf.get(ip);
    if (k < 0) return undefined;
    const n = this.#histCount[k]!;
    const have = this.#listed[k]!;
    let list = this.#lists[k];
    if (have < n || list === undefined) {
      if (list === undefined || list.length < n) {
        const grown = new Int32Array(Math.max(4, n, 2 * (list?.length ?? 0)));
        if (list !== undefined) grown.set(list.subarray(0, have));
        list = grown;
        this.#lists[k] = list;
      }
      // The holdings added since the last read, walked back from the last one.
      let h = this.#histLast[k]!;
      for (let i = n - 1; i >= have; i--) {
        list[i] = h;
        h = this.#prev[h]!;
      }
      this.#listed[k] = n;
    }
    return list.subarray(0, n);
  }

  #next(): number {
    if (this.#count === this.#from.length) {
      const n = this.#count * 2;
      const from = new Float64Array(n);
      from.set(this.#from);
      this.#from = from;
      const to = new Float64Array(n);
      to.set(this.#to);
      this.#to = to;
      const prev = new Int32Array(n);
      prev.set(this.#prev);
      this.#prev = prev;
    }
    return this.#count++;
  }
}

/** A holder in words, for messages and tables: an instance id, `tenant`, `eip.N` or `free`. */
export function describe(h: Holder): string {
  switch (h.kind) {
    case 'instance': return h.instance.id;
    case 'tenant': return 'tenant';
    case 'elastic': return `eip.${h.eip}`;
    case 'free': return 'free';
  }
}
