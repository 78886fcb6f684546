import { appendWithLead, type ResultsSink } from '../metrics/results-sink.js';
import type { Table } from '../metrics/table.js';
import type { Scenario } from '../scenario/schema.js';
import type { StreamTarget } from '../scenario/world.js';
import { MemorySink } from './memory-sink.js';
import { replicationFilePath, runReplication, type ReplicationOutput } from './replication.js';

export interface RunScenarioOptions {
  /** Overrides the scenario's base seed. */
  readonly seed?: number;
  /** Overrides the scenario's replication count. */
  readonly replications?: number;
  /** Called after each replication (for progress display), with what it produced. */
  readonly onReplication?: (done: number, total: number, output: ReplicationOutput) => void;
  /** Called as each replication's simulated clock advances (for progress display; see RunObserver). */
  readonly onProgress?: (progress: RunProgress) => void;
}

/** How far a run has got: replication `replication` (0-based) of `replications` has simulated `simulatedMs` of `durationMs`. */
export interface RunProgress {
  readonly replication: number;
  readonly replications: number;
  readonly simulatedMs: number;
  readonly durationMs: number;
}

/** What a run reports besides its tables. */
export interface RunStats {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replications: number;
  /** Engine events over all replications. */
  readonly events: number;
}

/** Everything a run produced: `summary` first, then the other tables, each with `replication`. */
export interface RunResult extends RunStats {
  readonly tables: readonly Table[];
  /** Text files the runs printed, by relative path: `console/<replication>/<instance>.txt`, ... */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Appends what replication `output` produced to `sink`, as a run's folder lays it out:
 * a summary.csv row (`scenario, replication, seed, <metrics>`), its rows of every other
 * table with `replication` in front, and its text files under `<folder>/<replication>/`.
 * Call it in replication order (workers included) for the same bytes every time.
 */
export function appendReplication(sink: ResultsSink, scenarioName: string, output: ReplicationOutput): void {
  const r = output.replication;
  sink.append('summary', ['scenario', 'replication', 'seed', ...output.summary.map(([c]) => c)], [[scenarioName, r, output.seed, ...output.summary.map(([, v]) => v)]]);
  // In the order the run made them; lazy tables (addresses.csv) make each row as it is written.
  for (const name of output.tableOrder) {
    const lazy = output.lazyTables.find((t) => t.name === name);
    const t = lazy ?? output.tables.find((x) => x.name === name);
    if (t === undefined) continue;
    appendWithLead(sink, name, ['replication', ...t.columns], [r], lazy ?? t.rows);
  }
  for (const [path, text] of output.files) sink.file(replicationFilePath(path, r), text);
  sink.endUnit(r);
}

/**
 * Runs every replication of a scenario, one after another in this thread, and hands each
 * one's tables and files to `sink` as soon as it finishes (nothing else is kept). Replication
 * i uses `replicationSeed(seed, i)`, so replication i of two variants of a scenario shares
 * its random streams (common random numbers; see `runReplication`).
 */
export function runScenarioInto(scenario: Scenario, sink: ResultsSink, options: RunScenarioOptions = {}): RunStats {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  let events = 0;
  for (let r = 0; r < replications; r++) {
    // Large tables stream straight into the sink, with the replication in front.
    const target: StreamTarget = { put: (name, columns, rows) => appendWithLead(sink, name, ['replication', ...columns], [r], rows) };
    const onProgress = options.onProgress;
    const observer = onProgress === undefined ? undefined : {
      onSimulated: (simulatedMs: number, durationMs: number) => onProgress({ replication: r, replications, simulatedMs, durationMs }),
    };
    const output = runReplication(scenario, seed, r, { target, keepLazy: true, observer });
    events += output.events;
    appendReplication(sink, scenario.name, output);
    options.onReplication?.(r + 1, replications, output);
  }
  return { scenario, seed, replications, events };
}

/** `runScenarioInto` with the tables and files kept in memory and returned. */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunResult {
  const sink = new MemorySink();
  const stats = runScenarioInto(scenario, sink, options);
  return { ...stats, tables: sink.tables(), files: sink.files };
}
