/** The metrics a scaling policy can watch. */
export type ScalingMetric = 'cpu' | 'requests_per_instance' | 'latency_p95';

/** What a policy sees when the group asks it, every period. */
export interface PolicyContext {
  readonly nowMs: number;
  /** The group's desired capacity, and its bounds. */
  readonly desired: number;
  readonly min: number;
  readonly max: number;
  /** Members in service: running, in the front end's rotation, not leaving. */
  readonly inService: number;
  /**
   * The metric over the last `periodMs` over the members in service: CPU utilization
   * (0..1), requests per second per instance, or the p95 of a visit (s). NaN when there is
   * no data (nobody in service, no load).
   */
  metric(name: ScalingMetric, periodMs: number): number;
}

/** A policy's proposal: the desired capacity it wants (before clamping), and why (built when asked: most proposals change nothing). */
export interface Proposal {
  readonly desired: number;
  reason(): string;
  /** Scheduled actions are not held back by the cooldown. */
  readonly scheduled?: boolean;
}

/**
 * A scaling policy (target tracking, step, scheduled): asked every `periodMs`, it proposes
 * a desired capacity or nothing. Policies are stateful (a step policy remembers how long a
 * bound has been breached) and see the world only through the context.
 */
export interface ScalingPolicy {
  readonly name: string;
  /** How often the group asks it, ms. */
  readonly periodMs: number;
  evaluate(ctx: PolicyContext): Proposal | undefined;
}

/** Clamps a desired capacity to [min, max]. */
export function clamp(desired: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, desired));
}
