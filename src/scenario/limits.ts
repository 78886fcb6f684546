import { MAX_INSTANCES_PER_LAUNCH } from '../cloud/limits.js';

/**
 * One cap per quantity, the same whether it comes from a scenario file, --set, --vary or
 * a command-line option (--replications, --seed, --workers, --shard).
 */
export const LIMITS = {
  replications: 100_000,
  seed: 2 ** 32 - 1,
  hostsPerZone: 10_000_000,
  instancesPerLaunch: MAX_INSTANCES_PER_LAUNCH,
  clients: 100_000_000,
  resolvers: 10_000_000,
  /** Worker threads of a sweep: each holds a replication's world. */
  workers: 256,
  /** Periodic work per instance: each is an engine event (or a stored backup) per period. */
  minBackupEveryMs: 60_000,
  minHealthCheckEveryMs: 1_000,
  minProbeEveryMs: 1_000,
  /** Simulated time of one replication: 100 years (of 365 days). */
  maxDurationMs: 100 * 365 * 86_400_000,
  /** Other customers taking public addresses: every take is an event. */
  maxTenantChurnPerHour: 100_000,
} as const;
