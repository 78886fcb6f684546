import { describe, expect, it } from 'vitest';
import { exponential, lognormal, normal, type Rng } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random-streams.js';
import { normalPdf } from '../../src/engine/special-functions.js';
import { meanInterval } from '../../src/experiment/mean-interval.js';
import { studentTQuantile } from '../../src/experiment/student-t.js';
import type { Support } from '../../src/metrics/metric-kind.js';

// Coverage of the 95% interval of a mean, on samples from distributions whose mean is
// known: R samples of n each; a method with coverage 0.95 covers a binomial(R, 0.95)
// number of them, so the measured share lies within 4 standard errors of 0.95 but for a
// chance of 6e-5. Every sample is drawn from a fixed seed: the test is deterministic.
const R = 4000;
const TOL = 4 * Math.sqrt((0.95 * 0.05) / R);
const NON_NEGATIVE: Support = { lo: 0, hi: Infinity };
const UNIT: Support = { lo: 0, hi: 1 };

interface Case {
  readonly name: string;
  readonly mean: number;
  readonly support: Support;
  draw(rng: Rng): number;
}

/** Poisson(λ) by Knuth's product of uniforms. */
function poisson(lambda: number): (rng: Rng) => number {
  const limit = Math.exp(-lambda);
  return (rng) => {
    let k = 0;
    for (let p = rng(); p > limit; p *= rng()) k++;
    return k;
  };
}

/** The logit-normal expit(N(mu, sigma²)) and its mean, by the trapezoid rule over ±12 sigma. */
function logitNormal(mu: number, sigma: number): Case {
  const z = normal({ mean: 20, sd: 1 }); // shifted so that truncation at 0 never bites
  let mean = 0;
  const h = 1e-3;
  for (let x = -12; x <= 12; x += h) mean += (h / (1 + Math.exp(-(mu + sigma * x)))) * normalPdf(x);
  return { name: `logit-normal(${mu}, ${sigma})`, mean, support: UNIT, draw: (rng) => 1 / (1 + Math.exp(-(mu + sigma * (z.sample(rng) - 20)))) };
}

const exp1 = exponential({ mean: 1 });
const ln = lognormal({ median: 1, sigma: 0.5 });
const nrm = normal({ mean: 100, sd: 10 });
const CASES = {
  normal: { name: 'normal(100, 10)', mean: 100, support: NON_NEGATIVE, draw: (rng: Rng) => nrm.sample(rng) },
  exponential: { name: 'exponential(1)', mean: 1, support: NON_NEGATIVE, draw: (rng: Rng) => exp1.sample(rng) },
  lognormal: { name: 'lognormal(0, 0.5)', mean: ln.mean, support: NON_NEGATIVE, draw: (rng: Rng) => ln.sample(rng) },
  poisson: { name: 'poisson(3)', mean: 3, support: NON_NEGATIVE, draw: poisson(3) },
  rare: logitNormal(-6, 0.7),
  share: logitNormal(-1, 0.5),
} satisfies Record<string, Case>;

/** Coverage of the interval and of Student's t over R samples of n, and how often each left the support. */
function coverage(c: Case, n: number): { interval: number; t: number; outside: number; tOutside: number } {
  const rng = new RandomStreams(1).stream(`coverage:${c.name}:${n}`);
  const q = studentTQuantile(0.975, n - 1);
  let hit = 0;
  let tHit = 0;
  let outside = 0;
  let tOutside = 0;
  for (let r = 0; r < R; r++) {
    const xs = Array.from({ length: n }, () => c.draw(rng));
    const s = meanInterval(xs, c.support);
    if (s.low <= c.mean && c.mean <= s.high) hit++;
    if (s.low < c.support.lo || s.high > c.support.hi) outside++;
    const half = q * (s.sd / Math.sqrt(n));
    if (s.mean - half <= c.mean && c.mean <= s.mean + half) tHit++;
    if (s.mean - half < c.support.lo || s.mean + half > c.support.hi) tOutside++;
  }
  return { interval: hit / R, t: tHit / R, outside, tOutside };
}

describe('the 95% interval of a mean, on the scale its kind calls for', () => {
  it('covers the mean 95% of the time (within 4 binomial standard errors) where theory says it should', () => {
    // Spread small against the distance to the bound: the log scale changes nothing, and
    // Student's interval is exact for normal data, with any n.
    for (const n of [2, 5, 20]) {
      const cov = coverage(CASES.normal, n).interval;
      expect(Math.abs(cov - 0.95), `normal, n = ${n}: coverage ${cov}`).toBeLessThan(TOL);
    }
    // Skewed quantities and shares: the delta method is first-order, so coverage tends to
    // 0.95 as n grows (README: Confidence intervals gives it at smaller n, measured).
    for (const [c, n] of [[CASES.exponential, 100], [CASES.lognormal, 100], [CASES.poisson, 20], [CASES.rare, 100], [CASES.share, 10]] as const) {
      const cov = coverage(c, n).interval;
      expect(Math.abs(cov - 0.95), `${c.name}, n = ${n}: coverage ${cov}`).toBeLessThan(TOL);
    }
  });

  it('covers skewed data at least as well as Student\'s t, with any number of replications', () => {
    // Paired on the same samples; Student's t misses mostly when a sample happens to be low
    // (its upper end is then too low), which the log scale stretches.
    // (Poisson counts with n = 2 are left out: both cover 0.88-0.89 there, as the few values
    // two draws of a small count can take allow.)
    for (const c of [CASES.exponential, CASES.lognormal, CASES.rare, CASES.poisson]) {
      for (const n of c === CASES.poisson ? [5, 20] : [2, 5, 20]) {
        const cov = coverage(c, n);
        expect(cov.interval, `${c.name}, n = ${n}: ${cov.interval} against t's ${cov.t}`).toBeGreaterThanOrEqual(cov.t);
      }
    }
    const e = coverage(CASES.exponential, 5);
    expect(e.t).toBeLessThan(0.95 - TOL);
    expect(e.interval - e.t).toBeGreaterThan(0.03);
  });

  it('never leaves the values the metric can take, where Student\'s t does', () => {
    for (const [c, n] of [[CASES.exponential, 3], [CASES.rare, 5], [CASES.poisson, 2]] as const) {
      const cov = coverage(c, n);
      expect(cov.outside, c.name).toBe(0);
      expect(cov.tOutside, c.name).toBeGreaterThan(R / 20);
    }
  });

  it('handles the edges: one value, no spread, values outside the support, no support', () => {
    expect(meanInterval([3], NON_NEGATIVE)).toMatchObject({ n: 1, mean: 3, scale: 't' });
    expect(Number.isNaN(meanInterval([3], NON_NEGATIVE).low)).toBe(true);
    expect(meanInterval([0, 0, 0], NON_NEGATIVE)).toMatchObject({ mean: 0, low: 0, high: 0, scale: 'log' });
    expect(meanInterval([1, 1], UNIT)).toMatchObject({ mean: 1, low: 1, high: 1, scale: 'logit' });
    // A value the kind does not allow: the metric is not what the catalogue says; Student's t.
    const t = meanInterval([-1, 1, 3], NON_NEGATIVE);
    expect(t.scale).toBe('t');
    expect(t.low).toBeCloseTo(1 - studentTQuantile(0.975, 2) * 2 / Math.sqrt(3), 12);
    expect(meanInterval([1, 2, 3]).scale).toBe('t');
  });

  it('is the log-scale delta-method interval: mean x exp(±t se / mean), and logit for [lo, hi]', () => {
    const xs = [1, 2, 3, 10];
    const s = meanInterval(xs, NON_NEGATIVE);
    const se = s.sd / 2;
    const f = Math.exp((studentTQuantile(0.975, 3) * se) / 4);
    expect(s.low).toBeCloseTo(4 / f, 12);
    expect(s.high).toBeCloseTo(4 * f, 12);
    // A percentage: the logit of mean / 100.
    const p = meanInterval([90, 95, 99], { lo: 0, hi: 100 });
    const u = p.mean / 100;
    const w = (studentTQuantile(0.975, 2) * (p.sd / Math.sqrt(3))) / (100 * u * (1 - u));
    expect(p.high).toBeCloseTo(100 / (1 + Math.exp(-(Math.log(u / (1 - u)) + w))), 10);
    expect(p.high).toBeLessThan(100);
  });
});

describe('equal values', () => {
  it('have no spread, whatever rounding the variance makes of them', () => {
    const v = 0.64 / 3;
    const s = meanInterval([v, v, v, v, v, v, v], { lo: 0, hi: 1 });
    expect(s.sd).toBe(0);
    expect([s.low, s.high]).toEqual([s.mean, s.mean]);
  });
});
