/** The argument of an event pushed without one (see `EventQueue.push`). */
export const NO_ARG = -2147483648;
/** Largest number of events that may be pending at once (slot ids fit in 24 bits). */
export const MAX_PENDING = 1 << 24;
const SLOT_SPACE = MAX_PENDING;
/** Generations wrap at 2^29 so that a handle stays an exact integer (2^29 * 2^24 = 2^53). */
const GEN_MASK = (1 << 29) - 1;
/** Priorities are integers in [MIN_PRIORITY, MAX_PRIORITY]. */
export const MIN_PRIORITY = -1024;
export const MAX_PRIORITY = 1023;
/** The tie-breaking key is priority * 2^42 + sequence: exact, and ordered as (priority, sequence), for |key| < 2^52. */
const SEQ_SPACE = 2 ** 42;
/** Doubles per heap entry: time, slot (the tie-breaking key lives in the slot's record, read only on a tie). */
const STRIDE = 2;

/**
 * The pending-event set: a binary min-heap stored inline in one Float64Array, two doubles
 * per entry (time, slot), so a sift compares and moves entries that sit side by side in
 * memory instead of chasing slot ids into other arrays. Priority and sequence are folded
 * into one tie-breaking key per slot, priority * 2^42 + sequence, read only when two times
 * are equal; equal times and priorities pop in insertion order.
 *
 * When a pop leaves the root empty, the next push fills it with one sift-down instead of a
 * sift-down for the pop and a sift-up for the push: most events schedule exactly one
 * successor (the hold pattern). Sifts take heap positions, never keys, as arguments, so no
 * number is boxed on the way; nothing is allocated per event once the arrays have grown.
 *
 * Payloads live in slots, recycled through a free list. A handle is
 * `generation * 2^24 + slot`: a handle kept after its event ran or was cancelled can never
 * cancel a later event that reuses the slot. Cancelled events stay in the heap, marked by an
 * empty payload, and are dropped when they reach the top.
 *
 * (The queue used to be a heap-js heap of slot ids ordered by a comparator over per-slot
 * key arrays; see bench/heap-js-queue.ts and the README's benchmark section for why it moved.)
 */
export class EventQueue<A> {
  #heap = new Float64Array(STRIDE * 1024);
  #count = 0;
  /**
   * Per slot, one 16-byte record: the tie-breaking key, priority * 2^42 + sequence (read on
   * ties only), as the double at 2 * slot; the slot's generation (see handles, < 2^29) and
   * the event's argument (see `push`) as the int32s at 4 * slot + 2 and 4 * slot + 3 of the
   * same bytes (`#genArg`, a view of the same buffer). A pop and the push that reuses its
   * slot touch one place in memory beside the payload, not two: at a million pending events
   * that is one cache miss per event fewer.
   */
  #key = new Float64Array(2 * 1024);
  #genArg = new Int32Array(this.#key.buffer);
  /** The root entry was popped and awaits the next push or a removal. */
  #vacantRoot = false;
  #payload: (A | undefined)[] = [];
  #free = new Int32Array(1024);
  #freeCount = 0;
  #nextSlot = 0;
  #nextSeq = 0;
  #live = 0;
  /** Time and argument of the last event popped, in a typed array (no boxing per event). */
  readonly #last = new Float64Array(2);

  /** Number of events that will still run (cancelled ones excluded). */
  get size(): number {
    return this.#live;
  }

  /** Time of the event the last `pop` or `popUntil` returned. */
  get lastTime(): number {
    return this.#last[0]!;
  }

  /** Argument of the event the last `pop` or `popUntil` returned (NO_ARG when it was pushed without one). */
  get lastArg(): number {
    return this.#last[1]!;
  }

  /**
   * Adds an event at absolute time `timeMs` with an integer `priority` in [-1024, 1023] and a
   * 32-bit integer `arg` kept beside it (`lastArg` when it pops; NO_ARG, -2^31, for none:
   * the caller checks the range); returns its handle.
   */
  push(timeMs: number, priority: number, payload: A, arg = NO_ARG): number {
    if (priority !== 0 && !(Number.isInteger(priority) && priority >= MIN_PRIORITY && priority <= MAX_PRIORITY)) {
      throw new RangeError(`priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`);
    }
    const seq = this.#nextSeq++;
    if (seq >= SEQ_SPACE) throw new RangeError('more than 2^42 events scheduled in one run');
    const slot = this.#allocSlot();
    this.#payload[slot] = payload;
    this.#live++;
    this.#key[2 * slot] = priority * SEQ_SPACE + seq;
    const ga = this.#genArg;
    ga[4 * slot + 3] = arg;
    if (this.#vacantRoot) {
      this.#vacantRoot = false;
      const h = this.#heap;
      h[0] = timeMs;
      h[1] = slot;
      this.#siftDown(0);
    } else {
      const i = this.#count++;
      if (STRIDE * this.#count > this.#heap.length) this.#growHeap();
      const h = this.#heap;
      h[STRIDE * i] = timeMs;
      h[STRIDE * i + 1] = slot;
      this.#siftUp(i);
    }
    return ga[4 * slot + 2]! * SLOT_SPACE + slot;
  }

  /** Marks an event dead; it is skipped when it reaches the top. Returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const gen = (handle - slot) / SLOT_SPACE;
    if (slot >= this.#nextSlot || this.#genArg[4 * slot + 2] !== gen || this.#payload[slot] === undefined) return false;
    this.#payload[slot] = undefined;
    this.#live--;
    return true;
  }

  /** Time of the earliest live event, or undefined when none is pending. Drops dead events on the way. */
  peekTime(): number | undefined {
    return this.#settle() ? this.#heap[0] : undefined;
  }

  /** The earliest live event's payload without removing it (undefined when none is pending). */
  peek(): A | undefined {
    return this.#settle() ? this.#payload[this.#heap[1]!] : undefined;
  }

  /** Removes the earliest live event; returns its payload (its time is `lastTime`), or undefined when none is left. */
  pop(): A | undefined {
    return this.popUntil(Infinity);
  }

  /** Removes and returns the earliest live event if its time is <= `untilMs`; otherwise leaves it and returns undefined. */
  popUntil(untilMs: number): A | undefined {
    if (!this.#settle()) return undefined;
    const h = this.#heap;
    const t = h[0]!;
    if (t > untilMs) return undefined;
    const slot = h[1]!;
    const payload = this.#payload[slot];
    this.#payload[slot] = undefined;
    this.#live--;
    this.#last[0] = t;
    this.#last[1] = this.#genArg[4 * slot + 3]!;
    this.#release(slot);
    this.#vacantRoot = true;
    return payload;
  }

  /** Brings a live event to the root (removing a vacant root and dead events); false when none is left. */
  #settle(): boolean {
    if (this.#vacantRoot) {
      this.#vacantRoot = false;
      this.#removeRoot();
    }
    const h = this.#heap;
    for (;;) {
      if (this.#count === 0) return false;
      const slot = h[1]!;
      if (this.#payload[slot] !== undefined) return true;
      this.#release(slot);
      this.#removeRoot();
    }
  }

  #removeRoot(): void {
    const last = --this.#count;
    if (last === 0) return;
    const h = this.#heap;
    h[0] = h[STRIDE * last]!;
    h[1] = h[STRIDE * last + 1]!;
    this.#siftDown(0);
  }

  /** Moves the entry at position `i` up to its place. */
  #siftUp(i: number): void {
    const h = this.#heap;
    const key = this.#key;
    const t = h[STRIDE * i]!;
    const s = h[STRIDE * i + 1]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = h[STRIDE * p]!;
      if (pt < t || (pt === t && key[2 * h[STRIDE * p + 1]!]! < key[2 * s]!)) break;
      h[STRIDE * i] = pt;
      h[STRIDE * i + 1] = h[STRIDE * p + 1]!;
      i = p;
    }
    h[STRIDE * i] = t;
    h[STRIDE * i + 1] = s;
  }

  /** Moves the entry at position `i` down to its place. */
  #siftDown(i: number): void {
    const h = this.#heap;
    const key = this.#key;
    const n = this.#count;
    const t = h[STRIDE * i]!;
    const s = h[STRIDE * i + 1]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = h[STRIDE * c]!;
      if (c + 1 < n) {
        const rt = h[STRIDE * c + STRIDE]!;
        if (rt < ct || (rt === ct && key[2 * h[STRIDE * c + STRIDE + 1]!]! < key[2 * h[STRIDE * c + 1]!]!)) {
          c++;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && key[2 * s]! < key[2 * h[STRIDE * c + 1]!]!)) break;
      h[STRIDE * i] = ct;
      h[STRIDE * i + 1] = h[STRIDE * c + 1]!;
      i = c;
    }
    h[STRIDE * i] = t;
    h[STRIDE * i + 1] = s;
  }

  #release(slot: number): void {
    const ga = this.#genArg;
    ga[4 * slot + 2] = (ga[4 * slot + 2]! + 1) & GEN_MASK;
    this.#free[this.#freeCount++] = slot;
  }

  #allocSlot(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount]!;
    const slot = this.#nextSlot++;
    if (slot >= MAX_PENDING) throw new RangeError(`more than ${MAX_PENDING} events pending at once`);
    if (slot >= this.#free.length) {
      const n = Math.min(this.#free.length * 2, MAX_PENDING);
      const free = new Int32Array(n);
      free.set(this.#free);
      this.#free = free;
      const key = new Float64Array(2 * n);
      key.set(this.#key);
      this.#key = key;
      this.#genArg = new Int32Array(key.buffer);
    }
    return slot;
  }

  #growHeap(): void {
    const h = new Float64Array(this.#heap.length * 2);
    h.set(this.#heap);
    this.#heap = h;
  }
}
