import * as z from 'zod';
import { PLACEMENT_POLICY_NAMES } from '../cloud/placement/policy.js';
import { durationDistribution } from './distribution-schema.js';
import { networkSchema } from './network-schema.js';
import { LIMITS } from './limits.js';
import { byteRatePerMs, durationMs, sizeBytes } from './unit-schemas.js';

const MIB = 1024 * 1024;
const GB = 1_000_000_000;

/** Zone names as EC2 writes them (`us-east-1a`), or any short identifier. */
export const zoneName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a zone name of lower-case letters, digits and dashes, e.g. us-east-1a');

/** One availability zone: how many hosts of which type, in how many racks (default: 40 hosts a rack). */
export const zoneSchema = z.strictObject({
  hosts: z.int().min(1).max(LIMITS.hostsPerZone),
  racks: z.int().min(1).optional(),
  host_type: z.string().default('xen-2008'),
});

/** Memory as a size, kept in MiB (write EC2's "1.7 GB" as 1.7GiB). */
const memoryMb = sizeBytes.transform((b) => Math.round(b / MIB)).refine((mb) => mb > 0, 'expected a memory size > 0, e.g. 1.7GiB');
/** Disk as a size, kept in decimal GB. */
const storageGb = sizeBytes.transform((b) => Math.round(b / GB));

/** A host type added to or overriding the built-in catalog (`xen-2008`). */
export const hostTypeSchema = z.strictObject({
  cores: z.int().min(1),
  ecu_per_core: z.number().positive(),
  memory: memoryMb,
  storage: storageGb,
  dom0_memory: sizeBytes.transform((b) => Math.round(b / MIB)).default(1024),
  dom0_ecu: z.number().min(0).default(1),
  cpu_overcommit: z.number().min(1).default(1),
});

/** An instance type added to or overriding the 2008 catalog (m1.small, m1.large, m1.xlarge). */
export const instanceTypeSchema = z.strictObject({
  memory: memoryMb,
  ecu: z.number().positive(),
  cores: z.int().min(1),
  storage: storageGb,
  arch: z.enum(['i386', 'x86_64']),
});

/** The `cloud:` section. */
export const cloudSchema = z.strictObject({
  zones: z.record(zoneName, zoneSchema).refine((zones) => Object.keys(zones).length > 0, 'expected at least one zone'),
  placement: z.enum(PLACEMENT_POLICY_NAMES).default('first-fit'),
  host_types: z.record(z.string(), hostTypeSchema).default({}),
  instance_types: z.record(z.string(), instanceTypeSchema).default({}),
  boot: z.strictObject({
    /** Image fetch rate from S3 to the host. */
    s3_bandwidth: byteRatePerMs.refine((r) => r > 0, 'expected a rate > 0, e.g. 10MB/s').default(10_000 /* 10 MB/s */),
    /** Kernel and init time after the fetch. */
    kernel: durationDistribution.default({ kind: 'lognormal', median: 40_000, sigma: 0.25 }),
  }).default({ s3_bandwidth: 10_000, kernel: { kind: 'lognormal', median: 40_000, sigma: 0.25 } }),
  /** Time from ec2-terminate-instances to `terminated`. */
  shutdown: durationMs.default(10_000),
  network: networkSchema.prefault({}),
});

/** An AMI the scenario declares (besides the built-in public ones). */
export const imageSchema = z.strictObject({
  name: z.string(),
  arch: z.enum(['i386', 'x86_64']),
  size: sizeBytes.refine((b) => b > 0, 'expected an image size > 0, e.g. 1.5GB'),
  visibility: z.enum(['public', 'private']).default('private'),
  kernel_boot: durationDistribution.optional(),
  /** The image has logins of its own (built-in users or SSH keys): root can log in without a key pair. */
  own_login: z.boolean().default(false),
});

export const imageId = z.string().regex(/^ami-[0-9a-f]{8}$/, 'expected an AMI id like ami-f937d290');

export type CloudSection = z.output<typeof cloudSchema>;
