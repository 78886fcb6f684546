import * as z from 'zod';
import { parseEc2Command } from '../cloud/ec2-commands.js';
import { Ec2CommandError } from '../cloud/ec2-command-types.js';
import { MAX_INSTANCES_PER_LAUNCH } from '../cloud/limits.js';
import { LIMITS } from './limits.js';
import { byteRatePerMs, durationMs } from './unit-schemas.js';

/** A role's CPU demand in ECUs: a constant, or 24 hourly values (hour 0 = midnight). */
export const cpuSchema = z.union([
  z.number().min(0).transform((ecu) => ({ kind: 'constant' as const, ecu })),
  z.strictObject({ hourly: z.array(z.number().min(0)).length(24, 'expected 24 values, one per hour of the day') })
    .transform((h) => ({ kind: 'hourly' as const, ecu: h.hourly })),
]);

export const roleName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a role name of letters, digits, _ and -');

/** One role of the fleet: launched at the start with `count` instances. */
export const roleSchema = z.strictObject({
  image: z.string(),
  type: z.string().default('m1.small'),
  count: z.int().min(0).max(MAX_INSTANCES_PER_LAUNCH).default(1),
  zone: z.string().optional(),
  group: z.string().optional(),
  groups: z.array(z.string()).optional(),
  key: z.string().optional(),
  /** Passed at launch; `${role.private_ip}` (or public_ip, private_dns, public_dns, id) is resolved then. */
  user_data: z.string().optional(),
  cpu: cpuSchema.optional(),
  /** Memory the workload dirties while it runs, e.g. 100MB/s: sets its live-migration pause (default: the maintenance section's). */
  dirty_rate: byteRatePerMs.optional(),
  /** Data written to the instance store, e.g. 2GB/h: lost when the instance dies before a backup. */
  disk_write: byteRatePerMs.optional(),
  /** Interval of backups to S3 (which survives); each completes at every multiple of it after boot. */
  backup_every: durationMs.refine((ms) => ms >= LIMITS.minBackupEveryMs, 'expected at least 1m between backups (each is stored and billed), e.g. 6h').optional(),
});

/** One line of the actions timeline: an EC2 command at a time. */
export const actionSchema = z.strictObject({
  at: durationMs,
  /** The command as written (kept for the actions log) and parsed. */
  run: z.string().transform((line, ctx) => {
    try {
      return { line: line.trim().replace(/\s+/g, ' '), command: parseEc2Command(line) };
    } catch (e) {
      if (!(e instanceof Ec2CommandError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  }),
  /** For ec2-run-instances: the role the new instances play (`@as.0`, `${as.private_ip}`). */
  as: roleName.optional(),
});

export type RoleSection = z.output<typeof roleSchema>;
export type ActionSection = z.output<typeof actionSchema>;
