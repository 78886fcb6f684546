/** Addresses per page: 4,096 Int32 values, 16 KiB. */
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/**
 * A map from IPv4 addresses (uint32) to non-negative integers (below 2^31), in pages of
 * 4,096 consecutive addresses held in Int32Arrays, made when an address of theirs is first
 * set. The addresses of one pool are consecutive, so a lookup is one read in a page found
 * by a small map, usually the page of the last lookup: no hashing of the address and no
 * entry object per address, where a `Map` of a million addresses costs a cache miss or two
 * per lookup and 40-odd bytes per entry. A /8 costs nothing until its addresses are used.
 */
export class AddressIndex {
  readonly #pages = new Map<number, Int32Array>();
  #lastKey = -1;
  #lastPage: Int32Array | undefined;
  #size = 0;

  /** Addresses with a value. */
  get size(): number {
    return this.#size;
  }

  /** The value of `ip`, or -1 when it has none. */
  get(ip: number): number {
    const page = this.#page(ip >>> PAGE_BITS, false);
    return page === undefined ? -1 : page[ip & PAGE_MASK]!;
  }

  /** True when `ip` has a value. */
  has(ip: number): boolean {
    return this.get(ip) >= 0;
  }

  /** Sets the value of `ip` (an integer in [0, 2^31)). */
  set(ip: number, value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && Number.isInteger(value))) throw new RangeError(`address index values are integers in [0, 2^31), got ${value}`);
    const page = this.#page(ip >>> PAGE_BITS, true)!;
    const k = ip & PAGE_MASK;
    if (page[k]! < 0) this.#size++;
    page[k] = value;
  }

  /** Removes the value of `ip`; returns whether it had one. */
  delete(ip: number): boolean {
    const page = this.#page(ip >>> PAGE_BITS, false);
    const k = ip & PAGE_MASK;
    if (page === undefined || page[k]! < 0) return false;
    page[k] = -1;
    this.#size--;
    return true;
  }

  #page(key: number, make: boolean): Int32Array | undefined {
    if (key === this.#lastKey) return this.#lastPage;
    let page = this.#pages.get(key);
    if (page === undefined) {
      if (!make) return undefined;
      page = new Int32Array(PAGE_SIZE).fill(-1);
      this.#pages.set(key, page);
    }
    this.#lastKey = key;
    this.#lastPage = page;
    return page;
  }
}
