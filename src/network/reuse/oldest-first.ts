import type { ReusePolicy } from './policy.js';

/**
 * `oldest-first`: the least recently released address first, never-used addresses counting
 * as released before the run began. So every address is used once (in order, from a
 * cursor) before any is reused, and a released address waits behind every address
 * released before it: the longest possible time before a stranger gets it. Storage: the
 * cursor and a FIFO queue of released offsets.
 */
export class OldestFirstReuse implements ReusePolicy {
  readonly name = 'oldest-first';
  readonly #size: number;
  #cursor = 0;
  #queue: number[] = [];
  #head = 0;

  constructor(size: number) {
    this.#size = size;
  }

  get free(): number {
    return this.#size - this.#cursor + this.#queue.length - this.#head;
  }

  get storedEntries(): number {
    return this.#queue.length - this.#head;
  }

  take(): number | undefined {
    if (this.#cursor < this.#size) return this.#cursor++;
    if (this.#head === this.#queue.length) return undefined;
    const offset = this.#queue[this.#head++]!;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return offset;
  }

  give(offset: number): void {
    this.#queue.push(offset);
  }
}
