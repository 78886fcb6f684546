import * as z from 'zod';
import { cloudSchema, imageId, imageSchema } from './cloud-schema.js';
import { crossCheck } from './cross-check.js';
import { clientsSchema, dnsSchema, recoverySchema } from './dns-schema.js';
import { faultsSchema } from './faults-schema.js';
import { actionSchema, roleName, roleSchema } from './fleet-schema.js';
import { colocationSchema, DEFAULT_PRICING, pricingSchema } from './billing-schema.js';
import { probeSchema, trafficSchema } from './network-schema.js';
import { durationMs } from './unit-schemas.js';
import { demandSchema, serviceSchema } from './service-schema.js';
import { autoscalingSchema } from './autoscaling-schema.js';
import { LIMITS } from './limits.js';

/** The calendar instant the run starts at (for EC2 launch times and billing months). */
const startSchema = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString() : v;
  const ms = Date.parse(/T/.test(s) ? s : `${s}T00:00:00Z`);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `expected a date like 2008-04-01 or 2008-04-01T12:00:00Z, got ${JSON.stringify(s)}` });
    return z.NEVER;
  }
  return ms;
});

/**
 * A scenario file, as validated and normalised: durations in integer ms, sizes in bytes,
 * memory in MiB, disks in GB. Every section is a strict object, so an unknown key is an error.
 */
export const scenarioObject = z.strictObject({
  /** Identifies the scenario; the default output folder is results/<name>/. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, dots, dashes and underscores (it names the results folder)'),
  description: z.string().optional(),
  /** Simulated time of one replication. */
  duration: durationMs.refine((ms) => ms > 0, 'expected a duration greater than 0').refine((ms) => ms <= LIMITS.maxDurationMs, 'expected at most 100y of simulated time'),
  /** Calendar start (UTC), epoch ms; default 2008-04-01, when the seed article was written. */
  start: startSchema.default(Date.UTC(2008, 3, 1)),
  /** Base seed; replication i uses a seed derived from (seed, i). */
  seed: z.int().min(0).max(LIMITS.seed).default(1),
  replications: z.int().min(1).max(LIMITS.replications).default(1),
  cloud: cloudSchema,
  faults: faultsSchema.default({}),
  images: z.record(imageId, imageSchema).default({}),
  fleet: z.record(roleName, roleSchema).default({}),
  actions: z.array(actionSchema).default([]),
  probes: z.array(probeSchema).default([]),
  traffic: trafficSchema.default({}),
  dns: dnsSchema.optional(),
  clients: clientsSchema.optional(),
  recovery: recoverySchema.optional(),
  demand: demandSchema.optional(),
  service: serviceSchema.optional(),
  autoscaling: autoscalingSchema.optional(),
  pricing: pricingSchema.prefault(DEFAULT_PRICING),
  colocation: colocationSchema.optional(),
});

/** A scenario's fields before the cross-references between sections are checked. */
export type ScenarioShape = z.output<typeof scenarioObject>;

/** The scenario schema: every section, then the references between them (images, types, roles). */
// Only a scenario whose sections are valid on their own is cross-checked (the checks read them as typed).
export const scenarioSchema = scenarioObject.superRefine(crossCheck, { when: (payload) => payload.issues.length === 0 });

/** A validated scenario. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (before defaults and unit normalisation). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
