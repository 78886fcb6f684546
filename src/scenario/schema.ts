import { z } from 'zod';
import { cloudSchema } from './cloud-schema.js';
import { faultsSchema } from './faults-schema.js';
import { durationMs } from './unit-schemas.js';

/**
 * A scenario file, as validated and normalised: durations in integer ms, sizes in bytes.
 * Every section is a strict object, so an unknown key is an error.
 */
export const scenarioSchema = z.strictObject({
  /** Identifies the scenario; the default output folder is results/<name>/. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, dots, dashes and underscores (it names the results folder)'),
  description: z.string().optional(),
  /** Simulated time of one replication. */
  duration: durationMs.refine((ms) => ms > 0, 'expected a duration greater than 0'),
  /** Base seed; replication i uses a seed derived from (seed, i). */
  seed: z.int().min(0).max(2 ** 32 - 1).default(1),
  replications: z.int().min(1).max(100_000).default(1),
  cloud: cloudSchema,
  faults: faultsSchema.default({}),
});

/** A validated scenario. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (before defaults and unit normalisation). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
