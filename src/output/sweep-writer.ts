import type { SweepPlan } from '../experiment/sweep-plan.js';
import type { SweepResult } from '../experiment/run-sweep.js';
import { writeResults, type Manifest, type SweepManifest } from './results-writer.js';

/** The documented numbering of a sweep's points and jobs (recorded in manifest.json). */
export const SWEEP_ORDER = 'points: cartesian product, first --vary outermost (the last changes fastest); jobs: point * replications + replication';

/** The `sweep` section of manifest.json for a plan. */
export function sweepManifest(plan: SweepPlan): SweepManifest {
  const base: SweepManifest = {
    order: SWEEP_ORDER,
    vary: plan.varies.map((v) => ({ path: v.path, values: v.values })),
    points: plan.points.map((p) => ({ point: p.index, values: Object.fromEntries(plan.varies.map((v, i) => [v.path, p.values[i]!])) })),
    jobs: plan.jobs,
  };
  const s = plan.shard;
  return s === undefined ? base : { ...base, shard: { index: s.index, count: s.count, first_job: plan.start, end_job: plan.end } };
}

/** The whole manifest.json of a sweep; `commit` as `Manifest.commit` (omitted when undefined). */
export function sweepFolderManifest(plan: SweepPlan, ephemera: string, command: string, commit?: string): Manifest {
  const durations = new Set(plan.points.map((p) => p.scenario.duration));
  const [duration] = durations;
  return {
    ephemera,
    ...(commit !== undefined ? { commit } : {}),
    scenario: plan.name,
    scenario_file: plan.file,
    scenario_sha256: plan.hash,
    seed: plan.seed,
    replications: plan.replications,
    ...(durations.size === 1 && duration !== undefined ? { duration_s: duration / 1000 } : {}),
    overrides: plan.set,
    command,
    sweep: sweepManifest(plan),
  };
}

/**
 * Writes a sweep's (or a shard's) results folder atomically, as `writeResults` does:
 * summary.csv, aggregate.csv (not in a shard), the other tables, the text files and
 * manifest.json. Returns the files written.
 */
export function writeSweep(dir: string, result: SweepResult, ephemera: string, command: string, commit?: string): string[] {
  return writeResults(dir, result.tables, sweepFolderManifest(result.plan, ephemera, command, commit), result.files);
}
