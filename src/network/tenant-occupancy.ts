/**
 * How full other customers keep a shared pool, in steady state. Their takes arrive as a
 * Poisson process at rate λ and each keeps its address for a time of mean h, so the
 * number they hold is an Erlang loss system (M/G/c/c) with offered load a = λ h and c
 * addresses available to them (the pool less ours). By insensitivity its stationary law is
 * Poisson(a) truncated at c, whatever the law of the holding times: the blocking
 * probability (all c held) is Erlang B(c, a), the mean held a (1 - B).
 */

/** Erlang B(c, a) by the stable recursion B(n) = a B(n-1) / (n + a B(n-1)), B(0) = 1; exactly 0 far below saturation. */
export function erlangB(c: number, a: number): number {
  if (a <= 0) return c > 0 ? 0 : 1;
  if (a === Infinity) return 1;
  // Beyond 40 standard deviations of Poisson(a) the truncation is below 1e-300.
  if (c > a + 40 * Math.sqrt(a) + 40) return 0;
  let b = 1;
  for (let n = 1; n <= c; n++) b = (a * b) / (n + a * b);
  return b;
}

/** Mean occupancy of a pool shared with other customers: memoised Erlang figures per available count. */
export class TenantOccupancy {
  /** Offered load, addresses (rate x mean hold). */
  readonly load: number;
  readonly #memo = new Map<number, number>();

  constructor(ratePerMs: number, meanHoldMs: number) {
    this.load = ratePerMs > 0 ? ratePerMs * meanHoldMs : 0;
  }

  /** Erlang B with `available` addresses open to other customers. */
  blocking(available: number): number {
    let b = this.#memo.get(available);
    if (b === undefined) {
      b = erlangB(available, this.load);
      this.#memo.set(available, b);
    }
    return b;
  }

  /** Mean number of free addresses when `available` are open to other customers: c - a (1 - B(c, a)). */
  meanFree(available: number): number {
    if (available <= 0) return 0;
    if (this.load === Infinity) return 0;
    return Math.max(0, available - this.load * (1 - this.blocking(available)));
  }
}
