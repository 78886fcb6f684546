import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepPlan } from '../experiment/sweep-plan.js';
import { runSweepInto, type RunSweepOptions, type SweepResult, type SweepStats } from '../experiment/run-sweep.js';
import { aggregateSummary } from '../experiment/aggregate.js';
import { writeResults, type Manifest, type SweepManifest } from './results-writer.js';
import type { FolderSink } from './folder-sink.js';

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
 * What identifies a sweep in its journal: a resume must be the same sweep (same file
 * bytes, overrides, grid, seed, replications, shard and version); `command` is kept for the
 * manifest but not compared.
 */
export function sweepJournalHeader(plan: SweepPlan, ephemera: string, command: string): Record<string, unknown> {
  const { command: _c, ...manifest } = sweepFolderManifest(plan, ephemera, command);
  return { ...manifest, command };
}

/**
 * Writes a sweep's (or a shard's) results folder atomically from results in memory, as
 * `writeResults` does. Returns the files written.
 */
export function writeSweep(dir: string, result: SweepResult, ephemera: string, command: string, commit?: string): string[] {
  return writeResults(dir, result.tables, sweepFolderManifest(result.plan, ephemera, command, commit), result.files);
}

/**
 * Runs a sweep into an open results folder (opened with the journal of
 * `sweepJournalHeader`): each job is written and journalled as it finishes, in job order,
 * jobs the journal already holds are skipped (a resume), aggregate.csv is computed at
 * the end from summary.csv as written (not in a shard), and the folder is committed.
 * On failure the staging folder is kept, so `--resume` can continue it. Returns the
 * stats and the files written.
 */
export async function sweepIntoFolder(plan: SweepPlan, folder: FolderSink, ephemera: string, command: string, options: Omit<RunSweepOptions, 'done'> = {}, commit?: string): Promise<SweepStats & { readonly written: readonly string[] }> {
  if (folder.finished) {
    const m = JSON.parse(readFileSync(join(folder.places.target, 'manifest.json'), 'utf8')) as Manifest;
    return { plan, runs: 0, events: 0, written: orderWritten([...Object.keys(m.files ?? {}), 'manifest.json']) };
  }
  try {
    const stats = await runSweepInto(plan, folder, { ...options, done: new Set(folder.resumed) });
    const sharded = plan.shard !== undefined && plan.shard.count > 1;
    const summary = folder.readTable('summary');
    if (!sharded && summary !== undefined) folder.putTable(aggregateSummary(summary));
    const recorded = folder.journalHeader?.['command'];
    const written = folder.commit(sweepFolderManifest(plan, ephemera, typeof recorded === 'string' ? recorded : command, commit));
    return { ...stats, written: orderWritten(written) };
  } catch (e) {
    folder.abort(true);
    throw e;
  }
}

/** summary.csv, aggregate.csv, the other tables by name, then the rest as written. */
export function orderWritten(written: readonly string[]): string[] {
  const rank = (f: string): number => (f === 'summary.csv' ? 0 : f === 'aggregate.csv' ? 1 : !f.includes('/') && f.endsWith('.csv') ? 2 : 3);
  return [...written].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? (a < b ? -1 : a > b ? 1 : 0) : 0));
}
