/**
 * Probability distributions for delays, sizes and counts. All live on [0, ∞) (the normal is
 * truncated at 0). Factories take plain numbers; units are the caller's business. Each draw
 * consumes a fixed number of rng() calls: constant 0, normal 1, lognormal 2, all others 1.
 * Imports nothing of ours but the special functions.
 */
import { gamma, normalCdf, normalPdf, normalQuantile } from './special-functions.js';

/** A uniform generator on [0, 1), e.g. a seedrandom prng. */
export type Rng = () => number;

export interface Distribution {
  readonly kind: string;
  /** Analytic mean; Infinity where it does not exist. */
  readonly mean: number;
  /** Analytic variance; Infinity where it does not exist. */
  readonly variance: number;
  /** One draw; consumes a fixed number of rng() calls (see the module comment). */
  sample(rng: Rng): number;
  /** A short description, e.g. `exponential(mean=3600000)`. */
  describe(): string;
}

/** Throws a RangeError unless `value` is a finite number satisfying `ok`. */
function check(dist: string, param: string, value: number, ok: (v: number) => boolean, rule: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new RangeError(`${dist}: ${param} must be ${rule}, got ${String(value)}`);
  }
}
const nonNegative = (v: number): boolean => v >= 0;
const positive = (v: number): boolean => v > 0;

function make(
  kind: string,
  mean: number,
  variance: number,
  sample: (rng: Rng) => number,
  params: Readonly<Record<string, number>>,
): Distribution {
  const text = `${kind}(${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ')})`;
  return Object.freeze({ kind, mean, variance, sample, describe: () => text });
}

/** Always `value` (>= 0). Consumes no rng() calls. */
export function constant(value: number): Distribution {
  check('constant', 'value', value, nonNegative, 'a number >= 0');
  return make('constant', value, 0, () => value, { value });
}

/** Uniform on [min, max) with 0 <= min <= max. */
export function uniform(min: number, max: number): Distribution {
  check('uniform', 'min', min, nonNegative, 'a number >= 0');
  check('uniform', 'max', max, (v) => v >= min, `a number >= min (${min})`);
  const width = max - min;
  return make('uniform', (min + max) / 2, (width * width) / 12, (rng) => min + width * rng(), { min, max });
}

/** Exponential, given its mean or its rate (= 1 / mean); both must be positive. */
export function exponential(params: { readonly mean: number } | { readonly rate: number }): Distribution {
  let mean: number;
  if ('rate' in params) {
    check('exponential', 'rate', params.rate, positive, 'a number > 0');
    mean = 1 / params.rate;
  } else {
    mean = params.mean;
  }
  check('exponential', 'mean', mean, positive, 'a number > 0');
  return make('exponential', mean, mean * mean, (rng) => -mean * Math.log(1 - rng()), { mean });
}

/**
 * Weibull with shape k > 0, given its scale λ > 0 or its mean (then λ = mean / Γ(1 + 1/k)).
 * Shape < 1 gives a decreasing hazard (infant mortality), > 1 wear-out, 1 the exponential.
 */
export function weibull(
  params: { readonly shape: number; readonly scale: number } | { readonly shape: number; readonly mean: number },
): Distribution {
  const k = params.shape;
  check('weibull', 'shape', k, positive, 'a number > 0');
  const g1 = gamma(1 + 1 / k);
  let scale: number;
  if ('mean' in params) {
    check('weibull', 'mean', params.mean, positive, 'a number > 0');
    scale = params.mean / g1;
  } else {
    scale = params.scale;
  }
  check('weibull', 'scale', scale, positive, 'a number > 0');
  const mean = scale * g1;
  const variance = scale * scale * (gamma(1 + 2 / k) - g1 * g1);
  const sample = (rng: Rng): number => scale * Math.pow(-Math.log(1 - rng()), 1 / k);
  return make('weibull', mean, variance, sample, { shape: k, scale });
}

/** A standard normal from two uniforms (Box–Muller, cosine branch; the spare is not kept). */
function boxMuller(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  return r * Math.cos(2 * Math.PI * rng());
}

/**
 * Log-normal: exp(N(μ, σ²)), given its median (= e^μ) or its mean (= e^(μ + σ²/2)), both
 * > 0, and σ >= 0. Consumes two rng() calls (Box–Muller).
 */
export function lognormal(
  params: { readonly median: number; readonly sigma: number } | { readonly mean: number; readonly sigma: number },
): Distribution {
  const sigma = params.sigma;
  check('lognormal', 'sigma', sigma, nonNegative, 'a number >= 0');
  let mu: number;
  if ('median' in params) {
    check('lognormal', 'median', params.median, positive, 'a number > 0');
    mu = Math.log(params.median);
  } else {
    check('lognormal', 'mean', params.mean, positive, 'a number > 0');
    mu = Math.log(params.mean) - (sigma * sigma) / 2;
  }
  const s2 = sigma * sigma;
  const mean = Math.exp(mu + s2 / 2);
  const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
  const sample = (rng: Rng): number => Math.exp(mu + sigma * boxMuller(rng));
  return make('lognormal', mean, variance, sample, { median: Math.exp(mu), sigma });
}

/**
 * The normal N(mean, sd²) truncated to [0, ∞), with mean >= 0 and sd >= 0. `mean` and `sd`
 * are the parameters of the untruncated normal; the distribution's `mean` and `variance` are
 * those of the truncated one (they differ noticeably only when mean < about 3 sd). Sampled
 * by inverse transform, one rng() call per draw, so truncation costs no extra draws.
 */
export function normal(params: { readonly mean: number; readonly sd: number }): Distribution {
  const { mean: mu, sd } = params;
  check('normal', 'mean', mu, nonNegative, 'a number >= 0');
  check('normal', 'sd', sd, nonNegative, 'a number >= 0');
  if (sd === 0) {
    const sampleConstant = (rng: Rng): number => {
      rng(); // keep the draw count at one
      return mu;
    };
    return make('normal', mu, 0, sampleConstant, { mean: mu, sd });
  }
  const alpha = -mu / sd; // the truncation point, standardised
  const mass = normalCdf(-alpha); // P(X >= 0) of the untruncated normal, >= 0.5
  const lambda = normalPdf(alpha) / mass;
  const mean = mu + sd * lambda;
  const variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
  const sample = (rng: Rng): number => {
    // the upper-tail probability of the draw is uniform on (0, mass]
    const tail = Math.min((1 - rng()) * mass, 1 - Number.EPSILON);
    return Math.max(0, mu - sd * normalQuantile(tail));
  };
  return make('normal', mean, variance, sample, { mean: mu, sd });
}

/**
 * Pareto (type I) with shape α > 0 and scale x_m > 0, the minimum value. The mean
 * α x_m / (α - 1) exists for α > 1, the variance x_m² α / ((α - 1)² (α - 2)) for α > 2;
 * otherwise they are Infinity.
 */
export function pareto(params: { readonly shape: number; readonly scale: number }): Distribution {
  const { shape: a, scale: xm } = params;
  check('pareto', 'shape', a, positive, 'a number > 0');
  check('pareto', 'scale', xm, positive, 'a number > 0');
  const mean = a > 1 ? (a * xm) / (a - 1) : Infinity;
  const variance = a > 2 ? (xm * xm * a) / ((a - 1) * (a - 1) * (a - 2)) : Infinity;
  const sample = (rng: Rng): number => xm / Math.pow(1 - rng(), 1 / a);
  return make('pareto', mean, variance, sample, { shape: a, scale: xm });
}

/**
 * Draws one of `values` (each >= 0), each with equal probability. The mean and variance are
 * those of the list taken as a population. The list is copied.
 */
export function empirical(values: readonly number[]): Distribution {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError('empirical: values must be a non-empty list of numbers >= 0');
  }
  const copy = Float64Array.from(values);
  copy.forEach((v, i) => check('empirical', `values[${i}]`, v, nonNegative, 'a number >= 0'));
  const n = copy.length;
  let sum = 0;
  for (const v of copy) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of copy) squares += (v - mean) * (v - mean);
  const sample = (rng: Rng): number => copy[Math.min(n - 1, Math.floor(rng() * n))] ?? 0;
  const text = `empirical(n=${n}, mean=${mean})`;
  return Object.freeze({ kind: 'empirical', mean, variance: squares / n, sample, describe: () => text });
}
