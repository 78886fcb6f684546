/**
 * A minimal binary min-heap keyed by (time, sequence), stored directly in two parallel
 * Float64Arrays: no objects, no comparator callback, no indirection through slot ids.
 * It is the yardstick for what a pending-event set can cost on this machine, not a
 * general-purpose queue (no payloads, no cancellation).
 */
export class ReferenceHeap {
  #time: Float64Array<ArrayBuffer>;
  #seq: Float64Array<ArrayBuffer>;
  #size = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(2, initialCapacity);
    this.#time = new Float64Array(n);
    this.#seq = new Float64Array(n);
  }

  /** Number of entries held. */
  get size(): number {
    return this.#size;
  }

  /** Bytes of the backing typed arrays (the whole footprint besides a few fields). */
  get capacityBytes(): number {
    return this.#time.byteLength + this.#seq.byteLength;
  }

  /** Smallest time held, or NaN when empty. */
  peekTime(): number {
    return this.#size > 0 ? this.#time[0]! : NaN;
  }

  /** Inserts (time, seq), sifting the hole up from the bottom. */
  push(time: number, seq: number): void {
    if (this.#size === this.#time.length) this.#grow();
    const t = this.#time;
    const s = this.#seq;
    let i = this.#size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = t[p]!;
      if (pt < time || (pt === time && s[p]! <= seq)) break;
      t[i] = pt;
      s[i] = s[p]!;
      i = p;
    }
    t[i] = time;
    s[i] = seq;
  }

  /** Removes the smallest entry and returns its time (NaN when empty). */
  pop(): number {
    const n = this.#size;
    if (n === 0) return NaN;
    const t = this.#time;
    const s = this.#seq;
    const top = t[0]!;
    const last = n - 1;
    this.#size = last;
    if (last === 0) return top;
    const time = t[last]!;
    const seq = s[last]!;
    // Sift the hole at the root down, then drop the former last entry into it.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ct = t[c]!;
        const rt = t[r]!;
        if (rt < ct || (rt === ct && s[r]! < s[c]!)) c = r;
      }
      const ct = t[c]!;
      if (time < ct || (time === ct && seq <= s[c]!)) break;
      t[i] = ct;
      s[i] = s[c]!;
      i = c;
    }
    t[i] = time;
    s[i] = seq;
    return top;
  }

  #grow(): void {
    const n = this.#time.length * 2;
    const t = new Float64Array(n);
    t.set(this.#time);
    const s = new Float64Array(n);
    s.set(this.#seq);
    this.#time = t;
    this.#seq = s;
  }
}
