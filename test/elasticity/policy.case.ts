import { describe, expect, it } from 'vitest';
import type { PolicyContext, ScalingMetric, ScalingPolicy } from '../../src/elasticity/policy.js';

/** A context with a fixed metric value (NaN: no data). */
export function context(over: Partial<Omit<PolicyContext, 'metric'>> & { value?: number } = {}): PolicyContext {
  const value = over.value ?? 0.5;
  return { nowMs: over.nowMs ?? 60_000, desired: over.desired ?? 4, min: over.min ?? 1, max: over.max ?? 100, inService: over.inService ?? 4, metric: (_m: ScalingMetric, _p: number) => value };
}

/**
 * What every scaling policy must do, whatever its rule: propose whole, non-negative
 * capacities; propose nothing (or keep what it has) without data; never depend on anything
 * but the context (two fresh instances agree).
 */
export function policySuite(name: string, make: () => ScalingPolicy, options: { usesMetric: boolean }): void {
  describe(`scaling policy contract: ${name}`, () => {
    it('proposes whole capacities >= 0 over a range of metric values', () => {
      const p = make();
      for (let i = 0; i < 200; i++) {
        const out = p.evaluate(context({ nowMs: (i + 1) * p.periodMs, value: (i % 25) / 10, inService: 1 + (i % 7), desired: 1 + (i % 7) }));
        if (out === undefined) continue;
        expect(Number.isInteger(out.desired)).toBe(true);
        expect(out.desired).toBeGreaterThanOrEqual(0);
        expect(out.reason().length).toBeGreaterThan(0);
      }
    });

    if (options.usesMetric) {
      it('proposes nothing without data', () => {
        const p = make();
        for (let i = 1; i <= 20; i++) expect(p.evaluate(context({ nowMs: i * p.periodMs, value: Number.NaN }))).toBeUndefined();
      });
    }

    it('is a function of the contexts it was given (two instances agree)', () => {
      const a = make();
      const b = make();
      for (let i = 1; i <= 50; i++) {
        const ctx = context({ nowMs: i * a.periodMs, value: Math.abs(Math.sin(i)) * 1.5 });
        const [x, y] = [a.evaluate(ctx), b.evaluate(ctx)];
        expect(x?.desired).toEqual(y?.desired);
        expect(x?.reason()).toEqual(y?.reason());
      }
    });

    it('has a positive period', () => {
      expect(make().periodMs).toBeGreaterThan(0);
    });
  });
}
