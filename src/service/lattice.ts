/**
 * Latency distributions on a lattice: probability masses at t = d·h (d = 0 … N−1), mass d
 * standing for the interval [(d − ½)h, (d + ½)h) (the first cell is [0, h/2)), plus the
 * mass beyond the last cell (`tail`). Sums of independent delays are convolutions of
 * lattices; an exponential kernel is geometric on the lattice, so convolving with it is one
 * O(N) recursion. Kernels are discretised from their exact distribution functions, so mass
 * is conserved and the mean is kept to O(h²). Pure numerics.
 */
export class Lattice {
  /** Cell width, s. */
  readonly h: number;
  readonly masses: Float64Array;
  /** Mass that fell beyond the last cell. */
  tail: number;

  constructor(h: number, masses: Float64Array, tail = 0) {
    if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`cell width must be finite and > 0, got ${h}`);
    this.h = h;
    this.masses = masses;
    this.tail = tail;
  }

  /** All mass at 0 (no delay), on `n` cells of width `h`. */
  static zero(h: number, n: number): Lattice {
    const m = new Float64Array(n);
    m[0] = 1;
    return new Lattice(h, m);
  }

  get size(): number {
    return this.masses.length;
  }

  /** P(X ≤ t), mass spread evenly within each cell. O(1) after the first call. */
  cdf(t: number): number {
    if (t < 0) return 0;
    const cum = this.#cumulative();
    const n = this.masses.length;
    const x = t / this.h + 0.5; // cell d spans x ∈ [d, d + 1)
    const d = Math.floor(x);
    if (d >= n) return cum[n - 1]!;
    const before = d === 0 ? 0 : cum[d - 1]!;
    return before + this.masses[d]! * (d === 0 ? Math.min(1, t / (this.h / 2)) : x - d);
  }

  /** Where the lattice ends, s: beyond it only `tail` remains. */
  get end(): number {
    return (this.masses.length - 0.5) * this.h;
  }

  #cum: Float64Array | undefined;
  #cumulative(): Float64Array {
    if (this.#cum === undefined) {
      const c = new Float64Array(this.masses.length);
      let s = 0;
      for (let i = 0; i < c.length; i++) c[i] = s += this.masses[i]!;
      this.#cum = c;
    }
    return this.#cum;
  }

  /** The smallest t with P(X ≤ t) ≥ p, interpolated within the cell; Infinity if it lies in the tail. */
  quantile(p: number): number {
    const n = this.masses.length;
    let s = 0;
    for (let d = 0; d < n; d++) {
      const m = this.masses[d]!;
      if (s + m >= p && m > 0) {
        const frac = (p - s) / m;
        return d === 0 ? frac * (this.h / 2) : (d - 0.5 + frac) * this.h;
      }
      s += m;
    }
    return Infinity;
  }
}

/** Masses of a distribution with survival function `sf` on the lattice's centred cells. */
export function discretise(sf: (t: number) => number, h: number, n: number): { masses: Float64Array; tail: number } {
  const masses = new Float64Array(n);
  let prev = 1; // P(X ≥ 0)
  for (let d = 0; d < n; d++) {
    const next = sf((d + 0.5) * h);
    masses[d] = Math.max(0, prev - next);
    prev = next;
  }
  return { masses, tail: Math.max(0, prev) };
}

/**
 * X + E with E ~ Exp(`rate`) (per s) independent of X. On the lattice E has masses
 * 1 − q^½ at 0 and q^{d−½}(1 − q) at d ≥ 1, with q = e^{−rate·h}: a geometric kernel,
 * so out_i = k₀·m_i + (1 − q)·q^{−½}·Σ_{j<i} q^{i−j}·m_j runs as one recursion.
 */
export function addExponential(x: Lattice, rate: number): Lattice {
  const n = x.size;
  const q = Math.exp(-rate * x.h);
  const k0 = -Math.expm1(-rate * x.h / 2);
  const k1 = Math.exp(-rate * x.h / 2) * -Math.expm1(-rate * x.h); // mass at d = 1; d ≥ 1: k1·q^{d−1}
  const out = new Float64Array(n);
  let acc = 0; // Σ_{j<i} q^{i−1−j} m_j
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const v = k0 * x.masses[i]! + k1 * acc;
    out[i] = v;
    kept += v;
    acc = q * acc + x.masses[i]!;
  }
  let inside = 0;
  for (let i = 0; i < n; i++) inside += x.masses[i]!;
  return new Lattice(x.h, out, x.tail + Math.max(0, inside - kept));
}

/** X + Y for a kernel Y given by its lattice masses (direct convolution, O(N·K)). */
export function addKernel(x: Lattice, kernel: Float64Array): Lattice {
  const n = x.size;
  const k = Math.min(kernel.length, n);
  const out = new Float64Array(n);
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const mj = x.masses[j]!;
    if (mj === 0) continue;
    const lim = Math.min(k, n - j);
    for (let d = 0; d < lim; d++) out[j + d]! += mj * kernel[d]!;
  }
  for (let i = 0; i < n; i++) kept += out[i]!;
  let inside = 0;
  for (let i = 0; i < n; i++) inside += x.masses[i]!;
  return new Lattice(x.h, out, x.tail + Math.max(0, inside - kept));
}

/** w·A + (1 − w)·B for lattices of the same cells. */
export function mix(a: Lattice, w: number, b: Lattice): Lattice {
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = w * a.masses[i]! + (1 - w) * b.masses[i]!;
  return new Lattice(a.h, out, w * a.tail + (1 - w) * b.tail);
}
