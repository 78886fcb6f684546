import { TableBuilder, type Table } from '../metrics/table.js';
import type { Scenario } from '../scenario/schema.js';
import { replicationFilePath, runReplication } from './replication.js';

export interface RunScenarioOptions {
  /** Overrides the scenario's base seed. */
  readonly seed?: number;
  /** Overrides the scenario's replication count. */
  readonly replications?: number;
  /** Called after each replication (for progress display). */
  readonly onReplication?: (done: number, total: number) => void;
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

/** Everything a run produced: `summary` first, then the other tables, each with `replication`. */
export interface RunResult {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replications: number;
  readonly tables: readonly Table[];
  /** Text files the runs printed, by relative path: `console/<replication>/<instance>.txt`, ... */
  readonly files: ReadonlyMap<string, string>;
  /** Engine events over all replications. */
  readonly events: number;
}

/**
 * Runs every replication of a scenario, one after another in this thread. Replication i
 * uses `replicationSeed(seed, i)`, so replication i of two variants of a scenario shares
 * its random streams (common random numbers; see `runReplication`).
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  let summary: TableBuilder | undefined;
  const tables = new Map<string, TableBuilder>();
  const files = new Map<string, string>();
  let events = 0;
  for (let r = 0; r < replications; r++) {
    const onProgress = options.onProgress;
    const result = runReplication(scenario, seed, r, onProgress === undefined ? undefined : {
      onSimulated: (simulatedMs, durationMs) => onProgress({ replication: r, replications, simulatedMs, durationMs }),
    });
    events += result.events;
    summary ??= new TableBuilder('summary', ['scenario', 'replication', 'seed', ...result.summary.map(([c]) => c)]);
    summary.add([scenario.name, r, result.seed, ...result.summary.map(([, v]) => v)]);
    for (const t of result.tables) {
      let out = tables.get(t.name);
      if (out === undefined) {
        out = new TableBuilder(t.name, ['replication', ...t.columns]);
        tables.set(t.name, out);
      }
      for (const row of t.rows) out.add([r, ...row]);
    }
    for (const [path, text] of result.files) files.set(replicationFilePath(path, r), text);
    options.onReplication?.(r + 1, replications);
  }
  return { scenario, seed, replications, tables: [summary!, ...tables.values()], files, events };
}
