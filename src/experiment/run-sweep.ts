import { availableParallelism } from 'node:os';
import type { Table } from '../metrics/table.js';
import { numericCell } from '../metrics/csv-read.js';
import { formatNumber } from '../metrics/number-format.js';
import { aggregateSummary } from './aggregate.js';
import { runReplication, type ReplicationOutput } from './replication.js';
import { jobOf } from './sweep-grid.js';
import type { SweepPlan } from './sweep-plan.js';
import { sweepTables, type JobOutput } from './sweep-tables.js';
import { runOnWorkers } from './worker-pool.js';
import type { WorkerRequest } from './worker-protocol.js';

/** How far a sweep has got (this shard's jobs only). */
export interface SweepProgress {
  readonly runsDone: number;
  readonly runsTotal: number;
  /** Points whose every replication (in this shard) is done. */
  readonly pointsDone: number;
  readonly pointsTotal: number;
}

export interface RunSweepOptions {
  /** Worker threads (default: the number of cores); 1 runs every job in this thread. */
  readonly workers?: number;
  /** Called after each finished job. */
  readonly onProgress?: (progress: SweepProgress) => void;
}

/** What a sweep (or one shard of it) produced. */
export interface SweepResult {
  readonly plan: SweepPlan;
  /**
   * `summary`, then `aggregate` (mean, sd and 95% CI per metric per point; left out of a
   * shard, whose merge computes it), then the other tables by name. A shard without jobs
   * has no tables.
   */
  readonly tables: readonly Table[];
  readonly files: ReadonlyMap<string, string>;
  /** Replications run, and engine events over all of them. */
  readonly runs: number;
  readonly events: number;
}

/**
 * Runs a planned sweep's jobs (this shard's, or all): every replication of every point,
 * on `workers` worker threads. Results are collected and assembled in job order, so the
 * tables are the same, byte for byte, whatever the number of workers.
 */
export async function runSweep(plan: SweepPlan, options: RunSweepOptions = {}): Promise<SweepResult> {
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const requests: WorkerRequest[] = [];
  for (let job = plan.start; job < plan.end; job++) requests.push({ job, ...jobOf(job, plan.replications) });
  const outputs: (ReplicationOutput | undefined)[] = new Array<ReplicationOutput | undefined>(requests.length);
  const left = new Map<number, number>();
  for (const r of requests) left.set(r.point, (left.get(r.point) ?? 0) + 1);
  const pointsTotal = left.size;
  let runsDone = 0;
  let pointsDone = 0;
  const finished = (job: number, output: ReplicationOutput): void => {
    outputs[job - plan.start] = output;
    runsDone++;
    const point = jobOf(job, plan.replications).point;
    const l = (left.get(point) ?? 1) - 1;
    left.set(point, l);
    if (l === 0) pointsDone++;
    options.onProgress?.({ runsDone, runsTotal: requests.length, pointsDone, pointsTotal });
  };
  if (workers === 1 || requests.length <= 1) {
    for (const r of requests) finished(r.job, runReplication(plan.points[r.point]!.scenario, plan.seed, r.replication));
  } else {
    await runOnWorkers({ file: plan.file, hash: plan.hash, sets: plan.points.map((p) => p.set), seed: plan.seed }, requests, workers, finished);
  }
  const jobs: JobOutput[] = requests.map((r, i) => ({ job: r.job, point: r.point, output: outputs[i]! }));
  const { tables, files } = sweepTables(plan, jobs);
  const [summary, ...others] = tables;
  const events = jobs.reduce((s, j) => s + j.output.events, 0);
  if (summary === undefined || requests.length === 0) return { plan, tables: [], files, runs: 0, events };
  const sharded = plan.shard !== undefined && plan.shard.count > 1;
  const withAggregate = sharded ? [summary] : [summary, aggregateOf(summary)];
  return { plan, tables: [...withAggregate, ...others], files, runs: requests.length, events };
}

/**
 * aggregate.csv from the summary as written (numbers to 12 significant digits), so that
 * `merge` of shard folders computes the very same bytes.
 */
export function aggregateOf(summary: Table): Table {
  // Each number as the CSV shows it, read back: what a merge of shard folders will read.
  const asWritten = summary.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? numericCell(formatNumber(cell)) ?? null : cell)));
  return aggregateSummary({ name: summary.name, columns: summary.columns, rows: asWritten });
}
