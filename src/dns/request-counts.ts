/**
 * How many requests a population of periodic clients sends in any span, in O(log) per
 * query: each client requests at phase + k·period, so a span of m whole periods holds m
 * requests per client, and the remainder holds one for each client whose phase falls in a
 * window of it (modulo the period). Phases are counted in a histogram of 1 ms cells (or
 * coarser for long periods, interpolated within a cell), with prefix sums.
 */
export class PeriodicRequestCounts {
  readonly #periodMs: number;
  readonly #startMs: number;
  readonly #clients: number;
  readonly #cellMs: number;
  /** prefix[i] = clients with phase in [0, i·cell). */
  readonly #prefix: Float64Array;

  /** `phasesMs`: each client's phase in [0, periodMs); nobody requests before `startMs`. */
  constructor(phasesMs: ArrayLike<number>, periodMs: number, startMs: number) {
    this.#periodMs = periodMs;
    this.#startMs = startMs;
    this.#clients = phasesMs.length;
    this.#cellMs = Math.max(1, Math.ceil(periodMs / 1_048_576));
    const cells = Math.ceil(periodMs / this.#cellMs);
    const counts = new Float64Array(cells + 1);
    for (let c = 0; c < phasesMs.length; c++) counts[Math.min(cells - 1, Math.floor(phasesMs[c]! / this.#cellMs)) + 1]!++;
    for (let i = 1; i <= cells; i++) counts[i]! += counts[i - 1]!;
    this.#prefix = counts;
  }

  /** Requests sent in [aMs, bMs). */
  between(aMs: number, bMs: number): number {
    const a = Math.max(aMs, this.#startMs);
    if (bMs <= a) return 0;
    // Requests in [0, t) of the clients' schedule: Σ_c ceil((t − φ_c)/p) for t ≥ 0.
    return this.#before(bMs) - this.#before(a);
  }

  /** Σ over clients of the requests at times < t (t ≥ 0): n·q + #{φ < r}, t = q·p + r. */
  #before(t: number): number {
    const q = Math.floor(t / this.#periodMs);
    const r = t - q * this.#periodMs;
    return this.#clients * q + this.#phasesBelow(r);
  }

  /** Clients with phase < r (0 ≤ r < period). */
  #phasesBelow(r: number): number {
    const x = r / this.#cellMs;
    const i = Math.floor(x);
    const cells = this.#prefix.length - 1;
    if (i >= cells) return this.#prefix[cells]!;
    const lo = this.#prefix[i]!;
    return lo + (this.#prefix[i + 1]! - lo) * (x - i);
  }
}

/** Requests of clients at a mean rate (Poisson clients, or a weighted sample of periodic ones): the expected count. */
export class MeanRateRequestCounts {
  readonly #ratePerMs: number;
  readonly #startMs: number;

  /** `ratePerMs`: requests per ms of the whole population; nobody requests before `startMs`. */
  constructor(ratePerMs: number, startMs: number) {
    this.#ratePerMs = ratePerMs;
    this.#startMs = startMs;
  }

  /** Requests expected in [aMs, bMs). */
  between(aMs: number, bMs: number): number {
    const a = Math.max(aMs, this.#startMs);
    return bMs <= a ? 0 : (bMs - a) * this.#ratePerMs;
  }
}

/** Request counts of a replayed query log: one request per row, rows in time order. */
export class ReplayRequestCounts {
  readonly #times: readonly number[];
  readonly #startMs: number;

  constructor(timesMs: readonly number[], startMs: number) {
    this.#times = timesMs;
    this.#startMs = startMs;
  }

  between(aMs: number, bMs: number): number {
    const a = Math.max(aMs, this.#startMs);
    return bMs <= a ? 0 : this.#index(bMs) - this.#index(a);
  }

  /** Rows with time < t. */
  #index(t: number): number {
    let lo = 0;
    let hi = this.#times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
