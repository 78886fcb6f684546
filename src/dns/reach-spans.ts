import { Reach, type ReachOracle } from './reach.js';

/**
 * Where each address of each version of a record leads, remembered over the span the oracle
 * says it holds: a request inside the span skips the oracle. Without spans from the oracle,
 * every call asks it.
 */
export class ReachSpans {
  readonly #oracle: ReachOracle;
  /** Per version, per address: the last answer and its span [from, to). */
  readonly #spans: { from: Float64Array; to: Float64Array; reach: Int8Array }[] = [];

  constructor(oracle: ReachOracle) {
    this.#oracle = oracle;
  }

  /** Whether the oracle gives spans (the sampled mode's bulk periods need them). */
  get spanned(): boolean {
    return this.#oracle.span !== undefined;
  }

  /** Where address `a` of version `v` (its addresses `addresses`) leads at `t`. */
  reachOf(v: number, a: number, addresses: readonly string[], t: number): Reach {
    const oracle = this.#oracle;
    if (oracle.span === undefined) return oracle.reach(addresses[a]!, t);
    let s = this.#spans[v];
    if (s === undefined) {
      s = { from: new Float64Array(addresses.length).fill(Infinity), to: new Float64Array(addresses.length).fill(-Infinity), reach: new Int8Array(addresses.length) };
      this.#spans[v] = s;
    }
    if (s.from[a]! <= t && t < s.to[a]!) return s.reach[a]! as Reach;
    const span = oracle.span(addresses[a]!, t);
    s.from[a] = span.fromMs;
    s.to[a] = span.toMs;
    s.reach[a] = span.reach;
    return span.reach;
  }

  /** The end of the span last answered for address `a` of version `v`, ms (call after reachOf). */
  until(v: number, a: number): number {
    return this.#spans[v]?.to[a] ?? -Infinity;
  }
}
