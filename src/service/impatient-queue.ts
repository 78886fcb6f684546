import { erlangB } from './erlang.js';

/**
 * The M/M/c+D queue: M/M/c in which a request that would wait longer than a fixed timeout τ
 * gives up (it fails as `overload`). With first-come-first-served service and the same
 * patience for everyone, a request that gives up never holds a server, so the queue is
 * M/M/c with balking on the *offered* wait V (the wait a request would have): it is served
 * when V ≤ τ, with wait W = V, and fails otherwise. Defined at every load, including at and
 * above saturation (λ ≥ cμ), where the served throughput approaches cμ and served requests
 * wait close to τ. As τ → ∞ below saturation it is Erlang C exactly.
 *
 * Formulas: M/M/n+G of Mandelbaum & Zeltyn ("Staffing many-server queues with impatient
 * customers", Operations Research 55(5), 2007; after Baccelli & Hebuterne 1981), with the
 * patience survival Ḡ(x) = 1 for x < τ, 0 after. With a = λ/μ, θ = cμ − λ:
 *   J        = ∫₀^τ e^{−θx} dx + e^{−θτ}/(cμ)
 *   ε        = B(c−1, a)                     (Erlang B with c−1 servers)
 *   P(V > 0) = ελJ / (1 + ελJ)
 *   P(V > x) = P(V > 0) · (∫ₓ^τ e^{−θu} du + e^{−θτ}/(cμ)) / J      for 0 ≤ x ≤ τ
 *   P(fail)  = P(V > τ) = P(V > 0) · e^{−θτ} / (cμ J)
 * A served request's wait has an atom at 0 and, on (0, τ], a density ∝ e^{−θx} (increasing
 * when θ < 0). Everything is computed in scaled form (× e^{θτ} when θ < 0), so overload of
 * any size neither overflows nor loses precision. Rates per second, times in seconds.
 */
export interface ImpatientQueue {
  /** Probability an arrival would wait at all, P(V > 0). */
  readonly waitProbability: number;
  /** Probability an arrival gives up (waits past the timeout): fails as overload. */
  readonly failProbability: number;
  /** For served arrivals: probability of no wait. */
  readonly servedNoWait: number;
  /** For served arrivals that wait: the wait's density is ∝ e^{−θx} on (0, τ]. θ = cμ − λ, per second. */
  readonly theta: number;
  readonly timeout: number;
  /** Mean and second moment of a served arrival's wait, s and s². */
  readonly meanWait: number;
  readonly secondMomentWait: number;
  /** Busy share of the servers: λ(1 − P(fail)) / (cμ). */
  readonly utilization: number;
}

/** ∫₀^τ y^k e^{−βy} dy for β ≥ 0, k = 0, 1, 2 (τ may be Infinity when β > 0). */
export function truncatedMoment(k: 0 | 1 | 2, beta: number, tau: number): number {
  if (tau === Infinity) return k === 0 ? 1 / beta : k === 1 ? 1 / beta ** 2 : 2 / beta ** 3;
  const x = beta * tau;
  if (x < 0.02) {
    // Series: Σ_j (−β)^j τ^{k+j+1} / (j! (k+j+1)); ten terms reach double precision here.
    let s = 0;
    let term = tau ** (k + 1);
    for (let j = 0; j < 10; j++) {
      s += term / (k + j + 1);
      term *= -x / (j + 1);
    }
    return s;
  }
  const e = Math.exp(-x);
  if (k === 0) return -Math.expm1(-x) / beta;
  if (k === 1) return (1 - e * (1 + x)) / beta ** 2;
  return (2 - e * (2 + 2 * x + x * x)) / beta ** 3;
}

/**
 * e^{min(θ,0)·τ} · ∫₀^τ x^k e^{−θx} dx: the wait-density moments, scaled so that they stay
 * finite for θ < 0 (overload), where x ↦ e^{−θx} grows toward τ.
 */
export function scaledWaitMoment(k: 0 | 1 | 2, theta: number, tau: number): number {
  if (theta >= 0) return truncatedMoment(k, theta, tau);
  // Substitute y = τ − x: ∫₀^τ (τ − y)^k e^{−|θ|(τ−y)}... = e^{−θτ} ∫₀^τ (τ−y)^k e^{θy} dy.
  const b = -theta;
  const g0 = truncatedMoment(0, b, tau);
  if (k === 0) return g0;
  const g1 = truncatedMoment(1, b, tau);
  if (k === 1) return tau * g0 - g1;
  return tau * tau * g0 - 2 * tau * g1 + truncatedMoment(2, b, tau);
}

/**
 * M/M/c+D with arrivals at `arrivalRate`, `servers` ≥ 1 servers at `serviceRate` each and
 * timeout `timeout` (s; Infinity for none). Without a timeout at or above saturation there
 * is no steady state: the queue grows, and the result says so by failing the excess
 * (fail probability 1 − cμ/λ) with an infinite mean wait. Throws RangeError for bad input.
 */
export function impatientQueue(arrivalRate: number, servers: number, serviceRate: number, timeout: number): ImpatientQueue {
  if (!(arrivalRate >= 0) || !Number.isFinite(arrivalRate)) throw new RangeError(`arrival rate must be finite and >= 0, got ${arrivalRate}`);
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number >= 1, got ${servers}`);
  if (!(serviceRate > 0) || !Number.isFinite(serviceRate)) throw new RangeError(`service rate must be finite and > 0, got ${serviceRate}`);
  if (!(timeout > 0)) throw new RangeError(`timeout must be > 0, got ${timeout}`);
  const capacity = servers * serviceRate;
  const theta = capacity - arrivalRate;
  if (arrivalRate === 0) {
    return { waitProbability: 0, failProbability: 0, servedNoWait: 1, theta, timeout, meanWait: 0, secondMomentWait: 0, utilization: 0 };
  }
  if (timeout === Infinity && theta <= 0) {
    return { waitProbability: 1, failProbability: 1 - capacity / arrivalRate, servedNoWait: 0, theta, timeout, meanWait: Infinity, secondMomentWait: Infinity, utilization: 1 };
  }
  const eps = erlangB(servers - 1, arrivalRate / serviceRate);
  // Scaled J̃ = J·s, with s = e^{θτ} when θ < 0 (else 1); tail = s·e^{−θτ}/(cμ).
  const m0 = scaledWaitMoment(0, theta, timeout);
  const tail = timeout === Infinity ? 0 : (theta >= 0 ? Math.exp(-theta * timeout) : 1) / capacity;
  const jScaled = m0 + tail;
  const s = theta >= 0 ? 1 : Math.exp(theta * timeout);
  const x = eps * arrivalRate * jScaled;
  const pWait = x / (s + x);
  const pFail = jScaled > 0 ? (pWait * tail) / jScaled : 0;
  const served = 1 - pFail;
  const densityScale = pWait / jScaled / served; // served waits: density = densityScale·e^{−θx}·(1/s)
  const meanWait = densityScale * scaledWaitMoment(1, theta, timeout);
  const secondMomentWait = densityScale * scaledWaitMoment(2, theta, timeout);
  return {
    waitProbability: pWait,
    failProbability: pFail,
    servedNoWait: (1 - pWait) / served,
    theta,
    timeout,
    meanWait,
    secondMomentWait,
    utilization: (arrivalRate * served) / capacity,
  };
}

/**
 * P(V > t): the probability that an arrival would wait longer than `t` seconds (0 ≤ t),
 * served or not; above the timeout it is the probability of failing. For checks against
 * Erlang C: with no timeout, C(c, a)·e^{−θt}.
 */
export function offeredWaitExceeds(q: ImpatientQueue, servers: number, serviceRate: number, t: number): number {
  if (t <= 0) return q.waitProbability;
  const tau = q.timeout;
  if (t >= tau) return q.failProbability;
  const capacity = servers * serviceRate;
  const theta = q.theta;
  // ∫ₜ^τ e^{−θu} du + e^{−θτ}/(cμ), over J; both scaled alike.
  if (tau === Infinity) return q.waitProbability * Math.exp(-theta * t);
  const rest = theta >= 0
    ? Math.exp(-theta * t) * truncatedMoment(0, theta, tau - t)
    : truncatedMoment(0, -theta, tau - t); // e^{θτ}∫ₜ^τ e^{−θu}du = ∫₀^{τ−t} e^{θy}dy
  const tail = (theta >= 0 ? Math.exp(-theta * tau) : 1) / capacity;
  const j = scaledWaitMoment(0, theta, tau) + tail;
  return (q.waitProbability * (rest + tail)) / j;
}
