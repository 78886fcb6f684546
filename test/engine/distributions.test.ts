import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  constant,
  empirical,
  exponential,
  lognormal,
  normal,
  pareto,
  uniform,
  weibull,
  type Distribution,
  type Rng,
} from '../../src/engine/distributions.js';
import { erf, erfc, gamma, logGamma, normalCdf, normalPdf, normalQuantile } from '../../src/engine/special-functions.js';

const N = 200_000;

/** Raw moments E[X^k], k = 1..4, to the central fourth moment E[(X - μ)^4]. */
function centralFourth([m1, m2, m3, m4]: readonly [number, number, number, number]): number {
  return m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
}

interface SampleStats {
  readonly mean: number;
  readonly variance: number; // unbiased
  readonly draws: number;
  readonly values: Float64Array;
}

function draw(d: Distribution, n = N): SampleStats {
  const prng = seedrandom('fixed-seed');
  let draws = 0;
  const rng: Rng = () => {
    draws++;
    return prng();
  };
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d.sample(rng);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, variance: squares / (n - 1), draws, values };
}

/**
 * The sample mean must lie within 4 standard errors of the analytic mean, and the sample
 * variance within 4 of its own standard errors, sqrt((μ4 - σ⁴)/n), of the analytic variance.
 * With a fixed seed this is one draw from a test that fails about 6 times in 100,000.
 */
function expectMoments(d: Distribution, mu4: number | undefined): SampleStats {
  const s = draw(d);
  expect(Math.abs(s.mean - d.mean)).toBeLessThanOrEqual(4 * Math.sqrt(d.variance / N));
  if (mu4 !== undefined) {
    const seVariance = Math.sqrt((mu4 - d.variance ** 2) / N);
    expect(Math.abs(s.variance - d.variance)).toBeLessThanOrEqual(4 * seVariance);
  }
  return s;
}

/** The share of the sample at or below `median` must be 1/2 within 4 standard errors. */
function expectMedian(s: SampleStats, median: number): void {
  let below = 0;
  for (const v of s.values) if (v <= median) below++;
  expect(Math.abs(below / N - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / N));
}

describe('special functions', () => {
  it('knows gamma at known points', () => {
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 13);
    expect(gamma(5)).toBeCloseTo(24, 12);
    expect(gamma(1)).toBeCloseTo(1, 14);
    expect(gamma(0.1) / 9.513507698668732).toBeCloseTo(1, 13);
    expect(gamma(-0.5) / (-2 * Math.sqrt(Math.PI))).toBeCloseTo(1, 13);
    expect(gamma(171) / 7.257415615307998e306).toBeCloseTo(1, 11);
    expect(gamma(200)).toBe(Infinity);
    expect(gamma(0)).toBeNaN();
    expect(gamma(-2)).toBeNaN();
  });

  it('knows log-gamma at known points', () => {
    expect(logGamma(100) / 359.1342053695754).toBeCloseTo(1, 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1e6) / 12815504.569147611).toBeCloseTo(1, 13);
    expect(logGamma(0)).toBe(Infinity);
  });

  it('knows erf and erfc at known points', () => {
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929, 10);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(2.5)).toBeCloseTo(0.999593047982555, 15);
    expect(erf(-1)).toBe(-erf(1));
    expect(erf(0)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erfc(3) / 2.2090496998585438e-5).toBeCloseTo(1, 14);
    expect(erfc(5) / 1.5374597944280351e-12).toBeCloseTo(1, 14);
    expect(erfc(2.4) / 6.885138966450789e-4).toBeCloseTo(1, 14);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 15);
    expect(erfc(1.5) / 0.033894853524689274).toBeCloseTo(1, 14);
    expect(erfc(0.5) / 0.4795001221869535).toBeCloseTo(1, 14);
  });

  it('has a normal quantile that inverts the normal distribution function', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    for (const p of [1e-300, 1e-12, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.99, 0.999999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });
});

describe('distributions: sample moments match the analytic ones', () => {
  it('constant', () => {
    const d = constant(7);
    const s = draw(d);
    expect(s.values.every((v) => v === 7)).toBe(true);
    expect([d.mean, d.variance, s.draws]).toEqual([7, 0, 0]);
  });

  it('uniform', () => {
    const d = uniform(2, 10);
    expect([d.mean, d.variance]).toEqual([6, 64 / 12]);
    const s = expectMoments(d, 8 ** 4 / 80);
    expect(s.values.every((v) => v >= 2 && v < 10)).toBe(true);
    expectMedian(s, 6);
    expect(uniform(3, 3).sample(() => 0.5)).toBe(3);
  });

  it('exponential, by mean and by rate', () => {
    const d = exponential({ mean: 3 });
    expect([d.mean, d.variance]).toEqual([3, 9]);
    expectMedian(expectMoments(d, 9 * 3 ** 4), 3 * Math.LN2);
    expect(exponential({ rate: 0.25 }).mean).toBe(4);
  });

  it.each([
    [0.9, 2],
    [2.5, 10],
    [1, 3],
  ])('weibull shape %d scale %d', (k, scale) => {
    const d = weibull({ shape: k, scale });
    const raw = [1, 2, 3, 4].map((j) => scale ** j * gamma(1 + j / k)) as [number, number, number, number];
    expect(d.mean).toBeCloseTo(raw[0], 12);
    expect(d.variance).toBeCloseTo(raw[1] - raw[0] ** 2, 10);
    expectMedian(expectMoments(d, centralFourth(raw)), scale * Math.LN2 ** (1 / k));
  });

  it.each([
    [4, 0.5],
    [1, 1],
  ])('lognormal median %d sigma %d', (median, sigma) => {
    const d = lognormal({ median, sigma });
    const mu = Math.log(median);
    const raw = [1, 2, 3, 4].map((j) => Math.exp(j * mu + (j * j * sigma * sigma) / 2)) as [number, number, number, number];
    expect(d.mean).toBeCloseTo(raw[0], 12);
    expect(d.variance).toBeCloseTo(raw[1] - raw[0] ** 2, 10);
    const s = expectMoments(d, centralFourth(raw));
    expect(s.draws).toBe(2 * N);
    expectMedian(s, median);
  });

  it.each([
    [0, 2],
    [1, 2],
    [10, 2],
  ])('normal mean %d sd %d, truncated at 0', (mu, sd) => {
    const d = normal({ mean: mu, sd });
    // raw moments of the standard normal truncated below at α: m_k = (k-1) m_{k-2} + α^(k-1) λ
    const alpha = -mu / sd;
    const lambda = normalPdf(alpha) / (1 - normalCdf(alpha));
    const m = [1, lambda];
    for (let k = 2; k <= 4; k++) m.push((k - 1) * (m[k - 2] ?? 0) + alpha ** (k - 1) * lambda);
    const z = centralFourth(m.slice(1) as [number, number, number, number]);
    const s = expectMoments(d, sd ** 4 * z);
    expect(s.values.every((v) => v >= 0)).toBe(true);
    expect(s.draws).toBe(N);
  });

  it('half-normal: the truncated normal with mean 0 has mean sd·√(2/π)', () => {
    const d = normal({ mean: 0, sd: 3 });
    expect(d.mean).toBeCloseTo(3 * Math.sqrt(2 / Math.PI), 14);
    expect(d.variance).toBeCloseTo(9 * (1 - 2 / Math.PI), 13);
    expect(normal({ mean: 100, sd: 1 }).mean).toBe(100);
    expect(normal({ mean: 5, sd: 0 }).sample(() => 0.3)).toBe(5);
  });

  it('pareto with finite fourth moment (shape 5)', () => {
    const a = 5;
    const d = pareto({ shape: a, scale: 1 });
    const raw = [1, 2, 3, 4].map((j) => a / (a - j)) as [number, number, number, number];
    expect(d.mean).toBeCloseTo(1.25, 14);
    expect(d.variance).toBeCloseTo(raw[1] - raw[0] ** 2, 14);
    const s = expectMoments(d, centralFourth(raw));
    expect(s.values.every((v) => v >= 1)).toBe(true);
    expectMedian(s, 2 ** (1 / a));
  });

  it('pareto with finite variance only (shape 2.5): the mean', () => {
    const d = pareto({ shape: 2.5, scale: 2 });
    expect(d.mean).toBeCloseTo((2.5 * 2) / 1.5, 14);
    expectMedian(expectMoments(d, undefined), 2 * 2 ** (1 / 2.5));
  });

  it('pareto moments that do not exist are Infinity', () => {
    expect(pareto({ shape: 1.5, scale: 1 }).mean).toBe(3);
    expect(pareto({ shape: 1.5, scale: 1 }).variance).toBe(Infinity);
    expect(pareto({ shape: 1, scale: 1 }).mean).toBe(Infinity);
    expect(pareto({ shape: 0.5, scale: 1 }).variance).toBe(Infinity);
  });

  it('empirical', () => {
    const list = [1, 2, 2, 5, 10];
    const d = empirical(list);
    const mean = 4;
    const central = (k: number): number => list.reduce((acc, v) => acc + (v - mean) ** k, 0) / list.length;
    expect([d.mean, d.variance]).toEqual([mean, central(2)]);
    const s = expectMoments(d, central(4));
    expect(s.values.every((v) => list.includes(v))).toBe(true);
    expect(d.sample(() => 0.999999999)).toBe(10);
    expect(d.sample(() => 0)).toBe(1);
  });
});

describe('distributions: parametrisations, draws and errors', () => {
  it('weibull by mean gives that mean and the matching scale', () => {
    const byMean = weibull({ shape: 0.9, mean: 2 });
    expect(byMean.mean).toBeCloseTo(2, 14);
    const byScale = weibull({ shape: 0.9, scale: 2 / gamma(1 + 1 / 0.9) });
    expect(byScale.mean).toBeCloseTo(2, 14);
    expect(byScale.variance).toBeCloseTo(byMean.variance, 12);
    expect(byMean.describe()).toBe(byScale.describe());
  });

  it('lognormal by mean gives that mean', () => {
    expect(lognormal({ mean: 5, sigma: 0.8 }).mean).toBeCloseTo(5, 13);
    expect(lognormal({ median: 5, sigma: 0 }).variance).toBe(0);
  });

  it('consumes a fixed number of draws per sample', () => {
    const cases: [Distribution, number][] = [
      [constant(1), 0],
      [uniform(0, 1), 1],
      [exponential({ mean: 1 }), 1],
      [weibull({ shape: 2, scale: 1 }), 1],
      [lognormal({ median: 1, sigma: 1 }), 2],
      [normal({ mean: 0, sd: 1 }), 1],
      [normal({ mean: 1, sd: 0 }), 1],
      [pareto({ shape: 2, scale: 1 }), 1],
      [empirical([1, 2, 3]), 1],
    ];
    for (const [d, perSample] of cases) expect(draw(d, 1000).draws).toBe(1000 * perSample);
  });

  it('is a pure function of the generator', () => {
    const d = weibull({ shape: 0.9, mean: 100 });
    expect(draw(d, 50).values).toEqual(draw(d, 50).values);
  });

  it('describes itself', () => {
    expect(exponential({ mean: 3_600_000 }).describe()).toBe('exponential(mean=3600000)');
    expect(uniform(1, 2).describe()).toBe('uniform(min=1, max=2)');
    expect(empirical([1, 3]).describe()).toBe('empirical(n=2, mean=2)');
  });

  it.each([
    ['constant: value', () => constant(-1)],
    ['uniform: max', () => uniform(5, 1)],
    ['uniform: min', () => uniform(-1, 1)],
    ['uniform: min', () => uniform(Number.NaN, 1)],
    ['exponential: mean', () => exponential({ mean: -3 })],
    ['exponential: mean', () => exponential({ mean: 0 })],
    ['exponential: rate', () => exponential({ rate: 0 })],
    ['weibull: shape', () => weibull({ shape: 0, scale: 1 })],
    ['weibull: mean', () => weibull({ shape: 1, mean: Number.NaN })],
    ['lognormal: median', () => lognormal({ median: 0, sigma: 1 })],
    ['lognormal: sigma', () => lognormal({ mean: 1, sigma: -1 })],
    ['normal: sd', () => normal({ mean: 1, sd: -1 })],
    ['normal: mean', () => normal({ mean: -1, sd: 1 })],
    ['pareto: shape', () => pareto({ shape: -1, scale: 1 })],
    ['pareto: scale', () => pareto({ shape: 1, scale: 0 })],
    ['empirical: values', () => empirical([])],
    ['empirical: values[1]', () => empirical([1, Number.NaN])],
  ])('refuses bad parameters: %s', (message, make) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(message);
  });
});
