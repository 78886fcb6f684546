import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { sampleBinomial, sampleGamma, samplePoisson, sampleTruncatedPoisson } from '../../src/engine/samplers.js';

/** Sample mean and variance of `n` draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: (s2 - n * mean * mean) / (n - 1) };
}

const N = 40_000;

describe('exact samplers', () => {
  it('gamma(shape) has mean shape and variance shape', () => {
    const rng = seedrandom('gamma');
    for (const shape of [0.3, 1, 2.5, 40, 5000]) {
      const m = moments(N, () => sampleGamma(shape, rng));
      // sd of the sample mean sqrt(shape / N); of the variance about shape sqrt(2(1 + 3/shape) / N).
      expect(Math.abs(m.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(Math.abs(m.variance / shape - 1)).toBeLessThan(5 * Math.sqrt((2 + 6 / shape) / N));
    }
  });

  it('binomial(n, p) has mean np and variance np(1 - p), and stays in [0, n]', () => {
    const rng = seedrandom('binomial');
    for (const [n, p] of [[10, 0.3], [1000, 0.02], [30_000, 0.4], [5_000_000, 0.9], [7, 1], [7, 0]] as const) {
      let inRange = true;
      const m = moments(N, () => {
        const x = sampleBinomial(n, p, rng);
        if (x < 0 || x > n || !Number.isInteger(x)) inRange = false;
        return x;
      });
      expect(inRange).toBe(true);
      const v = n * p * (1 - p);
      if (v === 0) {
        expect(m.mean).toBe(n * p);
        continue;
      }
      expect(Math.abs(m.mean - n * p)).toBeLessThan(5 * Math.sqrt(v / N));
      expect(Math.abs(m.variance / v - 1)).toBeLessThan(5 * Math.sqrt(2.5 / N));
    }
  });

  it('poisson(mu) has mean and variance mu', () => {
    const rng = seedrandom('poisson');
    for (const mu of [0.5, 12, 31, 800, 1e6]) {
      const m = moments(N, () => samplePoisson(mu, rng));
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * Math.sqrt(mu / N));
      expect(Math.abs(m.variance / mu - 1)).toBeLessThan(5 * Math.sqrt((2 + 1 / mu) / N));
    }
    expect(samplePoisson(0, rng)).toBe(0);
  });

  it('binomial agrees with the exact probabilities of Binomial(20, 0.35) (chi-square)', () => {
    const rng = seedrandom('binomial-pmf');
    const n = 20;
    const p = 0.35;
    const counts = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < N; i++) counts[sampleBinomial(n, p, rng)]!++;
    let pmf = (1 - p) ** n;
    let chi2 = 0;
    let cells = 0;
    let tail = 0;
    let tailCount = 0;
    for (let k = 0; k <= n; k++) {
      if (k > 0) pmf *= ((n - k + 1) / k) * (p / (1 - p));
      if (N * pmf < 20) {
        tail += pmf;
        tailCount += counts[k]!;
        continue;
      }
      chi2 += (counts[k]! - N * pmf) ** 2 / (N * pmf);
      cells++;
    }
    chi2 += (tailCount - N * tail) ** 2 / (N * tail);
    // 14 cells with at least 20 expected plus the pooled tails: 14 degrees of freedom, whose
    // 0.999 quantile is 36.12.
    expect(cells).toBe(14);
    expect(chi2).toBeLessThan(36.12);
  });
});

describe('truncated poisson', () => {
  it('matches the conditioned law on intervals inside, across and beyond the mode', () => {
    const rng = seedrandom('truncated');
    for (const [mu, lo, hi] of [[4800, 0, 27_966], [2400, 0, 13], [50, 40, 45], [10, 30, 60], [1e6, 0, 1e6 - 3000]] as const) {
      // Exact conditioned mean and variance: the pmf summed over [lo, hi] in log space
      // (relative to its largest term there), skipping terms beyond 60 sd of the mode.
      const from = Math.max(lo, Math.floor(mu - 60 * Math.sqrt(mu)));
      const to = Math.min(hi, Math.ceil(mu + 60 * Math.sqrt(mu)));
      const logp: number[] = [];
      let lf = logFactorial(from);
      for (let n = from; n <= to; n++) {
        if (n > from) lf += Math.log(n);
        logp.push(n * Math.log(mu) - mu - lf);
      }
      const top = Math.max(...logp);
      let z = 0;
      let m1 = 0;
      let m2 = 0;
      logp.forEach((l, i) => {
        const n = from + i;
        const p = Math.exp(l - top);
        z += p;
        m1 += n * p;
        m2 += n * n * p;
      });
      const mean = m1 / z;
      const variance = Math.max(m2 / z - mean * mean, 1e-12);
      const m = moments(4_000, () => {
        const x = sampleTruncatedPoisson(mu, lo, hi, rng);
        expect(x >= lo && x <= hi).toBe(true);
        return x;
      });
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / 4_000) + 1e-9);
    }
  });
});

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}
