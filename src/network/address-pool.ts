import { cidrContains, formatIpv4, type Cidr } from './ipv4.js';
import type { ReusePolicy } from './reuse/index.js';

/**
 * A block of addresses handed out and taken back under a reuse policy. For blocks of /30
 * and larger the network and broadcast addresses (first and last) are never handed out;
 * /31 and /32 blocks use every address. Stored compactly: the policy's structures plus
 * the set of addresses held, both growing with use, not with the block.
 */
export class AddressPool {
  readonly cidr: Cidr;
  /** Addresses the pool can hand out. */
  readonly capacity: number;
  readonly #first: number;
  readonly #policy: ReusePolicy;
  readonly #held = new Set<number>();

  /** A pool over `cidr`; `makePolicy(capacity)` builds its reuse policy. */
  constructor(cidr: Cidr, makePolicy: (capacity: number) => ReusePolicy) {
    this.cidr = cidr;
    const reserved = cidr.prefix <= 30 ? 2 : 0;
    this.capacity = cidr.size - reserved;
    this.#first = cidr.base + reserved / 2;
    this.#policy = makePolicy(this.capacity);
  }

  /** Addresses free to hand out. */
  get free(): number {
    return this.#policy.free;
  }

  /** Addresses handed out. */
  get held(): number {
    return this.#held.size;
  }

  /** Entries in the pool's internal storage (policy plus held set): constant in the block's size. */
  get storedEntries(): number {
    return this.#policy.storedEntries + this.#held.size;
  }

  /** True when `ip` can be handed out by this pool. */
  contains(ip: number): boolean {
    return cidrContains(this.cidr, ip) && ip >= this.#first && ip < this.#first + this.capacity;
  }

  /** True when `ip` is handed out. */
  isHeld(ip: number): boolean {
    return this.#held.has(ip);
  }

  /** Hands out an address chosen by the policy, or undefined when the pool is exhausted. */
  take(): number | undefined {
    const offset = this.#policy.take();
    if (offset === undefined) return undefined;
    const ip = this.#first + offset;
    if (this.#held.has(ip)) throw new Error(`pool ${this.cidr.text}: ${formatIpv4(ip)} handed out twice`);
    this.#held.add(ip);
    return ip;
  }

  /** Takes `ip` back; throws when it is not an address this pool handed out. */
  give(ip: number): void {
    if (!this.#held.delete(ip)) throw new Error(`pool ${this.cidr.text}: ${formatIpv4(ip)} was not handed out`);
    this.#policy.give(ip - this.#first);
  }
}
