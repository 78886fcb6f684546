/**
 * Time averages of a step function given as [time, value] changes (sorted, the first at or
 * before the first span asked for), over consecutive spans asked for in time order: each
 * call costs the changes inside its span.
 */
export class StepAverage {
  readonly #steps: readonly (readonly [number, number])[];
  #i = 0;

  constructor(steps: readonly (readonly [number, number])[]) {
    this.#steps = steps;
  }

  /** The mean value over [aMs, bMs); spans must come in increasing order. */
  over(aMs: number, bMs: number): number {
    const s = this.#steps;
    if (s.length === 0 || bMs <= aMs) return Number.NaN;
    while (this.#i + 1 < s.length && s[this.#i + 1]![0] <= aMs) this.#i++;
    let total = 0;
    let t = aMs;
    for (let j = this.#i; j < s.length && t < bMs; j++) {
      const next = j + 1 < s.length ? Math.min(bMs, s[j + 1]![0]) : bMs;
      if (next > t) total += s[j]![1] * (next - t);
      t = Math.max(t, next);
    }
    return total / (bMs - aMs);
  }
}
