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

/**
 * Sorts `values` in place, ascending: a least-significant-digit radix sort (three passes of
 * 11 bits) when they are all whole numbers in [0, 2^32) (outage durations in ms), else the
 * built-in sort. Ten million outages sort in a fraction of the comparison sort's time.
 */
export function sortInPlace(values: Float64Array): Float64Array {
  const n = values.length;
  let integral = n > 1 << 16;
  for (let i = 0; integral && i < n; i++) {
    const x = values[i]!;
    if (!(x >= 0 && x < 4_294_967_296 && x === Math.floor(x))) integral = false;
  }
  if (!integral) return values.sort();
  let src = Uint32Array.from(values);
  let dst = new Uint32Array(n);
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
      dst[counts[(x >>> shift) & 2047]!++] = x;
    }
    [src, dst] = [dst, src];
  }
  values.set(src);
  return values;
}

/** Sorts `values` ascending with `weights` moved alongside (both in place): radix with a payload when the values allow (see sortInPlace), else an index sort. */
export function sortWithWeights(values: Float64Array, weights: Float64Array): void {
  const n = values.length;
  let integral = true;
  for (let i = 0; integral && i < n; i++) {
    const x = values[i]!;
    if (!(x >= 0 && x < 4_294_967_296 && x === Math.floor(x))) integral = false;
  }
  let order: Uint32Array;
  if (integral) {
    let keys = Uint32Array.from(values);
    let idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    let k2 = new Uint32Array(n);
    let i2 = new Uint32Array(n);
    const counts = new Uint32Array(2048);
    for (let shift = 0; shift < 32; shift += 11) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 2047]!++;
      let sum = 0;
      for (let b = 0; b < 2048; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const at = counts[(keys[i]! >>> shift) & 2047]!++;
        k2[at] = keys[i]!;
        i2[at] = idx[i]!;
      }
      [keys, k2] = [k2, keys];
      [idx, i2] = [i2, idx];
    }
    order = idx;
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
