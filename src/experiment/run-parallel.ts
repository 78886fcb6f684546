import { availableParallelism } from 'node:os';
import type { ResultsSink } from '../metrics/results-sink.js';
import type { Scenario } from '../scenario/schema.js';
import { MemorySink } from './memory-sink.js';
import { replicationFilePath } from './replication.js';
import { runScenarioInto, type RunResult, type RunScenarioOptions, type RunStats } from './run-scenario.js';
import { appendParts, sinkTakesEncoded } from './worker-job.js';
import { runOnWorkers } from './worker-pool.js';
import type { WorkerOutput, WorkerRequest, WorkerSetup } from './worker-protocol.js';

/** What a finished replication reports to the caller, whichever process ran it. */
export interface ReplicationSummary {
  readonly replication: number;
  readonly seed: number;
  /** Summary metrics in column order. */
  readonly summary: readonly (readonly [string, number])[];
  readonly events: number;
}

export interface RunParallelOptions extends Omit<RunScenarioOptions, 'onReplication'> {
  /**
   * Worker processes (default: the number of cores). With 1, or a single replication, the
   * replications run in this thread, one after another (`runScenarioInto`: no worker
   * start-up, and `onProgress` follows each one's simulated clock); on workers, only
   * finished replications are reported (`onProgress` is not called).
   */
  readonly workers?: number;
  /** On workers: called as each replication finishes (in any order), with how many have. */
  readonly onFinished?: (finished: number, total: number) => void;
  /** Called as each replication is appended to the sink (in replication order), with its summary. */
  readonly onReplication?: (done: number, total: number, output: ReplicationSummary) => void;
}

/** Whether `runScenarioParallelInto` would use worker processes for these options. */
export function runsOnWorkers(scenario: Scenario, options: Pick<RunParallelOptions, 'workers' | 'replications'> = {}): boolean {
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  return workers > 1 && (options.replications ?? scenario.replications) > 1;
}

/** Appends a replication a worker ran, as `appendReplication` lays it out: streamed tables, summary row, other tables, files. */
function appendWorkerReplication(sink: ResultsSink, scenarioName: string, o: WorkerOutput): void {
  appendParts(sink, o.streamed);
  sink.append('summary', ['scenario', 'replication', 'seed', ...o.summary.map(([c]) => c)], [[scenarioName, o.replication, o.seed, ...o.summary.map(([, v]) => v)]]);
  appendParts(sink, o.tables);
  for (const [path, text] of o.files) sink.file(replicationFilePath(path, o.replication), text);
  sink.endUnit(o.replication);
}

/**
 * Runs every replication of a scenario on `workers` worker processes (see
 * RunParallelOptions.workers) and hands each to `sink` strictly in replication order, so
 * the sink receives the same parts, and a folder the same bytes, as `runScenarioInto`
 * whatever the number of workers. A replication that finishes before an earlier one waits
 * in memory; workers run at most 2 × workers replications past the earliest unfinished
 * one. For a results folder (a sink with `appendEncoded`) the workers format the CSV
 * records themselves. An error in a replication rejects with that error (its class and
 * message), after stopping the workers.
 */
export async function runScenarioParallelInto(scenario: Scenario, sink: ResultsSink, options: RunParallelOptions = {}): Promise<RunStats> {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  if (!runsOnWorkers(scenario, options)) {
    const { workers: _w, onFinished: _f, ...inThread } = options;
    return runScenarioInto(scenario, sink, inThread);
  }
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const setup: WorkerSetup = { scenarios: [scenario], seed, leadColumns: ['replication'], pointLeads: [[]], encode: sinkTakesEncoded(sink), stream: true };
  const requests: WorkerRequest[] = Array.from({ length: replications }, (_, r) => ({ job: r, point: 0, replication: r }));
  const waiting = new Map<number, WorkerOutput>();
  let next = 0;
  let events = 0;
  let finished = 0;
  await runOnWorkers(setup, requests, workers, (job, output) => {
    waiting.set(job, output);
    options.onFinished?.(++finished, replications);
    for (let o = waiting.get(next); o !== undefined; o = waiting.get(next)) {
      waiting.delete(next);
      appendWorkerReplication(sink, scenario.name, o);
      events += o.events;
      next++;
      options.onReplication?.(next, replications, o);
    }
  }, workers * 2);
  return { scenario, seed, replications, events };
}

/** `runScenarioParallelInto` with the tables and files kept in memory and returned (as `runScenario`). */
export async function runScenarioParallel(scenario: Scenario, options: RunParallelOptions = {}): Promise<RunResult> {
  const sink = new MemorySink();
  const stats = await runScenarioParallelInto(scenario, sink, options);
  return { ...stats, tables: sink.tables(), files: sink.files };
}
