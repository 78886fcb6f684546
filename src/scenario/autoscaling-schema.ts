import * as z from 'zod';
import { durationMs } from './unit-schemas.js';
import { withJsonStandIn } from './json-stand-ins.js';

const metric = z.enum(['cpu', 'requests_per_instance', 'latency_p95']);
/** The metrics a scaling policy can watch. */
export type MetricName = z.output<typeof metric>;
/** A bound or target of a metric, checked against its metric (metricValue) once the policy is read. */
const bound = withJsonStandIn(z.union([z.number(), z.string()]), 'metric-bound', z.union([
  z.number().meta({ description: 'cpu: a utilization in (0, 1]; requests_per_instance: requests per second per instance' }),
  z.string().meta({ description: 'cpu: a percentage ("60%"); requests_per_instance: a rate ("100/s"); latency_p95: a duration ("250ms")' }),
]).meta({ description: 'A metric bound: CPU utilization, requests per second per instance, or p95 latency' }));
const period = durationMs.refine((ms) => ms > 0, 'expected a period > 0, e.g. 1m').default(60_000);

/** `+2`, `-1`, `+20%`, or a bare integer. */
const step = z.union([z.int(), z.string()]).transform((v, ctx) => {
  const m = typeof v === 'number' ? [String(v), String(v), undefined] : /^\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(v);
  if (m === null || Number(m[1]) === 0) {
    ctx.addIssue({ code: 'custom', message: `expected a step such as +2, -1 or +20%, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  const n = Number(m[1]);
  if (m[2] === '%') return { kind: 'percent' as const, p: n };
  if (!Number.isInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a whole number of instances (or a percentage), got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return { kind: 'count' as const, n };
});

/** A target for a metric: CPU a utilization in (0, 1], requests per second per instance, latency a duration. */
const targetTracking = z.strictObject({
  metric,
  target: bound,
  period,
  /** No change while observed/target is within 1 ± tolerance (HPA uses 0.1; default 0). */
  tolerance: z.number().min(0).max(1).default(0),
});

const stepPolicy = z.strictObject({
  metric,
  upper: bound,
  lower: bound,
  /** How long the metric must stay beyond a bound before acting (0: at the first evaluation). */
  breach: durationMs.default(0),
  out: step.refine((s) => (s.kind === 'count' ? s.n : s.p) > 0, 'expected a step up, e.g. +2 or +20%'),
  in: step.refine((s) => (s.kind === 'count' ? s.n : s.p) < 0, 'expected a step down, e.g. -1 or -10%'),
  period,
});

const scheduledPolicy = z.strictObject({
  /** Desired capacity at times of the run: [{ at: 2d8h, desired: 10 }]. */
  at: z.array(z.strictObject({ at: durationMs, desired: z.int().min(0) })).default([]),
  /** Every day at a time of day (UTC): [{ at: 8h, desired: 10 }, { at: 20h, desired: 3 }]. */
  daily: z.array(z.strictObject({ at: durationMs.refine((ms) => ms < 86_400_000, 'expected a time of day under 24h, e.g. 8h or 20h30m'), desired: z.int().min(0) })).default([]),
  period,
});

/** One policy: exactly one of target_tracking, step, scheduled. */
const policySchema = z.union([
  z.strictObject({ target_tracking: targetTracking }),
  z.strictObject({ step: stepPolicy }),
  z.strictObject({ scheduled: scheduledPolicy }),
]);

/** An auto scaling group over one fleet role (its launch template). */
export const groupSchema = z.strictObject({
  min: z.int().min(0),
  max: z.int().min(1).max(100_000),
  /** At the start (default: min). */
  desired: z.int().min(0).optional(),
  /** Zones to balance over (default: every zone of the cloud, or the role's own). */
  zones: z.array(z.string()).min(1).optional(),
  /** `ec2`: a member that stopped running is replaced; `service`: also one the front end's checks dropped. */
  health_check: z.enum(['ec2', 'service']).default('ec2'),
  /** After launch, the service health check waits this long (EC2's default grace: 300 s). */
  grace: durationMs.default(300_000),
  /** After a policy changes the capacity, policies wait this long (EC2's default: 300 s). */
  cooldown: durationMs.refine((ms) => ms > 0, 'expected a cooldown > 0 (EC2\'s default is 300s; use 1s for almost none)').default(300_000),
  /** A new member warms up this long after it starts serving: meanwhile the group does not scale in (its capacity counts). */
  warmup: durationMs.default(0),
  /** A leaving member is out of the rotation this long before it is terminated. */
  drain: durationMs.default(30_000),
  termination: z.enum(['oldest', 'newest', 'closest-to-next-hour']).default('closest-to-next-hour'),
  /** Scale in only members at least this far into their paid hour (e.g. 50m). */
  scale_in_after: durationMs.refine((ms) => ms < 3_600_000, 'expected a time under one hour (into the paid hour), e.g. 50m').default(0),
  policies: z.array(policySchema).default([]),
}).superRefine((g, ctx) => {
  if (g.min > g.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${g.min}) is above max (${g.max})` });
  if (g.desired !== undefined && (g.desired < g.min || g.desired > g.max)) ctx.addIssue({ code: 'custom', path: ['desired'], message: `desired (${g.desired}) must be within min and max (${g.min}..${g.max})` });
});

/** The `autoscaling:` section: fleet roles run as groups. */
export const autoscalingSchema = z.record(z.string(), groupSchema);

export type GroupSection = z.output<typeof groupSchema>;
export type PolicySection = z.output<typeof policySchema>;

