/**
 * Turns the model's expected request counts (real numbers) into whole requests per
 * interval without losing any: demand is rounded cumulatively (the run's total is the
 * rounded total), and each interval's whole demand is shared among its outcomes by largest
 * remainder after adding what earlier rounding left over (error diffusion). So every row
 * conserves requests exactly (demand = served + every failure), and each outcome's running
 * total stays within a couple of requests of its expectation however small its rate.
 */
export class WholeRequests {
  readonly #carry: Float64Array;
  readonly #target: Float64Array;
  #expected = 0;
  #emitted = 0;

  constructor(outcomes: number) {
    this.#carry = new Float64Array(outcomes);
    this.#target = new Float64Array(outcomes);
  }

  /**
   * Whole requests for one interval: `expected[k]` is outcome k's expected count (their sum
   * the interval's expected demand). Returns the whole demand and each outcome's share of it.
   */
  next(expected: ArrayLike<number>): { demand: number; counts: number[] } {
    let total = 0;
    for (let k = 0; k < expected.length; k++) total += expected[k]!;
    this.#expected += total;
    const demand = Math.max(0, Math.round(this.#expected) - this.#emitted);
    this.#emitted += demand;
    const n = expected.length;
    const target = this.#target;
    const counts = new Array<number>(n);
    let given = 0;
    for (let k = 0; k < n; k++) {
      target[k] = expected[k]! + this.#carry[k]!;
      counts[k] = target[k]! > 0 ? Math.floor(target[k]!) : 0;
      given += counts[k]!;
    }
    // Hand out what is left by largest remainder, or take back from the smallest (n is small:
    // pick the best each time; ties go to the lower index).
    // In exact arithmetic the floors are within n requests of the demand; the bound keeps a
    // count past 2^53 (where increments are lost; the scenario check refuses such demand) from looping.
    let steps = 2 * n;
    while (given < demand && steps-- > 0) {
      let best = 0;
      for (let k = 1; k < n; k++) if (target[k]! - counts[k]! > target[best]! - counts[best]!) best = k;
      counts[best]!++;
      given++;
    }
    while (given > demand && steps-- > 0) {
      let best = -1;
      for (let k = 0; k < n; k++) if (counts[k]! > 0 && (best < 0 || target[k]! - counts[k]! < target[best]! - counts[best]!)) best = k;
      counts[best]!--;
      given--;
    }
    for (let k = 0; k < n; k++) this.#carry[k] = target[k]! - counts[k]!;
    return { demand, counts };
  }
}

/** Cumulative rounding of one running count (e.g. misdirected requests, not part of the balance). */
export class WholeCount {
  #expected = 0;
  #emitted = 0;

  next(expected: number): number {
    this.#expected += expected;
    const n = Math.max(0, Math.round(this.#expected) - this.#emitted);
    this.#emitted += n;
    return n;
  }
}
