import { describe, expect, it } from 'vitest';
import { ScheduledScaling } from '../../src/elasticity/scheduled-scaling.js';
import { applyStep, StepScaling } from '../../src/elasticity/step-scaling.js';
import { TargetTracking } from '../../src/elasticity/target-tracking.js';
import { context, policySuite } from './policy.case.js';

const M = 60_000;

policySuite('target tracking', () => new TargetTracking('cpu', 0.6, M), { usesMetric: true });
policySuite('step', () => new StepScaling({ metric: 'cpu', upper: 0.8, lower: 0.3, breachMs: 5 * M, out: { kind: 'count', n: 2 }, in: { kind: 'count', n: -1 }, periodMs: M }), { usesMetric: true });
policySuite('scheduled', () => new ScheduledScaling([{ kind: 'daily', timeOfDayMs: 8 * 3_600_000, desired: 10 }, { kind: 'once', atMs: 30 * M, desired: 3 }], M, 0), { usesMetric: false });

describe('target tracking', () => {
  it('asks for ceil(in service × observed / target)', () => {
    const p = new TargetTracking('cpu', 0.6, M);
    expect(p.evaluate(context({ inService: 4, value: 0.9 }))!.desired).toBe(6);
    expect(p.evaluate(context({ inService: 4, value: 0.91 }))!.desired).toBe(7);
    expect(p.evaluate(context({ inService: 10, value: 0.15 }))!.desired).toBe(3);
    expect(p.evaluate(context({ inService: 5, value: 0.6 }))).toBeUndefined(); // on target: nothing to change
  });

  it('keeps still within its tolerance band', () => {
    const p = new TargetTracking('cpu', 0.6, M, 0.1);
    expect(p.evaluate(context({ inService: 4, value: 0.65 }))).toBeUndefined();
    expect(p.evaluate(context({ inService: 4, value: 0.7 }))!.desired).toBe(5);
  });
});

describe('step scaling', () => {
  it('acts only after the bound has been breached for the whole breach time, then starts over', () => {
    const p = new StepScaling({ metric: 'cpu', upper: 0.8, lower: 0.3, breachMs: 3 * M, out: { kind: 'count', n: 2 }, in: { kind: 'percent', p: -50 }, periodMs: M });
    const at = (k: number, value: number): number | undefined => p.evaluate(context({ nowMs: k * M, value, desired: 6 }))?.desired;
    expect(at(1, 0.9)).toBeUndefined(); // breach starts
    expect(at(2, 0.9)).toBeUndefined();
    expect(at(3, 0.9)).toBeUndefined();
    expect(at(4, 0.9)).toBe(8); // 3 minutes above
    expect(at(5, 0.9)).toBeUndefined(); // the clock restarted
    expect(at(6, 0.5)).toBeUndefined(); // back within bounds
    expect(at(7, 0.1)).toBeUndefined();
    expect(at(10, 0.1)).toBe(3); // -50% of 6
  });

  it('steps by counts and percentages (at least one instance)', () => {
    expect(applyStep(10, { kind: 'count', n: 2 })).toBe(12);
    expect(applyStep(10, { kind: 'percent', p: 25 })).toBe(13);
    expect(applyStep(3, { kind: 'percent', p: 10 })).toBe(4);
    expect(applyStep(3, { kind: 'percent', p: -10 })).toBe(2);
  });
});

describe('scheduled scaling', () => {
  it('sets the capacity at the first evaluation at or after each time, once', () => {
    const H = 3_600_000;
    const p = new ScheduledScaling([{ kind: 'daily', timeOfDayMs: 8 * H, desired: 10 }, { kind: 'daily', timeOfDayMs: 20 * H, desired: 3 }, { kind: 'once', atMs: 30 * H + 30 * M, desired: 7 }], M, 0);
    const fired: [number, number][] = [];
    for (let t = M; t <= 2 * 24 * H; t += M) {
      const out = p.evaluate(context({ nowMs: t }));
      if (out !== undefined) fired.push([t / H, out.desired]);
    }
    expect(fired).toEqual([[8, 10], [20, 3], [30.5, 7], [32, 10], [44, 3]]);
  });
});
