/**
 * Exact samplers for the gamma, beta, binomial and Poisson laws, for the lazy models that
 * jump over many events at once (the time of the n-th of a Poisson process's arrivals, how
 * many of them fell before an instant, how a population splits between resolvers). Each
 * takes a uniform generator on [0, 1); unlike the Distribution factories they use a
 * variable number of draws (rejection), so give them a stream of their own.
 */
import type { Rng } from './distributions.js';

/** A standard normal (Box–Muller, cosine branch). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * Gamma(shape, 1): Marsaglia and Tsang, "A simple method for generating gamma variables"
 * (ACM TOMS 26, 2000), with the boost U^(1/shape) for shape < 1. shape > 0.
 */
export function sampleGamma(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new RangeError(`gamma: shape must be > 0, got ${shape}`);
  if (shape < 1) return sampleGamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  if (shape === 1) return -Math.log(1 - rng());
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as G_a / (G_a + G_b). a, b > 0. */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

/**
 * Binomial(n, p), n an integer >= 0, 0 <= p <= 1. While n p is large, splits on a beta
 * order statistic (the k-th smallest of n uniforms is Beta(k, n + 1 - k); Knuth, TAOCP
 * 3.4.1); then inversion from 0 (BINV, Kachitvichyanukul and Schmeiser 1988).
 */
export function sampleBinomial(n: number, p: number, rng: Rng): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial: n must be an integer >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, rng);
  let x = 0;
  while (n * p > 30) {
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const y = sampleBeta(a, b, rng);
    if (y >= p) {
      n = a - 1;
      p /= y;
    } else {
      x += a;
      n = b - 1;
      p = (p - y) / (1 - y);
    }
  }
  if (n === 0 || p === 0) return x;
  const q = 1 - p;
  const s = p / q;
  let r = Math.pow(q, n);
  let u = rng();
  let k = 0;
  while (u > r && k < n) {
    u -= r;
    k++;
    r *= ((n - k + 1) / k) * s;
  }
  return x + k;
}

/**
 * Poisson(mu), mu >= 0: inversion for mu < 30, else Ahrens and Dieter's gamma split
 * ("Computer methods for sampling from gamma, beta, Poisson and binomial distributions",
 * Computing 12, 1974): the m-th arrival of a unit-rate process at G ~ Gamma(m) either falls
 * before mu (then m + Poisson(mu - G)) or after (then Binomial(m - 1, mu / G)).
 */
export function samplePoisson(mu: number, rng: Rng): number {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`poisson: mean must be a finite number >= 0, got ${mu}`);
  let x = 0;
  while (mu >= 30) {
    const m = Math.floor((7 * mu) / 8);
    const g = sampleGamma(m, rng);
    if (g >= mu) return x + sampleBinomial(m - 1, mu / g, rng);
    x += m;
    mu -= g;
  }
  let r = Math.exp(-mu);
  let u = rng();
  let k = 0;
  while (u > r && r > 0) {
    u -= r;
    k++;
    r *= mu / k;
  }
  return x + k;
}

/**
 * Poisson(mu) conditioned on [lo, hi] (integers, lo <= hi): by rejection when the interval
 * holds most of the law, else by inversion from the interval's most likely point outwards
 * (probability ratios p(n + 1) / p(n) = mu / (n + 1), normalised as they are summed, until
 * they are negligible). mu >= 0; mu = Infinity gives hi.
 */
export function sampleTruncatedPoisson(mu: number, lo: number, hi: number, rng: Rng): number {
  if (!(lo <= hi)) throw new RangeError(`truncated poisson: empty interval [${lo}, ${hi}]`);
  if (mu === Infinity) return hi;
  if (mu <= 0) return lo;
  const sd = Math.sqrt(mu);
  if (lo <= mu - 2 * sd && mu + 2 * sd <= hi) {
    for (;;) {
      const x = samplePoisson(mu, rng);
      if (x >= lo && x <= hi) return x;
    }
  }
  const mode = Math.min(hi, Math.max(lo, Math.floor(mu)));
  const above: number[] = [];
  const below: number[] = [];
  let total = 1;
  for (let n = mode, w = 1; n < hi; n++) {
    w *= mu / (n + 1);
    above.push(w);
    total += w;
    if (w < total * 1e-17) break;
  }
  for (let n = mode, w = 1; n > lo; n--) {
    w *= n / mu;
    below.push(w);
    total += w;
    if (w < total * 1e-17) break;
  }
  let u = rng() * total - 1;
  if (u < 0) return mode;
  for (let k = 0; k < above.length; k++) {
    u -= above[k]!;
    if (u < 0) return mode + k + 1;
  }
  for (let k = 0; k < below.length; k++) {
    u -= below[k]!;
    if (u < 0) return mode - k - 1;
  }
  return mode;
}
