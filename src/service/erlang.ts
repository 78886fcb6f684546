/**
 * The M/M/c queue (Erlang's delay system): Poisson arrivals at rate λ, c identical servers
 * each serving at rate μ (exponential service times), one FIFO queue, no abandonment.
 * Pure functions; rates in any one time unit (per second in the service model), offered
 * load a = λ/μ in erlangs, utilisation ρ = a/c.
 *
 * Formulas (e.g. Kleinrock, Queueing Systems vol. 1, §3.5; Gross & Harris, §2.3):
 *   Erlang B:  B(0, a) = 1,  B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a))
 *   Erlang C:  C(c, a) = c·B(c, a) / (c − a·(1 − B(c, a)))          (a < c)
 *   P(W > t) = C(c, a) · e^{−(cμ − λ) t}
 *   E[W]     = C(c, a) / (cμ − λ)
 */

/**
 * Erlang's loss formula B(c, a): the share of arrivals that find all `c` servers busy in
 * M/M/c/c. By the stable recursion in c (no factorials), O(c). B(0, a) = 1; B(c, 0) = 0 for c ≥ 1.
 * Throws RangeError for a negative or non-integer `c` or a negative `a`.
 */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`servers must be a whole number >= 0, got ${c}`);
  if (!(a >= 0)) throw new RangeError(`offered load must be >= 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang's delay formula C(c, a): the probability that an arrival waits (all servers
 * busy) in a stable M/M/c queue. 1 at or above saturation (a ≥ c), where every arrival
 * eventually waits; 0 when a = 0.
 */
export function erlangC(c: number, a: number): number {
  if (c < 1) return 1;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** What M/M/c predicts for one tier: waiting probability, mean wait, utilisation. */
export interface MmcResult {
  /** Probability an arrival waits, C(c, a). */
  readonly waitProbability: number;
  /** Mean wait in the queue, in the time unit of the rates; Infinity at or above saturation. */
  readonly meanWait: number;
  /** ρ = λ / (cμ). */
  readonly utilization: number;
}

/** M/M/c with `servers` servers at `serviceRate` each and arrivals at `arrivalRate`. */
export function mmc(arrivalRate: number, servers: number, serviceRate: number): MmcResult {
  const a = arrivalRate / serviceRate;
  const utilization = a / servers;
  if (a >= servers) return { waitProbability: 1, meanWait: Infinity, utilization };
  const pw = erlangC(servers, a);
  return { waitProbability: pw, meanWait: pw / (servers * serviceRate - arrivalRate), utilization };
}

/** P(W > t) in a stable M/M/c queue: C(c, a)·e^{−(cμ−λ)t}; 1 at or above saturation. */
export function mmcWaitExceeds(arrivalRate: number, servers: number, serviceRate: number, t: number): number {
  const theta = servers * serviceRate - arrivalRate;
  if (theta <= 0) return 1;
  return erlangC(servers, arrivalRate / serviceRate) * Math.exp(-theta * t);
}
