/**
 * Special functions for the distributions: gamma, log-gamma, erf, erfc, and the standard
 * normal density, distribution function and quantile. Pure numerics; imports nothing.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Lanczos series for x >= 0.5, shifted: returns [a, t] with Γ(x) = √(2π) t^(x-0.5) e^-t a. */
function lanczos(x: number): [number, number] {
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (z + i);
  return [a, z + LANCZOS_G + 0.5];
}

/**
 * ln |Γ(x)| by the Lanczos approximation (g = 7, 9 terms; about 15 significant digits).
 * Uses the reflection formula below 0.5. Infinity at 0 and the negative integers.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Infinity;
    return Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  }
  const [a, t] = lanczos(x);
  return LN_SQRT_2PI + (x - 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Γ(x) by the Lanczos approximation, with the reflection formula below 0.5.
 * NaN at 0 and the negative integers (poles); Infinity when the result overflows (x > 171.6).
 */
export function gamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    if (s === 0 || Number.isInteger(x)) return NaN;
    return Math.PI / (s * gamma(1 - x));
  }
  if (x > 171.7) return Infinity;
  const [a, t] = lanczos(x);
  // split t^(x-0.5) in two so that it does not overflow before e^-t brings it down
  const half = Math.pow(t, (x - 0.5) / 2);
  return SQRT_2PI * half * (half * Math.exp(-t)) * a;
}

const ERF_SWITCH = 2.5;
const ERFC_SWITCH = 1;

/** erf(x) for 0 <= x < ERF_SWITCH: the all-positive series 2/√π e^-x² Σ (2x²)^n x / (2n+1)!!. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc(x) for x >= 1 (under 200 terms there): the continued fraction e^-x²/√π / (x + ½/(x + 1/(x + 3⁄2/(x + …)))), by modified Lentz. */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The error function, to about 15 significant digits. erf(±Infinity) = ±1. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x === Infinity) return 1;
  return x < ERF_SWITCH ? erfSeries(x) : 1 - erfcFraction(x);
}

/** The complementary error function 1 - erf(x), accurate in relative terms in the upper tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Infinity) return 0;
  // below 1, erfc > 0.15 and 1 - erf loses little; above, the fraction keeps full relative accuracy
  return x < ERFC_SWITCH ? 1 - erfSeries(x) : erfcFraction(x);
}

/** φ(x): the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x): the standard normal distribution function, accurate in relative terms in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT_2);
}

const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

/** Acklam's rational approximation to Φ⁻¹ (relative error about 1e-9), for 0 < p <= 0.5. */
function acklamLower(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Φ⁻¹(p): the standard normal quantile, for 0 <= p <= 1 (±Infinity at the ends, NaN outside).
 * Acklam's approximation refined by one Halley step; about 15 significant digits.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklamLower(p);
  // Halley step on Φ(x) - p; the lower tail of Φ is computed without cancellation
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
