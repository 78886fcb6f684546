import { availableParallelism } from 'node:os';
import type { ResultsSink } from '../metrics/results-sink.js';
import type { Table } from '../metrics/table.js';
import { numericCell } from '../metrics/csv-read.js';
import { formatNumber } from '../metrics/number-format.js';
import { aggregateSummary } from './aggregate.js';
import { MemorySink } from './memory-sink.js';
import { runReplication, type ReplicationOutput } from './replication.js';
import { jobOf } from './sweep-grid.js';
import type { SweepPlan } from './sweep-plan.js';
import { appendJob, sweepLeads } from './sweep-tables.js';
import { sinkTakesEncoded } from './worker-job.js';
import { runOnWorkers } from './worker-pool.js';
import type { WorkerOutput, WorkerRequest } from './worker-protocol.js';

/** How far a sweep has got (this shard's jobs only; jobs finished before a resume included). */
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
  /**
   * Jobs already done (a resumed sweep's journal): they are not run again. They must be
   * the first jobs of the slice, since jobs reach the sink in job order.
   */
  readonly done?: ReadonlySet<number>;
}

/** What a sweep (or one shard of it) reports besides its tables. */
export interface SweepStats {
  readonly plan: SweepPlan;
  /** Replications run now (a resume's earlier ones not counted), and their engine events. */
  readonly runs: number;
  readonly events: number;
}

/** What a sweep produced, in memory. */
export interface SweepResult extends SweepStats {
  /**
   * `summary`, then `aggregate` (mean, sd and 95% CI per metric per point; left out of a
   * shard, whose merge computes it), then the other tables by name.
   */
  readonly tables: readonly Table[];
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Runs a planned sweep's jobs (this shard's, or all, less `done`) on `workers` worker
 * threads and hands each finished job to `sink` in job order (a job that finishes early
 * waits, in memory, for the ones before it; workers are kept at most 2 × workers jobs
 * ahead),
 * so the sink receives the same parts whatever the number of workers.
 */
export async function runSweepInto(plan: SweepPlan, sink: ResultsSink, options: RunSweepOptions = {}): Promise<SweepStats> {
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const done = options.done ?? new Set<number>();
  const requests: WorkerRequest[] = [];
  const left = new Map<number, number>();
  for (let job = plan.start; job < plan.end; job++) {
    const { point } = jobOf(job, plan.replications);
    if (!done.has(job)) {
      requests.push({ job, ...jobOf(job, plan.replications) });
      left.set(point, (left.get(point) ?? 0) + 1);
    } else if (!left.has(point)) left.set(point, 0);
  }
  for (let job = plan.start; job < plan.start + done.size; job++) {
    if (!done.has(job)) throw new Error(`the jobs already done must come first: job ${job} is missing`);
  }
  const pointsTotal = left.size;
  const runsTotal = plan.end - plan.start;
  let runsDone = done.size;
  let pointsDone = [...left.values()].filter((l) => l === 0).length;
  let events = 0;
  const waiting = new Map<number, ReplicationOutput | WorkerOutput>();
  let next = plan.start + done.size;
  const finished = (job: number, output: ReplicationOutput | WorkerOutput): void => {
    waiting.set(job, output);
    for (let o = waiting.get(next); o !== undefined; o = waiting.get(next)) {
      waiting.delete(next);
      appendJob(sink, plan, next, jobOf(next, plan.replications).point, o);
      events += o.events;
      next++;
    }
    runsDone++;
    const point = jobOf(job, plan.replications).point;
    const l = (left.get(point) ?? 1) - 1;
    left.set(point, l);
    if (l === 0) pointsDone++;
    options.onProgress?.({ runsDone, runsTotal, pointsDone, pointsTotal });
  };
  if (workers === 1 || requests.length <= 1) {
    for (const r of requests) finished(r.job, runReplication(plan.points[r.point]!.scenario, plan.seed, r.replication));
  } else {
    // Scenarios sent once per worker; tables formatted there when the sink takes CSV bytes.
    const setup = { scenarios: plan.points.map((p) => p.scenario), seed: plan.seed, ...sweepLeads(plan), encode: sinkTakesEncoded(sink), stream: false };
    await runOnWorkers(setup, requests, workers, finished, workers * 2);
  }
  return { plan, runs: requests.length, events };
}

/**
 * Runs a planned sweep's jobs and returns the tables in memory (see `runSweepInto`), with
 * aggregate.csv unless the plan is a shard of several.
 */
export async function runSweep(plan: SweepPlan, options: RunSweepOptions = {}): Promise<SweepResult> {
  const sink = new MemorySink();
  const stats = await runSweepInto(plan, sink, options);
  const [summary, ...others] = sink.tables();
  if (summary === undefined) return { ...stats, tables: [], files: sink.files };
  others.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sharded = plan.shard !== undefined && plan.shard.count > 1;
  return { ...stats, tables: sharded ? [summary, ...others] : [summary, aggregateOf(summary), ...others], files: sink.files };
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
