import type { Instance } from '../cloud/instance.js';

/** Bytes in the GB that `data_lost_gb` counts: decimal, 10^9 (as EC2 sizes its disks). */
export const BYTES_PER_GB = 1e9;

/**
 * Instance-store data an instance loses when it dies at `atMs`: what it wrote since its
 * last completed backup to S3. Writes go at the role's constant `disk_write` rate from the
 * moment it first ran; backups complete at running + k × `backup_every` (k = 1, 2, ...).
 * Without `backup_every` everything written is lost; an instance that never ran (killed
 * while pending) or writes nothing loses nothing. Analytical: no per-backup events. Bytes.
 */
export function dataLostBytes(inst: Instance, atMs: number): number {
  const rate = inst.spec.diskWriteBytesPerMs;
  if (rate === undefined || rate === 0 || inst.runningMs === undefined) return 0;
  const writtenMs = Math.max(0, atMs - inst.runningMs);
  const every = inst.spec.backupEveryMs;
  return rate * (every === undefined ? writtenMs : writtenMs % every);
}
