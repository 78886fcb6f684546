/**
 * Demand: the request rate over time, the one source of truth for load. A base rate (or a
 * replayed trace of counts per interval) times a daily profile per weekday, times flash
 * crowds, times optional noise per accounting interval. `requestsIn` integrates the rate
 * exactly over any span (profile and trace are steps, spikes are trapezoids: Simpson's rule
 * on each smooth piece is exact for them), so counts never depend on how time is cut.
 */

const HOUR_MS = 3_600_000;

/** A flash crowd: × factor over [atMs, atMs + durationMs), rising and falling linearly over rampMs. */
export interface Spike {
  readonly atMs: number;
  readonly durationMs: number;
  readonly factor: number;
  readonly rampMs: number;
}

/** A replayed trace: requests per interval, the first interval starting at time 0. */
export interface DemandTrace {
  readonly intervalMs: number;
  readonly counts: readonly number[];
  /** Start over after the last interval (else the rate is 0 there; the loader refuses short traces). */
  readonly repeat: boolean;
}

export interface DemandSpec {
  /** Base rate, requests per ms (ignored when `trace` is given). */
  readonly ratePerMs: number;
  /** Seven lists (Monday first) of 24 multipliers, or undefined for a flat day. */
  readonly hourly?: readonly (readonly number[])[] | undefined;
  /** `linear`: the multiplier moves linearly from each hour's value (at its start) to the next hour's; `step` (default): it holds for the hour. */
  readonly shape?: 'step' | 'linear' | undefined;
  readonly trace?: DemandTrace | undefined;
  readonly spikes: readonly Spike[];
  /** Coefficient of variation of the per-interval log-normal noise (mean 1); 0 or undefined for none. */
  readonly noiseCv?: number | undefined;
  /** Calendar instant of simulated time 0, epoch ms (for the hour of day and the weekday). */
  readonly startEpochMs: number;
}

/** The demand of one replication. */
export class Demand {
  readonly spec: DemandSpec;
  readonly #noiseSeed: number;
  readonly #sigma: number;

  /** `noiseSeed`: a 32-bit seed for the noise (drawn from the world's named stream). */
  constructor(spec: DemandSpec, noiseSeed: number) {
    this.spec = spec;
    this.#noiseSeed = noiseSeed >>> 0;
    const cv = spec.noiseCv ?? 0;
    this.#sigma = Math.sqrt(Math.log1p(cv * cv));
  }

  /** The rate at `tMs` without noise, requests per ms. */
  rateAt(tMs: number): number {
    return this.#baseRate(tMs) * this.#spikeFactor(tMs);
  }

  /**
   * Expected requests in [aMs, bMs) without noise: the exact integral of the rate. Between
   * breakpoints (hours, trace intervals, spike corners) the base rate is constant or linear
   * and each spike linear, so Simpson's rule on each piece is exact (up to three overlapping
   * ramps); a piece's ends take the limits from inside it.
   */
  requestsIn(aMs: number, bMs: number): number {
    if (bMs <= aMs) return 0;
    if (this.spec.shape !== 'linear' && !this.#spikeIn(aMs, bMs)) return this.#stepIntegral(aMs, bMs);
    const cuts = this.#breakpoints(aMs, bMs);
    let total = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const x0 = cuts[i]!;
      const x1 = cuts[i + 1]!;
      if (x1 <= x0) continue;
      const mid = (x0 + x1) / 2;
      const f0 = this.#baseRate(x0) * this.#spikeFactor(x0);
      const fm = this.#baseRate(mid) * this.#spikeFactor(mid);
      const f1 = this.#baseRate(x1, true) * this.#spikeFactor(x1, true);
      total += ((f0 + 4 * fm + f1) / 6) * (x1 - x0);
    }
    return total;
  }

  /**
   * The noise multiplier of accounting interval `index` (mean 1): a log-normal from a
   * counter-based hash of (seed, index), so it is the same whoever asks first.
   */
  noise(index: number): number {
    if (this.#sigma === 0) return 1;
    const u1 = (hash32(this.#noiseSeed, 2 * index) + 0.5) / 4294967296;
    const u2 = (hash32(this.#noiseSeed, 2 * index + 1) + 0.5) / 4294967296;
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(this.#sigma * z - (this.#sigma * this.#sigma) / 2);
  }

  /** True when some spike overlaps [a, b). */
  #spikeIn(a: number, b: number): boolean {
    for (const s of this.spec.spikes) if (s.atMs < b && s.atMs + s.durationMs > a) return true;
    return false;
  }

  /** ∫ of the step rate over [a, b): piece by piece between hour and trace boundaries, no allocation. */
  #stepIntegral(a: number, b: number): number {
    const { trace, hourly } = this.spec;
    const hourOffset = -(((this.spec.startEpochMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
    let total = 0;
    for (let x = a; x < b;) {
      let y = b;
      if (hourly !== undefined) y = Math.min(y, (Math.floor((x - hourOffset) / HOUR_MS) + 1) * HOUR_MS + hourOffset);
      if (trace !== undefined) y = Math.min(y, (Math.floor(x / trace.intervalMs) + 1) * trace.intervalMs);
      total += this.#baseRate((x + y) / 2) * (y - x);
      x = y;
    }
    return total;
  }

  /**
   * Base (or trace) rate times the hourly profile at `t` (`left`: the limit from before `t`,
   * which differs at a trace's or a stepped profile's boundary).
   */
  #baseRate(t: number, left = false): number {
    const { trace, hourly } = this.spec;
    const u = left ? t - 1e-6 : t;
    let r: number;
    if (trace !== undefined) {
      let k = Math.floor(u / trace.intervalMs);
      if (trace.repeat) k %= trace.counts.length;
      r = k >= 0 && k < trace.counts.length ? trace.counts[k]! / trace.intervalMs : 0;
    } else r = this.spec.ratePerMs;
    if (hourly !== undefined) {
      const cal = this.spec.startEpochMs + u;
      const hourIndex = Math.floor(cal / HOUR_MS);
      const here = multiplier(hourly, hourIndex);
      if (this.spec.shape === 'linear') {
        const frac = (cal - hourIndex * HOUR_MS) / HOUR_MS;
        r *= here + (multiplier(hourly, hourIndex + 1) - here) * frac;
      } else r *= here;
    }
    return r;
  }

  /** The product of the spikes' factors at `t` (`left`: the limit from before `t`). */
  #spikeFactor(t: number, left = false): number {
    let f = 1;
    for (const s of this.spec.spikes) {
      const x = t - s.atMs;
      if (left ? x <= 0 || x > s.durationMs : x < 0 || x >= s.durationMs) continue;
      let w = 1;
      if (s.rampMs > 0) w = Math.min(1, x / s.rampMs, (s.durationMs - x) / s.rampMs);
      f *= 1 + (s.factor - 1) * w;
    }
    return f;
  }

  /** Every instant in [a, b] where the step rate changes or a spike bends, sorted. */
  #breakpoints(a: number, b: number): number[] {
    const cuts = [a, b];
    const { trace, hourly } = this.spec;
    const addGrid = (step: number, offset: number): void => {
      for (let t = Math.ceil((a - offset) / step) * step + offset; t < b; t += step) if (t > a) cuts.push(t);
    };
    if (hourly !== undefined) addGrid(HOUR_MS, -(((this.spec.startEpochMs % HOUR_MS) + HOUR_MS) % HOUR_MS));
    if (trace !== undefined) addGrid(trace.intervalMs, 0);
    for (const s of this.spec.spikes) {
      for (const t of [s.atMs, s.atMs + s.rampMs, s.atMs + s.durationMs - s.rampMs, s.atMs + s.durationMs]) if (t > a && t < b) cuts.push(t);
    }
    return cuts.sort((x, y) => x - y);
  }
}

/** The profile's multiplier for calendar hour `hourIndex` (hours since 1970-01-01T00:00Z, a Thursday). */
function multiplier(hourly: readonly (readonly number[])[], hourIndex: number): number {
  const dayIndex = Math.floor(hourIndex / 24);
  const weekday = (((dayIndex + 3) % 7) + 7) % 7; // Monday = 0
  return hourly[weekday]![hourIndex - dayIndex * 24]!;
}

/** A 32-bit integer hash of (seed, n) (murmur3's finaliser over a mix of both): uniform bits. */
export function hash32(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n >>> 0, 0x9e3779b1) ^ Math.imul(Math.floor(n / 4294967296), 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
