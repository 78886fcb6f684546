import type { Lattice } from './lattice.js';

/** Smallest latency binned (s); below it everything counts as this. */
const T0 = 1e-7;
/** Relative width of a bin: 0.1%. */
const GROWTH = 1.001;
const LOG_GROWTH = Math.log(GROWTH);
/** Bins up to 10^6 s. */
const BINS = Math.ceil(Math.log(1e6 / T0) / LOG_GROWTH);

/**
 * The latency of every request served in a run, as a histogram with bins 0.1% wide from
 * 0.1 µs to 10^6 s: lattices are folded in with the number of requests they stand for (each
 * cell at its centre), so the run's quantiles cost memory independent of its length.
 */
export class LatencyHistogram {
  readonly #bins = new Float64Array(BINS + 1);
  #total = 0;

  /** Adds `weight` requests distributed as `lattice`, each delayed by `shiftS` seconds. */
  add(lattice: Lattice, weight: number, shiftS = 0): void {
    if (!(weight > 0)) return;
    const m = lattice.masses;
    if (shiftS === 0) {
      // Cell d sits at d·h: its bin is (ln d + ln(h/T0)) / ln(growth), with ln d from a table.
      const logs = logTable(m.length);
      const offset = Math.log(lattice.h / T0);
      let added = 0;
      for (let d = 1; d < m.length; d++) {
        const mass = m[d]!;
        if (mass === 0) continue;
        const i = Math.floor((logs[d]! + offset) / LOG_GROWTH);
        const k = i < 0 ? 0 : i > BINS ? BINS : i;
        this.#bins[k]! += mass * weight;
        added += mass * weight;
      }
      this.#total += added;
      if (m[0]! > 0) this.#put(lattice.h / 4, m[0]! * weight);
    } else {
      for (let d = 0; d < m.length; d++) if (m[d]! > 0) this.#put((d === 0 ? lattice.h / 4 : d * lattice.h) + shiftS, m[d]! * weight);
    }
    if (lattice.tail > 0) this.#put(lattice.end + shiftS, lattice.tail * weight);
  }

  /** The p-quantile of everything added, s (interpolated within its bin); NaN when empty. */
  quantile(p: number): number {
    if (!(this.#total > 0)) return Number.NaN;
    const target = p * this.#total;
    let s = 0;
    for (let i = 0; i <= BINS; i++) {
      const b = this.#bins[i]!;
      if (b > 0 && s + b >= target) {
        const lo = T0 * GROWTH ** i;
        return lo + (lo * (GROWTH - 1) * (target - s)) / b;
      }
      s += b;
    }
    return T0 * GROWTH ** BINS;
  }

  #put(t: number, w: number): void {
    const i = t <= T0 ? 0 : Math.min(BINS, Math.floor(Math.log(t / T0) / LOG_GROWTH));
    this.#bins[i]! += w;
    this.#total += w;
  }
}

let logs = new Float64Array(0);
/** ln d for d = 0 … n−1 (entry 0 unused), shared. */
function logTable(n: number): Float64Array {
  if (logs.length < n) {
    logs = new Float64Array(n);
    for (let d = 1; d < n; d++) logs[d] = Math.log(d);
  }
  return logs;
}
