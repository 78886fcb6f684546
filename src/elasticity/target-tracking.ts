import type { PolicyContext, Proposal, ScalingMetric, ScalingPolicy } from './policy.js';

/**
 * Target tracking, the rule Kubernetes' Horizontal Pod Autoscaler documents: every period,
 * desired = ceil(in service × observed / target), for a metric that falls as instances are
 * added (CPU utilization, requests per instance, p95 latency). For CPU this is
 * ceil(λ / (target × μ)) when the tier is not saturated (utilization = λ / (n μ)); a
 * saturated tier reports 100%, so it grows by 1/target per period until it is not. No
 * tolerance band (HPA's default is 10%): set `tolerance` for one. With nobody in service
 * but load arriving, it asks for one more than it has.
 */
export class TargetTracking implements ScalingPolicy {
  readonly name = 'target-tracking';
  readonly periodMs: number;
  readonly #metric: ScalingMetric;
  readonly #target: number;
  readonly #tolerance: number;

  constructor(metric: ScalingMetric, target: number, periodMs: number, tolerance = 0) {
    if (!(target > 0)) throw new RangeError(`target must be > 0, got ${target}`);
    if (!(periodMs > 0)) throw new RangeError(`period must be > 0, got ${periodMs}`);
    this.#metric = metric;
    this.#target = target;
    this.periodMs = periodMs;
    this.#tolerance = tolerance;
  }

  evaluate(ctx: PolicyContext): Proposal | undefined {
    const observed = ctx.metric(this.#metric, this.periodMs);
    if (Number.isNaN(observed)) return undefined;
    if (ctx.inService === 0) return observed > 0 ? { desired: ctx.desired + 1, reason: () => `${this.#metric} ${fmt(observed)} with none in service` } : undefined;
    const ratio = observed / this.#target;
    if (Math.abs(ratio - 1) <= this.#tolerance) return undefined;
    const desired = Math.ceil(ctx.inService * ratio - 1e-9);
    return { desired, reason: () => `${this.#metric} ${fmt(observed)} vs target ${fmt(this.#target)} with ${ctx.inService} in service` };
  }
}

/** A metric value for a reason text: 4 significant digits. */
export function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
