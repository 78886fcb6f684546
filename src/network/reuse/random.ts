import type { ReusePolicy } from './policy.js';

/**
 * `random`: every free address is equally likely, a just-released one included (so a
 * stranger can get your old address minutes later). A sparse Fisher–Yates shuffle: the
 * free offsets are a virtual array whose slot i holds i unless overridden in a map; a take
 * swaps a uniformly drawn slot with the last free one. O(1) per operation, no scanning,
 * and memory proportional to the slots that differ from their index.
 */
export class RandomReuse implements ReusePolicy {
  readonly name = 'random';
  readonly #rng: () => number;
  readonly #moved = new Map<number, number>();
  #free: number;

  /** `size` offsets, drawn with `rng` (uniform on [0, 1), a named stream). */
  constructor(size: number, rng: () => number) {
    this.#free = size;
    this.#rng = rng;
  }

  get free(): number {
    return this.#free;
  }

  get storedEntries(): number {
    return this.#moved.size;
  }

  take(): number | undefined {
    if (this.#free === 0) return undefined;
    const j = Math.min(this.#free - 1, Math.floor(this.#rng() * this.#free));
    const last = this.#free - 1;
    const chosen = this.#slot(j);
    this.#set(j, this.#slot(last));
    this.#moved.delete(last); // slot `last` leaves the free range; `give` writes it before reading
    this.#free--;
    return chosen;
  }

  give(offset: number): void {
    this.#set(this.#free, offset);
    this.#free++;
  }

  #slot(i: number): number {
    return this.#moved.get(i) ?? i;
  }

  #set(i: number, value: number): void {
    if (value === i) this.#moved.delete(i);
    else this.#moved.set(i, value);
  }
}
