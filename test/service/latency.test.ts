import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/service/erlang.js';
import { mixtureQuantile, pathLatency } from '../../src/service/latency.js';
import { walkPath, type TierLoad } from '../../src/service/request-path.js';

const tier = (servers: number, serviceRate: number, visits = 1, timeout = 1e6): TierLoad => ({
  visits, immediate: new Float64Array(5), servers, serviceRate, timeout,
});

/** The quantile of a distribution function by bisection (reference computations). */
function invert(cdf: (t: number) => number, p: number, hi: number): number {
  let lo = 0;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) >= p) hi = mid;
    else lo = mid;
  }
  return hi;
}

describe('latency of served requests', () => {
  it('M/M/1: sojourn is Exp(μ − λ), p95 = ln 20 / (μ − λ)', () => {
    const tiers = [tier(1, 100)];
    const lambda = 80;
    const e = pathLatency(tiers, walkPath(tiers, lambda));
    const p95 = mixtureQuantile([{ lattice: e.request, weight: 1, shift: 0 }], 0.95);
    expect(p95).toBeCloseTo(Math.log(20) / 20, 3);
    expect(e.visits[0]!.quantile(0.99)).toBeCloseTo(Math.log(100) / 20, 3);
  });

  it('M/M/c: sojourn distribution against its closed form', () => {
    // T = S with probability 1 − C, else W + S with W ~ Exp(θ), θ = cμ − λ, C = Erlang C:
    // P(T > t) = (1 − C)·e^{−μt} + C·(θ·e^{−μt} − μ·e^{−θt}) / (θ − μ).
    const [c, mu, lambda] = [4, 10, 34];
    const C = erlangC(c, lambda / mu);
    const theta = c * mu - lambda;
    const sf = (t: number): number => (1 - C) * Math.exp(-mu * t) + (C * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
    const tiers = [tier(c, mu)];
    const e = pathLatency(tiers, walkPath(tiers, lambda));
    for (const p of [0.5, 0.9, 0.95, 0.99]) {
      const want = invert((t) => 1 - sf(t), p, 10);
      expect(e.request.quantile(p) / want).toBeCloseTo(1, 2);
    }
    const meanLatency = walkPath(tiers, lambda).meanLatency;
    expect(meanLatency).toBeCloseTo(C / theta + 1 / mu, 10);
  });

  it('three visits to one tier and one to another: a sum of independent sojourns', () => {
    // Light load: waits are rare, so the request takes about Exp(200) + Gamma(3, 50).
    const tiers = [tier(8, 200), tier(8, 50, 3)];
    const out = walkPath(tiers, 1e-6);
    const e = pathLatency(tiers, out);
    // Hypoexponential CDF of Exp(a) + Gamma(3, b) by numerical convolution on a fine grid.
    const [a, b] = [200, 50];
    const gammaCdf = (t: number): number => 1 - Math.exp(-b * t) * (1 + b * t + (b * t) ** 2 / 2);
    const cdf = (t: number): number => {
      const n = 4000;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const x = ((i + 0.5) / n) * t;
        s += a * Math.exp(-a * x) * gammaCdf(t - x) * (t / n);
      }
      return s;
    };
    for (const p of [0.5, 0.95, 0.99]) expect(e.request.quantile(p) / invert(cdf, p, 2)).toBeCloseTo(1, 2);
    expect(out.meanLatency).toBeCloseTo(1 / a + 3 / b, 6);
  });

  it('mixes shifted parts (requests slowed by a failover timeout)', () => {
    const tiers = [tier(1, 1000)];
    const e = pathLatency(tiers, walkPath(tiers, 1));
    // 10% of requests waited 21 s first: the p95 lands in that group.
    const q = mixtureQuantile([{ lattice: e.request, weight: 0.9, shift: 0 }, { lattice: e.request, weight: 0.1, shift: 21 }], 0.95);
    expect(q).toBeGreaterThan(21);
    expect(q).toBeLessThan(21.01);
  });
});
