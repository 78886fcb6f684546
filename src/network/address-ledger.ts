import type { Instance } from '../cloud/instance.js';
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
  toMs: number | undefined;
}

/** The shared holder value for every other customer. */
export const TENANT: HeldBy = Object.freeze({ kind: 'tenant' });
const FREE: Holder = Object.freeze({ kind: 'free' });

/** True for a holder that is our account (an instance or an elastic IP). */
export const isOurs = (h: Holder): boolean => h.kind === 'instance' || h.kind === 'elastic';

/**
 * Who holds each address, over time. Every address has at most one holder at a time:
 * `open` on a held address throws (a model bug, never a simulated fault). The full history
 * is kept for every address our account has held, from the first time it did (the only
 * addresses a DNS answer about us can point to); other addresses keep only their current
 * holder, so other tenants' churn does not grow memory. `recordAll` keeps every history
 * (for tests).
 */
export class AddressLedger {
  readonly #current = new Map<number, Holding>();
  readonly #history = new Map<number, Holding[]>();
  readonly #recordAll: boolean;

  constructor(options: { readonly recordAll?: boolean } = {}) {
    this.#recordAll = options.recordAll ?? false;
  }

  /** `holder` takes `ip` at `timeMs`; throws if someone holds it. */
  open(ip: number, holder: HeldBy, timeMs: number): Holding {
    const cur = this.#current.get(ip);
    if (cur !== undefined) throw new Error(`address ${formatIpv4(ip)} is already held (${describe(cur.holder)}); cannot give it to ${describe(holder)}`);
    const h: Holding = { ip, holder, fromMs: timeMs, toMs: undefined };
    this.#current.set(ip, h);
    let hist = this.#history.get(ip);
    if (hist === undefined && (this.#recordAll || isOurs(holder))) {
      hist = [];
      this.#history.set(ip, hist);
    }
    hist?.push(h);
    return h;
  }

  /** The holder of `ip` lets it go at `timeMs`; returns the closed holding; throws if it was free. */
  close(ip: number, timeMs: number): Holding {
    const cur = this.#current.get(ip);
    if (cur === undefined) throw new Error(`address ${formatIpv4(ip)} is not held`);
    cur.toMs = timeMs;
    this.#current.delete(ip);
    return cur;
  }

  /** Who holds `ip` now. */
  current(ip: number): Holder {
    return this.#current.get(ip)?.holder ?? FREE;
  }

  /** The current holding of `ip`, or undefined when it is free. */
  currentHolding(ip: number): Holding | undefined {
    return this.#current.get(ip);
  }

  /**
   * Who held `ip` at `timeMs` (holdings are half-open: at a change, the new holder). Known
   * for every time since our account first held the address, and for any address during
   * its current holding; undefined where no history was kept.
   */
  holderAt(ip: number, timeMs: number): Holder | undefined {
    const hist = this.#history.get(ip);
    if (hist === undefined || hist.length === 0) {
      const cur = this.#current.get(ip);
      return cur !== undefined && timeMs >= cur.fromMs ? cur.holder : undefined;
    }
    if (timeMs < hist[0]!.fromMs) return undefined;
    let lo = 0;
    let hi = hist.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (hist[mid]!.fromMs <= timeMs) lo = mid;
      else hi = mid - 1;
    }
    const h = hist[lo]!;
    return h.toMs === undefined || timeMs < h.toMs ? h.holder : FREE;
  }

  /** Every recorded holding of `ip`, oldest first (empty when none was kept). */
  history(ip: number): readonly Holding[] {
    return this.#history.get(ip) ?? [];
  }

  /** Addresses with a recorded history. */
  recorded(): IterableIterator<number> {
    return this.#history.keys();
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
