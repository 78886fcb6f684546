import { z } from 'zod';
import { durationDistribution } from './distribution-schema.js';

/** Independent per-host failures: time to failure and repair time (both durations). */
export const hardwareSchema = z.strictObject({
  ttf: durationDistribution,
  repair: durationDistribution,
});

/** The `faults:` section. */
export const faultsSchema = z.strictObject({
  hardware: hardwareSchema.optional(),
});

export type FaultsSection = z.output<typeof faultsSchema>;
