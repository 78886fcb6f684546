import { z } from 'zod';

/** Zone names as EC2 writes them (`us-east-1a`), or any short identifier. */
export const zoneName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a zone name of lower-case letters, digits and dashes, e.g. us-east-1a');

/** One availability zone: how many hosts, in how many racks (default: 40 hosts a rack). */
export const zoneSchema = z.strictObject({
  hosts: z.int().min(1).max(10_000_000),
  racks: z.int().min(1).optional(),
});

/** The `cloud:` section. */
export const cloudSchema = z.strictObject({
  zones: z.record(zoneName, zoneSchema).refine((zones) => Object.keys(zones).length > 0, 'expected at least one zone'),
});

export type CloudSection = z.output<typeof cloudSchema>;
