import { describe, expect, it } from 'vitest';
import { incompleteBeta, studentTCdf, studentTQuantile } from '../../src/experiment/student-t.js';

/** The t density, for an independent check by numerical integration. */
function density(t: number, df: number): number {
  const lg = (x: number): number => {
    // Stirling-series log-gamma, independent of the implementation under test
    let shift = 0;
    while (x < 10) {
      shift -= Math.log(x);
      x += 1;
    }
    return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
  };
  return Math.exp(lg((df + 1) / 2) - lg(df / 2)) / Math.sqrt(df * Math.PI) * (1 + (t * t) / df) ** (-(df + 1) / 2);
}

/** P(0 < T < x) by composite Simpson's rule. */
function simpson(x: number, df: number, n = 20_000): number {
  const h = x / n;
  let s = density(0, df) + density(x, df);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * density(i * h, df);
  return (s * h) / 3;
}

describe('Student t', () => {
  it('matches closed forms: df = 1 (Cauchy), df = 2, df = 4', () => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 11);
      const a = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a);
      expect(studentTQuantile(p, 4)).toBeCloseTo(Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1), 11);
    }
  });

  it('matches published 97.5% quantiles', () => {
    const table: [number, number][] = [[3, 3.182446305284263], [5, 2.570581835636314], [10, 2.228138851986274], [29, 2.045229642132703], [100, 1.983971518523552], [1e6, 1.959966]];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 5);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977987, 12);
  });

  it('fractional degrees of freedom (Welch) agree with numerical integration of the density', () => {
    for (const df of [1.5, 3.7, 7.850641774, 23.2]) {
      const t = studentTQuantile(0.975, df);
      expect(0.5 + simpson(t, df)).toBeCloseTo(0.975, 8);
      expect(studentTCdf(t, df)).toBeCloseTo(0.975, 12);
    }
  });

  it('is symmetric, and refuses nonsense', () => {
    expect(studentTQuantile(0.025, 6)).toBeCloseTo(-studentTQuantile(0.975, 6), 12);
    expect(studentTQuantile(0.5, 6)).toBe(0);
    expect(studentTQuantile(1, 6)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
    expect(incompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 12);
  });
});
