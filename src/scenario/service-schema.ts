import * as z from 'zod';
import { roleName } from './fleet-schema.js';
import { countRatePerMs, durationMs, sizeBytes } from './unit-schemas.js';
import { withJsonStandIn } from './json-stand-ins.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const day24 = z.array(z.number().min(0, 'expected a multiplier >= 0')).length(24, 'expected 24 values, one per hour of the day (hour 0 = midnight UTC)');

/**
 * The daily shape of demand: 24 multipliers of the base rate (hour 0 = midnight UTC of the
 * simulated calendar), or one list per weekday (`mon` … `sun`), with `default` for the days
 * not listed. Normalised to seven lists, Monday first.
 */
const weekdayStandIn = z.strictObject(Object.fromEntries(['default', ...WEEKDAYS].map((d) => [d, z.array(z.number().min(0)).length(24).optional()])));
const hourlySchema = withJsonStandIn(z.preprocess((v) => (Array.isArray(v) ? { default: v } : v), z.strictObject({
  default: day24.optional(),
  mon: day24.optional(), tue: day24.optional(), wed: day24.optional(), thu: day24.optional(),
  fri: day24.optional(), sat: day24.optional(), sun: day24.optional(),
}).transform((w, ctx) => {
  const out: number[][] = [];
  for (const d of WEEKDAYS) {
    const v = w[d] ?? w.default;
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: `no profile for ${d}: give ${d}: [24 values] or default: [24 values]` });
      return z.NEVER;
    }
    out.push(v);
  }
  return out;
})), 'hourly-profile', z.union([z.array(z.number().min(0)).length(24), weekdayStandIn]).meta({
  description: '24 multipliers of the base rate, one per hour of the day (hour 0 = midnight UTC), or one list per weekday (mon ... sun) with default for the others',
}));

/** A flash crowd: demand × `factor` over [at, at + duration), reached and left over `ramp`. */
const spikeSchema = z.strictObject({
  at: durationMs,
  duration: durationMs.refine((ms) => ms > 0, 'expected a duration > 0'),
  factor: z.number().min(0, 'expected a factor >= 0 (0 silences demand, 10 is ten times)'),
  ramp: durationMs.default(0),
}).superRefine((s, ctx) => {
  if (2 * s.ramp > s.duration) ctx.addIssue({ code: 'custom', path: ['ramp'], message: 'expected a ramp of at most half the duration (it rises and falls within it)' });
});

/**
 * A replayed trace of request counts per interval: a CSV with a header naming a `time`
 * column (seconds; the first row is the start of the run, rows every `interval`) and a
 * `count` column (requests in the interval). Read by the loader.
 */
const traceSchema = z.strictObject({
  csv: z.string().min(1),
  time: z.string().default('time_s'),
  count: z.string().default('requests'),
  interval: durationMs.refine((ms) => ms > 0, 'expected an interval > 0, e.g. 5m'),
  /** Multiplies every count (e.g. 1000 to turn a sample into the full site's demand). */
  scale: z.number().positive().default(1),
  /** Start over when the trace ends before the run does (otherwise that is an error). */
  repeat: z.boolean().default(false),
}).transform((t) => ({ ...t, countsPerInterval: [] as number[] }));

/** The `demand:` section: the request rate over time, the one source of truth for load. */
export const demandSchema = z.strictObject({
  /** Base rate (default: the clients' own, clients.count / clients.request_every). */
  rate: countRatePerMs.refine((r) => r > 0, 'expected a rate > 0, e.g. 500/s').optional(),
  hourly: hourlySchema.optional(),
  /** `step` (default): each hour's multiplier holds for the hour; `linear`: it moves linearly to the next hour's. */
  shape: z.enum(['step', 'linear']).default('step'),
  trace: traceSchema.optional(),
  spikes: z.array(spikeSchema).default([]),
  /** Independent log-normal noise per service interval, mean 1 and this coefficient of variation. */
  noise: z.strictObject({ cv: z.number().min(0).max(10) }).optional(),
}).superRefine((d, ctx) => {
  if (d.trace !== undefined && d.rate !== undefined) ctx.addIssue({ code: 'custom', path: ['rate'], message: 'give either rate (with an optional hourly profile) or trace, not both' });
  if (d.trace !== undefined && d.hourly !== undefined) ctx.addIssue({ code: 'custom', path: ['hourly'], message: 'a trace already has its own shape: drop hourly, or drop trace' });
});

/** How a role serves requests. */
const serviceRoleSchema = z.strictObject({
  /** Requests per second one instance serves at full CPU: per ECU (default) or per instance. */
  capacity: countRatePerMs.refine((r) => r > 0, 'expected a capacity > 0, e.g. 100/s'),
  per: z.enum(['ecu', 'instance']).default('ecu'),
  /** Visits per request (a page making 3 database queries: 3); fractions are means (0.5: every other request). */
  visits: z.number().positive().max(1000).default(1),
  /** Waiting longer than this at the role fails the request as overload (default: service.timeout). */
  timeout: durationMs.refine((ms) => ms > 0, 'expected a timeout > 0').optional(),
  /** A database: its instances are not balanced by the front end; a new one restores the latest S3 backup first. */
  database: z.boolean().default(false),
  /** The database's data set in S3 at the start (restored at every boot), plus its instances' backed-up writes. */
  data: sizeBytes.default(0),
  /**
   * Bytes of one served visit: the request the role receives (`in`) and the answer it sends
   * (`out`). For the front end they cross the Internet; for the roles behind it, the link
   * from the calling role (free in a zone on private addresses, regional otherwise).
   */
  bytes: z.strictObject({ in: sizeBytes.default(0), out: sizeBytes.default(0) }).optional(),
});

const ROLE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const pathSchema = withJsonStandIn(z.preprocess(
  (v) => (typeof v === 'string' ? v.split('->').map((r) => r.trim()) : v),
  z.array(z.string().regex(ROLE, 'expected a role name; a path is a list [lb, web, db] or roles joined by "->", e.g. "lb -> web -> db"'))
    .min(1, 'expected at least one role'),
).superRefine((roles, ctx) => {
  const seen = new Set<string>();
  for (const r of roles) {
    if (seen.has(r)) ctx.addIssue({ code: 'custom', message: `role "${r}" appears twice in the path; use visits for repeated calls` });
    seen.add(r);
  }
}), 'request-path', z.union([z.array(z.string().regex(ROLE)).min(1), z.string().regex(/^\s*[A-Za-z][A-Za-z0-9_-]*(\s*->\s*[A-Za-z][A-Za-z0-9_-]*)*\s*$/)]).meta({
  description: 'The roles a request visits, front end first: a list [lb, web, db] or roles joined by "->" ("lb -> web -> db")',
}));

/** The `service:` section: the request path through the roles and each role's capacity. */
export const serviceSchema = z.strictObject({
  /** Length of the accounting interval: each is a stationary queue per tier (rows of timeseries.csv). */
  interval: durationMs.refine((ms) => ms >= 1000, 'expected an interval of at least 1s').default(60_000),
  /** The roles a request visits, front end first: [lb, web, db] or "lb -> web -> db". */
  path: pathSchema,
  roles: z.record(roleName, serviceRoleSchema),
  /** A visit waiting longer than this at a role fails (overload). */
  timeout: durationMs.refine((ms) => ms > 0, 'expected a timeout > 0').default(30_000),
  /** The front end's health checks of its backends (HAProxy's defaults: inter 2s, fall 3, rise 2). */
  health_check: z.strictObject({
    every: durationMs.refine((ms) => ms > 0, 'expected a duration > 0').default(2_000),
    failures: z.int().min(1).default(3),
    rise: z.int().min(1).default(2),
  }).default({ every: 2_000, failures: 3, rise: 2 }),
  /** Automation that points backends at a replaced dependency this long after it serves (default: never; relaunch them). */
  reconfigure: durationMs.optional(),
  /** An interval violates the SLA when more than `failed_share` of its demand fails or its p95 latency exceeds `latency_p95`. */
  sla: z.strictObject({
    failed_share: z.number().min(0).max(1).default(0.001),
    latency_p95: durationMs.refine((ms) => ms > 0, 'expected a latency > 0').default(1_000),
  }).default({ failed_share: 0.001, latency_p95: 1_000 }),
});

export type DemandSection = z.output<typeof demandSchema>;
export type ServiceSection = z.output<typeof serviceSchema>;
export type ServiceRoleSection = z.output<typeof serviceRoleSchema>;
