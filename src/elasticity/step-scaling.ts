import type { PolicyContext, Proposal, ScalingMetric, ScalingPolicy } from './policy.js';
import { fmt } from './target-tracking.js';

/** A step: a number of instances (+2, -1) or a share of the desired capacity (+20%, -10%). */
export type Step = { readonly kind: 'count'; readonly n: number } | { readonly kind: 'percent'; readonly p: number };

/** Applies a step to a desired capacity (percentages round away from zero, at least 1). */
export function applyStep(desired: number, step: Step): number {
  if (step.kind === 'count') return desired + step.n;
  const delta = (desired * step.p) / 100;
  return desired + Math.sign(delta) * Math.max(1, Math.ceil(Math.abs(delta) - 1e-9));
}

/**
 * Step (threshold) scaling, the 2009 triggers of EC2 Auto Scaling: when the metric has
 * stayed above `upper` for `breachMs` (every evaluation in a row), add `out`; below `lower`
 * for `breachMs`, apply `in`. The breach clock restarts after each action, and whenever the
 * metric is back within bounds.
 */
export class StepScaling implements ScalingPolicy {
  readonly name = 'step';
  readonly periodMs: number;
  readonly #metric: ScalingMetric;
  readonly #upper: number;
  readonly #lower: number;
  readonly #breachMs: number;
  readonly #out: Step;
  readonly #in: Step;
  #aboveSince: number | undefined;
  #belowSince: number | undefined;

  constructor(o: { metric: ScalingMetric; upper: number; lower: number; breachMs: number; out: Step; in: Step; periodMs: number }) {
    if (!(o.lower < o.upper)) throw new RangeError(`lower (${o.lower}) must be below upper (${o.upper})`);
    this.#metric = o.metric;
    this.#upper = o.upper;
    this.#lower = o.lower;
    this.#breachMs = o.breachMs;
    this.#out = o.out;
    this.#in = o.in;
    this.periodMs = o.periodMs;
  }

  evaluate(ctx: PolicyContext): Proposal | undefined {
    const v = ctx.metric(this.#metric, this.periodMs);
    if (Number.isNaN(v)) {
      this.#aboveSince = this.#belowSince = undefined;
      return undefined;
    }
    const now = ctx.nowMs;
    if (v > this.#upper) {
      this.#belowSince = undefined;
      this.#aboveSince ??= now;
      if (now - this.#aboveSince >= this.#breachMs) {
        this.#aboveSince = undefined;
        return { desired: applyStep(ctx.desired, this.#out), reason: () => `${this.#metric} ${fmt(v)} above ${fmt(this.#upper)} for ${this.#breachMs / 1000} s` };
      }
    } else if (v < this.#lower) {
      this.#aboveSince = undefined;
      this.#belowSince ??= now;
      if (now - this.#belowSince >= this.#breachMs) {
        this.#belowSince = undefined;
        return { desired: applyStep(ctx.desired, this.#in), reason: () => `${this.#metric} ${fmt(v)} below ${fmt(this.#lower)} for ${this.#breachMs / 1000} s` };
      }
    } else {
      this.#aboveSince = this.#belowSince = undefined;
    }
    return undefined;
  }
}
