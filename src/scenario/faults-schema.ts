import * as z from 'zod';
import type { TraceRow } from '../faults/trace-replay.js';
import { zoneName } from './cloud-schema.js';
import { durationDistribution } from './distribution-schema.js';
import { byteRatePerMs, durationMs } from './unit-schemas.js';

const positiveDuration = durationMs.refine((ms) => ms > 0, 'expected a duration > 0, e.g. 3h');

/** Independent per-host failures: time to failure and repair time (both durations). */
export const hardwareSchema = z.strictObject({
  ttf: durationDistribution,
  repair: durationDistribution,
});

/** Faults of racks or zones from their own process: time between faults and how long each lasts. */
export const renewalSchema = z.strictObject({
  /** Time from the start, or from the end of the last fault of the same rack or zone, to the next. */
  every: durationDistribution,
  duration: durationDistribution,
});

/** Where a scheduled fault strikes: `zone` (the whole zone), `zone` + `rack` (0-based), or `host`. */
const scopeFields = {
  zone: zoneName.optional(),
  rack: z.int().min(0).optional(),
  host: z.string().min(1).optional(),
};

function checkScope(p: { zone?: string | undefined; rack?: number | undefined; host?: string | undefined }, ctx: z.RefinementCtx): void {
  if (p.host !== undefined && (p.zone !== undefined || p.rack !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['host'], message: 'give either host, or zone (with an optional rack), not both' });
  } else if (p.rack !== undefined && p.zone === undefined) {
    ctx.addIssue({ code: 'custom', path: ['rack'], message: 'a rack is numbered within its zone: give zone too' });
  } else if (p.host === undefined && p.zone === undefined) {
    ctx.addIssue({ code: 'custom', message: 'say where: zone (a power outage), zone and rack (a rack failure), or host' });
  }
}

/** A scheduled outage: `{ at: 12d, zone: us-east-1a, duration: 3h }`, a rack with `rack: 3`, or a `host`. */
export const outageSchema = z.strictObject({ at: durationMs, duration: positiveDuration, ...scopeFields }).superRefine(checkScope);

/** A scheduled maintenance window (duration: the maintenance section's, unless given). */
export const maintenanceWindowSchema = z.strictObject({ at: durationMs, duration: positiveDuration.optional(), ...scopeFields }).superRefine(checkScope);

/** Host maintenance, periodic (`every`, at a random phase per host) and/or scheduled. */
export const maintenanceSchema = z.strictObject({
  every: positiveDuration.optional(),
  schedule: z.array(maintenanceWindowSchema).default([]),
  /** Announcement ahead of each maintenance (EC2 in 2008: none). */
  notice: durationMs.default(0),
  duration: durationDistribution,
  /** terminate: guests die, disks wiped (2008); live-migrate: guests move and keep running. */
  policy: z.enum(['terminate', 'live-migrate']).default('terminate'),
  /** live-migrate: pre-copy over a link of `bandwidth`, guests dirtying memory at `dirty_rate` (our assumptions as defaults). */
  migration: z.strictObject({
    /** The copy's share of the link: a gigabit link, all of it (125 MB/s). */
    bandwidth: byteRatePerMs.refine((r) => r > 0, 'expected a rate > 0, e.g. 125MB/s').prefault('125MB/s'),
    /** Memory a running guest dirties, unless its role gives dirty_rate. */
    dirty_rate: byteRatePerMs.prefault('20MB/s'),
  }).prefault({}),
}).refine((m) => m.every !== undefined || m.schedule.length > 0, 'give every (periodic maintenance) or schedule (maintenance windows), or both');

/** A failure trace: the CSV as named in the scenario, or its rows once the loader has read it. */
export type FailureTraceSpec =
  | { readonly kind: 'failure-trace-csv'; readonly path: string }
  | { readonly kind: 'failure-trace'; readonly path: string; readonly rows: readonly TraceRow[] };

/** `trace: traces/hosts.csv` (relative to the scenario file): `host, start_s, end_s[, kind]` rows. */
export const traceSchema = z.string().min(1, 'expected the path of a CSV file').transform((path): FailureTraceSpec => ({ kind: 'failure-trace-csv', path }));

/**
 * The `faults:` section. (Its keys have no zod defaults: the scenario schema defaults the
 * whole section to `{}` without parsing it, so builders apply the defaults.)
 */
export const faultsSchema = z.strictObject({
  hardware: hardwareSchema.optional(),
  trace: traceSchema.optional(),
  rack_failures: renewalSchema.optional(),
  power_outages: renewalSchema.optional(),
  maintenance: maintenanceSchema.optional(),
  outages: z.array(outageSchema).optional(),
  /** Which faults get a row in faults.csv: those that touched an instance (`fleet`, the default), or `all`. */
  report: z.enum(['fleet', 'all']).optional(),
});

export type FaultsSection = z.output<typeof faultsSchema>;
export type MaintenanceSection = z.output<typeof maintenanceSchema>;
