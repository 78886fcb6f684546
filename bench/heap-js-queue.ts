import { Heap } from 'heap-js';

const MAX_PENDING = 1 << 24;
const SLOT_SPACE = MAX_PENDING;
/** Generations wrap at 2^29 so that a handle stays an exact integer (2^29 * 2^24 = 2^53). */
const GEN_MASK = (1 << 29) - 1;
/** Priorities are integers in [MIN_PRIORITY, MAX_PRIORITY]. */
const MIN_PRIORITY = -1024;
const MAX_PRIORITY = 1023;
/** The tie-breaking key is (priority - MIN_PRIORITY) * 2^42 + sequence: exact below 2^53. */
const SEQ_SPACE = 2 ** 42;

/**
 * The engine's previous pending-event set, kept for the benchmark's comparison: a heap-js
 * binary heap of slot ids ordered by a comparator over per-slot time and key arrays (the
 * key folds priority and sequence), with the same vacant-root trick as the engine's queue.
 * Each comparison reads two slot ids from heap-js's array and then their times from another
 * array: two dependent loads per child where the inline heap has one, which is what keeps it
 * below the hold-model targets at 10^5 and 10^6 pending (see the README's benchmarks).
 */
export class HeapJsEventQueue<A> {
  #time = new Float64Array(1024);
  #key = new Float64Array(1024);
  #gen = new Uint32Array(1024);
  #payload: (A | undefined)[] = [];
  #free = new Int32Array(1024);
  #freeCount = 0;
  #nextSlot = 0;
  #nextSeq = 0;
  #live = 0;
  #vacant = -1;
  #lastTime = Number.NaN;
  readonly #heap: Heap<number>;

  constructor() {
    this.#heap = new Heap<number>(this.#comparator());
  }

  get size(): number {
    return this.#live;
  }

  get lastTime(): number {
    return this.#lastTime;
  }

  push(timeMs: number, priority: number, payload: A): number {
    if (priority !== 0 && !(Number.isInteger(priority) && priority >= MIN_PRIORITY && priority <= MAX_PRIORITY)) {
      throw new RangeError(`priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`);
    }
    const seq = this.#nextSeq++;
    if (seq >= SEQ_SPACE) throw new RangeError('more than 2^42 events scheduled in one run');
    const slot = this.#allocSlot();
    this.#time[slot] = timeMs;
    this.#key[slot] = (priority - MIN_PRIORITY) * SEQ_SPACE + seq;
    this.#payload[slot] = payload;
    this.#live++;
    const vacant = this.#vacant;
    if (vacant >= 0) {
      this.#vacant = -1;
      this.#heap.replace(slot);
      this.#release(vacant);
    } else {
      this.#heap.add(slot);
    }
    return this.#gen[slot]! * SLOT_SPACE + slot;
  }

  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const gen = (handle - slot) / SLOT_SPACE;
    if (slot >= this.#nextSlot || this.#gen[slot] !== gen || this.#payload[slot] === undefined) return false;
    this.#payload[slot] = undefined;
    this.#live--;
    return true;
  }

  peekTime(): number | undefined {
    const slot = this.#head();
    return slot < 0 ? undefined : this.#time[slot];
  }

  pop(): A | undefined {
    return this.popUntil(Infinity);
  }

  popUntil(untilMs: number): A | undefined {
    const slot = this.#head();
    if (slot < 0) return undefined;
    const t = this.#time[slot]!;
    if (t > untilMs) return undefined;
    const payload = this.#payload[slot];
    this.#payload[slot] = undefined;
    this.#live--;
    this.#lastTime = t;
    this.#vacant = slot;
    return payload;
  }

  #head(): number {
    const heap = this.#heap;
    const vacant = this.#vacant;
    if (vacant >= 0) {
      this.#vacant = -1;
      heap.pop();
      this.#release(vacant);
    }
    for (;;) {
      const slot = heap.peek();
      if (slot === undefined) return -1;
      if (this.#payload[slot] !== undefined) return slot;
      heap.pop();
      this.#release(slot);
    }
  }

  #release(slot: number): void {
    this.#gen[slot] = (this.#gen[slot]! + 1) & GEN_MASK;
    this.#free[this.#freeCount++] = slot;
  }

  #allocSlot(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount]!;
    const slot = this.#nextSlot++;
    if (slot >= MAX_PENDING) throw new RangeError(`more than ${MAX_PENDING} events pending at once`);
    if (slot >= this.#time.length) this.#grow();
    return slot;
  }

  #comparator(): (a: number, b: number) => number {
    const t = this.#time;
    const k = this.#key;
    return (a, b) => {
      const d = t[a]! - t[b]!;
      return d !== 0 ? d : k[a]! - k[b]!;
    };
  }

  #grow(): void {
    const n = Math.min(this.#time.length * 2, MAX_PENDING);
    const time = new Float64Array(n);
    time.set(this.#time);
    this.#time = time;
    const key = new Float64Array(n);
    key.set(this.#key);
    this.#key = key;
    const gen = new Uint32Array(n);
    gen.set(this.#gen);
    this.#gen = gen;
    const free = new Int32Array(n);
    free.set(this.#free);
    this.#free = free;
    this.#heap.compare = this.#comparator();
  }
}
