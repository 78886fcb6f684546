import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { erlangB, erlangC, mmc, mmcWaitExceeds } from '../../src/service/erlang.js';
import { impatientQueue, offeredWaitExceeds } from '../../src/service/impatient-queue.js';

/** Erlang C by its textbook factorial form, computed independently of the recursion. */
function erlangCDirect(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term * (c / (c - a)); // a^c / c! · c / (c − a)
  return top / (sum + top);
}

describe('Erlang B and C', () => {
  it('match the closed forms for small systems', () => {
    // M/M/1: P(wait) = ρ. M/M/2: 2ρ²/(1 + ρ).
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    // Erlang B(1, a) = a / (1 + a); B(2, a) = (a²/2) / (1 + a + a²/2).
    expect(erlangB(1, 3)).toBeCloseTo(0.75, 14);
    expect(erlangB(2, 2)).toBeCloseTo(2 / 5, 14);
  });

  it('match the factorial form across a table of (c, a)', () => {
    for (const c of [1, 2, 5, 10, 30, 100]) {
      for (const rho of [0.1, 0.5, 0.8, 0.95, 0.99]) {
        const a = rho * c;
        expect(erlangC(c, a)).toBeCloseTo(erlangCDirect(c, a), 10);
      }
    }
  });

  it('gives the published values of a classic staffing table', () => {
    // Cooper, Introduction to Queueing Theory: c = 10, a = 8 erlangs → C ≈ 0.409.
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 4);
    // M/M/c mean wait: c = 10, a = 8, μ = 1 → W = C / (cμ − λ) = 0.40918 / 2.
    expect(mmc(8, 10, 1).meanWait).toBeCloseTo(0.40918 / 2, 4);
  });
});

describe("Little's law for a tier", () => {
  it('L = λ·(E[W] + 1/μ), with L from the stationary distribution of the birth-death chain', () => {
    for (const [lambda, c, mu] of [[0.7, 1, 1], [8, 10, 1], [340, 4, 100], [45, 50, 1]] as const) {
      // π_n ∝ a^n/n! for n ≤ c, then × ρ^(n−c): sum n·π_n directly, far into the tail.
      const a = lambda / mu;
      const rho = a / c;
      let term = 1;
      let norm = 0;
      let L = 0;
      for (let n = 0; n < 20_000; n++) {
        norm += term;
        L += n * term;
        term *= n < c ? a / (n + 1) : rho;
        if (term < 1e-300) break;
      }
      L /= norm;
      const q = impatientQueue(lambda, c, mu, Infinity);
      expect(lambda * (q.meanWait + 1 / mu) / L).toBeCloseTo(1, 10);
      // Busy servers = λ/μ (Little's law at the servers).
      expect(q.utilization * c).toBeCloseTo(a, 10);
    }
  });
});

describe('M/M/c+D (timeout) against Erlang C and against simulation', () => {
  it('is Erlang C when the timeout is far away', () => {
    for (const [lambda, c, mu] of [[0.7, 1, 1], [8, 10, 1], [45, 50, 1], [90, 4, 25]] as const) {
      const q = impatientQueue(lambda, c, mu, 1e6);
      const ref = mmc(lambda, c, mu);
      expect(q.waitProbability).toBeCloseTo(ref.waitProbability, 10);
      expect(q.meanWait).toBeCloseTo(ref.meanWait, 8);
      expect(q.failProbability).toBeLessThan(1e-12);
      for (const t of [0.01, 0.1, 1]) expect(offeredWaitExceeds(q, c, mu, t)).toBeCloseTo(mmcWaitExceeds(lambda, c, mu, t), 10);
    }
  });

  it('matches M/M/1+D in closed form (Baccelli-Hebuterne)', () => {
    // M/M/1+D: J = (1 − e^{−θτ})/θ + e^{−θτ}/μ, P(V > 0) = λJ/(1 + λJ), P(fail) = P(V > 0)·e^{−θτ}/(μJ).
    const [lambda, mu, tau] = [1.5, 1, 2];
    const theta = mu - lambda;
    const J = (1 - Math.exp(-theta * tau)) / theta + Math.exp(-theta * tau) / mu;
    const pv = (lambda * J) / (1 + lambda * J);
    const q = impatientQueue(lambda, 1, mu, tau);
    expect(q.waitProbability).toBeCloseTo(pv, 12);
    expect(q.failProbability).toBeCloseTo((pv * Math.exp(-theta * tau)) / (mu * J), 12);
  });

  it('stays finite and sensible far beyond saturation', () => {
    const q = impatientQueue(10_000, 4, 100, 30);
    expect(q.failProbability).toBeCloseTo(1 - 400 / 10_000, 6); // throughput pinned at cμ
    expect(q.meanWait).toBeGreaterThan(29.9);
    expect(q.meanWait).toBeLessThanOrEqual(30);
    expect(q.utilization).toBeCloseTo(1, 6);
  });

  // A discrete-event simulation of M/M/c with FIFO and a fixed patience: an arrival leaves
  // unserved when it would wait longer than tau. The run is cut into 40 consecutive batches;
  // the standard error of the batch means (batch-means method) sets each tolerance at 4 SE.
  const BATCHES = 40;
  function simulate(lambda: number, c: number, mu: number, tau: number, arrivals: number, seed: string): { fail: number[]; wait: number[]; noWait: number[] } {
    const rng = seedrandom(seed);
    const exp = (r: number): number => -Math.log(1 - rng()) / r;
    const free = new Array<number>(c).fill(0); // when each server next frees
    const per = arrivals / BATCHES;
    const out = { fail: [] as number[], wait: [] as number[], noWait: [] as number[] };
    let t = 0;
    for (let b = 0; b < BATCHES; b++) {
      let failed = 0;
      let served = 0;
      let zero = 0;
      let sum = 0;
      for (let i = 0; i < per; i++) {
        t += exp(lambda);
        let k = 0;
        for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
        const wait = Math.max(0, free[k]! - t);
        if (wait > tau) {
          failed++;
          continue;
        }
        served++;
        if (wait === 0) zero++;
        sum += wait;
        free[k] = t + wait + exp(mu);
      }
      out.fail.push(failed / per);
      out.wait.push(sum / served);
      out.noWait.push(zero / served);
    }
    return out;
  }
  const meanSe = (xs: number[]): { mean: number; se: number } => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
    return { mean: m, se: Math.sqrt(v / xs.length) };
  };

  for (const [lambda, c, mu, tau] of [[3.5, 3, 1, 2], [2.7, 3, 1, 1.5], [12, 10, 1, 0.5]] as const) {
    it(`agrees with a simulation at λ=${lambda}, c=${c}, μ=${mu}, τ=${tau}`, () => {
      const sim = simulate(lambda, c, mu, tau, 400_000, `mmcd-${lambda}-${c}`);
      const q = impatientQueue(lambda, c, mu, tau);
      for (const [xs, want] of [[sim.fail, q.failProbability], [sim.wait, q.meanWait], [sim.noWait, q.servedNoWait]] as const) {
        const { mean, se } = meanSe(xs);
        expect(Math.abs(mean - want)).toBeLessThan(4 * se);
      }
    });
  }
});
