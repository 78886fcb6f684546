/** The q-quantile (0..1) of sorted values by linear interpolation (type 7, as R and NumPy); NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean of the values; NaN when empty. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/**
 * Quantiles of sorted values with weights, as `quantileSorted` would give them on the
 * sample with each value repeated `weight` times (type 7 on the expanded sample: exact for
 * integer weights, the natural extension otherwise). Returns q -> quantile (NaN when empty);
 * one pass to build, a binary search per quantile.
 */
export function weightedQuantiles(sorted: ArrayLike<number>, weights: ArrayLike<number>): (q: number) => number {
  const n = sorted.length;
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]!;
    cum[i] = total;
  }
  /** The value at position x (0-based) of the expanded sample: the first i with cum[i] > x. */
  const at = (x: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo]!;
  };
  return (q) => {
    if (n === 0) return Number.NaN;
    const h = Math.max(0, (total - 1) * q);
    const lo = Math.floor(h);
    const a = at(lo);
    return h === lo ? a : a + (h - lo) * (at(lo + 1) - a);
  };
}

/** Weighted mean; NaN when empty or the weights sum to 0. */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]! * weights[i]!;
    w += weights[i]!;
  }
  return w > 0 ? s / w : Number.NaN;
}

/** Whether every value is a whole number in [0, 2^32) (outage durations in ms), so a radix sort applies. */
function radixable(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= 0 && x < 4_294_967_296 && x === Math.floor(x))) return false;
  }
  return true;
}

/**
 * Least-significant-digit radix sort of `keys` (three passes of 11 bits, stable), moving
 * `payload` alongside when given. Returns the sorted keys and payload (new arrays or the inputs).
 */
function radixSort(keys: Uint32Array<ArrayBuffer>, payload?: Uint32Array<ArrayBuffer>): { keys: Uint32Array<ArrayBuffer>; payload: Uint32Array<ArrayBuffer> | undefined } {
  const n = keys.length;
  let src = keys;
  let dst = new Uint32Array(n);
  let pSrc = payload;
  let pDst = payload === undefined ? undefined : new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(src[i]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const x = src[i]!;
      const at = counts[(x >>> shift) & 2047]!++;
      dst[at] = x;
      if (pSrc !== undefined) pDst![at] = pSrc[i]!;
    }
    [src, dst] = [dst, src];
    if (pSrc !== undefined) [pSrc, pDst] = [pDst!, pSrc];
  }
  return { keys: src, payload: pSrc };
}

/**
 * Sorts `values` in place, ascending: a radix sort (see radixSort) when there are many and
 * they are all whole numbers in [0, 2^32) (outage durations in ms), else the built-in sort.
 * Ten million outages sort in a fraction of the comparison sort's time.
 */
export function sortInPlace(values: Float64Array): Float64Array {
  if (!(values.length > 1 << 16 && radixable(values))) return values.sort();
  values.set(radixSort(Uint32Array.from(values)).keys);
  return values;
}

/** Sorts `values` ascending with `weights` moved alongside (both in place): radix with a payload when the values allow (see sortInPlace), else an index sort. */
export function sortWithWeights(values: Float64Array, weights: Float64Array): void {
  const n = values.length;
  let order: Uint32Array;
  if (radixable(values)) {
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    order = radixSort(Uint32Array.from(values), idx).payload!;
  } else {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => values[a]! - values[b]! || a - b);
  }
  const v = Float64Array.from(order, (i) => values[i]!);
  const w = Float64Array.from(order, (i) => weights[i]!);
  values.set(v);
  weights.set(w);
}

/**
 * Calls `visit` with every value of the sorted arrays `parts` in ascending order, as if they
 * were merged into one sorted array and read from the start (`rank` is the index there; ties
 * in part order), without making that array (a heap of the parts' heads): ten million
 * outages in 20 incidents are read where they lie.
 */
export function forEachSorted(parts: readonly Float64Array[], visit: (value: number, rank: number) => void): void {
  const live = parts.filter((p) => p.length > 0);
  const k = live.length;
  // A binary min-heap of part numbers keyed by each part's next value (then part number).
  const heap = Int32Array.from(live, (_, i) => i);
  const pos = new Int32Array(k);
  const before = (a: number, b: number): boolean => {
    const x = live[a]![pos[a]!]!;
    const y = live[b]![pos[b]!]!;
    return x < y || (x === y && a < b);
  };
  const down = (from: number, size: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const c = r < size && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, heap[i]!)) return;
      const t = heap[i]!;
      heap[i] = heap[c]!;
      heap[c] = t;
      i = c;
    }
  };
  let size = k;
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i, size);
  for (let rank = 0; size > 0; rank++) {
    const top = heap[0]!;
    const part = live[top]!;
    visit(part[pos[top]!]!, rank);
    if (++pos[top]! === part.length) heap[0] = heap[--size]!;
    down(0, size);
  }
}
