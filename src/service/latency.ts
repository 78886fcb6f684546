import type { ImpatientQueue } from './impatient-queue.js';
import { addExponential, addKernel, discretise, Lattice, mix } from './lattice.js';
import { truncatedMoment } from './impatient-queue.js';
import { visitSplit, type PathOutcome, type TierLoad } from './request-path.js';

/** Cells of every latency lattice: quantiles come out within a fraction of a percent of the span. */
export const LATTICE_CELLS = 512;
/** Lattices reach mean + this many standard deviations (beyond it, less than ~1e-5 of the mass of sums of exponentials). */
const SPAN_SDS = 12;

/** A served visit's time at a tier (wait + service): its mean and variance, s and s². */
function visitMoments(q: ImpatientQueue, mu: number): { mean: number; variance: number } {
  const mean = q.meanWait + 1 / mu;
  const variance = Math.max(0, q.secondMomentWait - q.meanWait ** 2) + 1 / mu ** 2;
  return { mean, variance };
}

/** P(W > t | W > 0) for a served wait: density ∝ e^{−θx} on (0, τ]. */
function waitSurvival(theta: number, tau: number): (t: number) => number {
  if (tau === Infinity) return (t) => Math.exp(-theta * t);
  if (theta >= 0) {
    const total = truncatedMoment(0, theta, tau);
    return (t) => (t >= tau ? 0 : (Math.exp(-theta * t) * truncatedMoment(0, theta, tau - t)) / total);
  }
  const total = truncatedMoment(0, -theta, tau);
  return (t) => (t >= tau ? 0 : truncatedMoment(0, -theta, tau - t) / total);
}

/** X + W for a served wait W of queue `q`: an atom at 0, else the truncated exponential. */
function addWait(x: Lattice, q: ImpatientQueue): Lattice {
  const p0 = q.servedNoWait;
  if (p0 >= 1) return x;
  const { theta, timeout: tau } = q;
  const n = x.size;
  let waited: Lattice;
  if (theta > 0 && tau >= x.end + x.h) {
    // The truncation lies beyond the lattice: within it the wait is Exp(θ), rescaled.
    waited = addExponential(x, theta);
    const scale = tau === Infinity ? 1 : 1 / -Math.expm1(-theta * tau);
    let inside = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      inside += x.masses[i]!;
      waited.masses[i]! *= scale;
      kept += waited.masses[i]!;
    }
    waited.tail = x.tail + Math.max(0, inside - kept);
  } else {
    const { masses } = discretise(waitSurvival(theta, tau), x.h, Math.min(n, Math.ceil(tau / x.h) + 2));
    waited = addKernel(x, masses);
  }
  return mix(x, p0, waited);
}

/** X + one served visit (wait, then service at rate `mu`). */
function addVisit(x: Lattice, q: ImpatientQueue, mu: number): Lattice {
  return addExponential(addWait(x, q), mu);
}

/** Latency distributions of one stretch: each tier's served visit, and a served request end to end. */
export interface LatencyEntry {
  /** End to end, s. */
  readonly request: Lattice;
  /** One served visit per tier (undefined for a tier without a queue). */
  readonly visits: readonly (Lattice | undefined)[];
  /** Their 95th percentiles, s (NaN for a tier without a queue). */
  readonly requestP95: number;
  readonly visitP95: Float64Array;
}

/**
 * The latency of requests served in a stretch with the given tiers and their outcome: the
 * sum over tiers of the request's served visits (⌊v⌋ or ⌊v⌋+1 of them, weighted by how
 * likely each count is to pass), each a wait (atom at 0, else truncated exponential, from
 * the M/M/c+D queue) plus an exponential service time; tiers independent (product form).
 */
export function pathLatency(tiers: readonly TierLoad[], outcome: PathOutcome, cells = LATTICE_CELLS): LatencyEntry {
  let mean = 0;
  let variance = 0;
  const visits: (Lattice | undefined)[] = [];
  tiers.forEach((t, k) => {
    const q = outcome.tiers[k]!.queue;
    if (q === undefined) {
      visits.push(undefined);
      return;
    }
    const m = visitMoments(q, t.serviceRate);
    const span = m.mean + SPAN_SDS * Math.sqrt(m.variance);
    visits.push(addVisit(Lattice.zero(span / (cells - 1), cells), q, t.serviceRate));
    const { floor, frac } = visitSplit(t.visits);
    const v = floor + (frac > 0 ? 1 : 0);
    mean += v * m.mean;
    variance += v * m.variance + frac * (1 - frac) * m.mean ** 2;
  });
  const span = mean + SPAN_SDS * Math.sqrt(variance);
  let request = Lattice.zero(span > 0 ? span / (cells - 1) : 1e-6, cells);
  tiers.forEach((t, k) => {
    const o = outcome.tiers[k]!;
    const q = o.queue;
    if (q === undefined) return;
    const { floor, frac } = visitSplit(t.visits);
    for (let i = 0; i < floor; i++) request = addVisit(request, q, t.serviceRate);
    if (frac > 0) {
      // P(⌊v⌋ visits | passed) against ⌊v⌋ + 1.
      const a = (1 - frac) * (1 - o.visitFail) ** floor;
      const b = frac * (1 - o.visitFail) ** (floor + 1);
      request = mix(request, a / (a + b), addVisit(request, q, t.serviceRate));
    }
  });
  return { request, visits, requestP95: request.quantile(0.95), visitP95: Float64Array.from(visits, (v) => v?.quantile(0.95) ?? Number.NaN) };
}

/** One part of a mixture of latency distributions: `weight` of requests, delayed by `shift` s. */
export interface MixturePart {
  readonly lattice: Lattice;
  readonly weight: number;
  readonly shift: number;
}

/** The mixture's weight of requests done by `t` s (unnormalised). */
function mixtureCdf(parts: readonly MixturePart[], t: number): number {
  let s = 0;
  for (const m of parts) if (m.weight > 0) s += m.weight * m.lattice.cdf(t - m.shift);
  return s;
}

/** The p-quantile of a mixture, by bisection on its distribution function; NaN when it has no weight. */
export function mixtureQuantile(parts: readonly MixturePart[], p: number): number {
  let total = 0;
  let hi = 0;
  for (const m of parts) {
    total += m.weight;
    if (m.weight > 0) hi = Math.max(hi, m.lattice.end + m.shift);
  }
  if (!(total > 0)) return Number.NaN;
  const target = p * total;
  if (mixtureCdf(parts, hi) < target) return hi; // in the tails beyond every lattice: report where they end
  let lo = 0;
  for (let i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (mixtureCdf(parts, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
