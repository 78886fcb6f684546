import { Heap } from 'heap-js';

/** Largest number of events that may be pending at once (slot ids fit in 24 bits). */
export const MAX_PENDING = 1 << 24;
const SLOT_SPACE = MAX_PENDING;
const GEN_MASK = (1 << 29) - 1;

/**
 * The pending-event set: a heap-js binary heap of small integer slot ids, with each
 * slot's time, priority and sequence number held in Float64Arrays. Order is
 * (time, priority, sequence): equal times and priorities pop in insertion order.
 *
 * A handle is `generation * 2^24 + slot`, so a handle kept after its event ran or was
 * cancelled can never cancel a later event that reuses the slot.
 */
/** Per-slot sort keys, shared with the heap's comparator (replaced when they grow). */
interface Keys {
  time: Float64Array<ArrayBuffer>;
  prio: Float64Array<ArrayBuffer>;
  seq: Float64Array<ArrayBuffer>;
}

export class EventQueue<A> {
  readonly #keys: Keys = { time: new Float64Array(1024), prio: new Float64Array(1024), seq: new Float64Array(1024) };
  #gen = new Uint32Array(1024);
  #dead = new Uint8Array(1024);
  #payload: (A | undefined)[] = [];
  #free: number[] = [];
  #nextSlot = 0;
  #nextSeq = 0;
  #live = 0;
  readonly #heap: Heap<number>;

  constructor() {
    const k = this.#keys;
    // A plain closure over the key arrays: the comparator is the hot path of every push and pop.
    this.#heap = new Heap<number>((a, b) => {
      const t = k.time;
      const d = t[a]! - t[b]!;
      if (d !== 0) return d;
      const p = k.prio[a]! - k.prio[b]!;
      return p !== 0 ? p : k.seq[a]! - k.seq[b]!;
    });
  }

  /** Number of events that will still run (cancelled ones excluded). */
  get size(): number {
    return this.#live;
  }

  /** Adds an event at absolute time `timeMs`; returns its handle. */
  push(timeMs: number, priority: number, payload: A): number {
    const slot = this.#allocSlot();
    const k = this.#keys;
    k.time[slot] = timeMs;
    k.prio[slot] = priority;
    k.seq[slot] = this.#nextSeq++;
    this.#dead[slot] = 0;
    this.#payload[slot] = payload;
    this.#heap.add(slot);
    this.#live++;
    return this.#gen[slot]! * SLOT_SPACE + slot;
  }

  /** Marks an event dead; it is skipped when it reaches the top. Returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const gen = (handle - slot) / SLOT_SPACE;
    if (slot >= this.#nextSlot || this.#gen[slot] !== gen || this.#dead[slot] === 1) return false;
    if (this.#payload[slot] === undefined) return false;
    this.#dead[slot] = 1;
    this.#payload[slot] = undefined;
    this.#live--;
    return true;
  }

  /** Time of the earliest live event, or undefined when none is pending. Drops dead events on the way. */
  peekTime(): number | undefined {
    for (;;) {
      const slot = this.#heap.peek();
      if (slot === undefined) return undefined;
      if (this.#dead[slot] === 0) return this.#keys.time[slot];
      this.#heap.pop();
      this.#release(slot);
    }
  }

  /** Removes the earliest live event; returns its payload (call `peekTime` first for its time). */
  pop(): A | undefined {
    for (;;) {
      const slot = this.#heap.pop();
      if (slot === undefined) return undefined;
      if (this.#dead[slot] === 1) {
        this.#release(slot);
        continue;
      }
      const payload = this.#payload[slot];
      this.#payload[slot] = undefined;
      this.#live--;
      this.#release(slot);
      return payload;
    }
  }

  #release(slot: number): void {
    // Generations wrap at 2^29 so that a handle stays an exact integer (2^29 * 2^24 = 2^53).
    this.#gen[slot] = (this.#gen[slot]! + 1) & GEN_MASK;
    this.#dead[slot] = 1;
    this.#free.push(slot);
  }

  #allocSlot(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    const slot = this.#nextSlot++;
    if (slot >= MAX_PENDING) throw new RangeError(`more than ${MAX_PENDING} events pending at once`);
    if (slot >= this.#keys.time.length) this.#grow();
    return slot;
  }

  #grow(): void {
    const k = this.#keys;
    const n = Math.min(k.time.length * 2, MAX_PENDING);
    const grow64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    k.time = grow64(k.time);
    k.prio = grow64(k.prio);
    k.seq = grow64(k.seq);
    const gen = new Uint32Array(n);
    gen.set(this.#gen);
    this.#gen = gen;
    const dead = new Uint8Array(n);
    dead.set(this.#dead);
    this.#dead = dead;
  }
}
