/**
 * A set of offsets 0..size-1, all present at first, from which a uniformly random member or
 * a given one can be removed in O(1): a sparse Fisher–Yates array. Slot i holds i unless
 * overridden; an inverse map finds a moved value's slot. Memory grows with removals, never
 * with the size (a /8 costs nothing until addresses are touched).
 */
export class OffsetSet {
  #size: number;
  /** Slot -> value, where they differ. */
  readonly #at = new Map<number, number>();
  /** Value -> slot, for values not in their own slot. */
  readonly #slotOf = new Map<number, number>();

  constructor(size: number) {
    this.#size = size;
  }

  /** Members left. */
  get size(): number {
    return this.#size;
  }

  /** Entries held in the maps (grows with removals only). */
  get storedEntries(): number {
    return this.#at.size + this.#slotOf.size;
  }

  /** True while `value` has not been removed. */
  has(value: number): boolean {
    const slot = this.#slotOf.get(value) ?? value;
    return slot < this.#size && this.#value(slot) === value;
  }

  /** Removes and returns a uniformly chosen member (`u` uniform on [0, 1)); undefined when empty. */
  takeRandom(u: number): number | undefined {
    if (this.#size === 0) return undefined;
    const slot = Math.min(this.#size - 1, Math.floor(u * this.#size));
    const value = this.#value(slot);
    this.#removeSlot(slot, value);
    return value;
  }

  /** Removes `value` if present; returns whether it was. */
  remove(value: number): boolean {
    if (!this.has(value)) return false;
    this.#removeSlot(this.#slotOf.get(value) ?? value, value);
    return true;
  }

  #value(slot: number): number {
    return this.#at.get(slot) ?? slot;
  }

  /** Moves the last member into `slot` (which holds `value`) and shrinks the array. */
  #removeSlot(slot: number, value: number): void {
    const last = this.#size - 1;
    const lastValue = this.#value(last);
    this.#size = last;
    this.#at.delete(last);
    this.#slotOf.delete(lastValue);
    this.#slotOf.delete(value);
    if (slot !== last) {
      if (lastValue === slot) this.#at.delete(slot);
      else {
        this.#at.set(slot, lastValue);
        this.#slotOf.set(lastValue, slot);
      }
    } else {
      this.#at.delete(slot);
    }
  }
}
