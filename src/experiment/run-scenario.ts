import { LazyTable, TableBuilder, type Table } from '../metrics/table.js';
import type { Scenario } from '../scenario/schema.js';
import { replicationFilePath, runReplication } from './replication.js';

export interface RunScenarioOptions {
  /** Overrides the scenario's base seed. */
  readonly seed?: number;
  /** Overrides the scenario's replication count. */
  readonly replications?: number;
  /** Called after each replication (for progress display). */
  readonly onReplication?: (done: number, total: number) => void;
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
  /** Tables that make their rows on demand, kept so across replications. */
  const lazy = new Map<string, { columns: readonly string[]; parts: { replication: number; table: LazyTable }[] }>();
  const order: string[] = [];
  const files = new Map<string, string>();
  let events = 0;
  for (let r = 0; r < replications; r++) {
    const result = runReplication(scenario, seed, r, { keepLazy: true });
    events += result.events;
    summary ??= new TableBuilder('summary', ['scenario', 'replication', 'seed', ...result.summary.map(([c]) => c)]);
    summary.add([scenario.name, r, result.seed, ...result.summary.map(([, v]) => v)]);
    for (const name of result.tableOrder) if (!order.includes(name)) order.push(name);
    for (const t of result.lazyTables) {
      let l = lazy.get(t.name);
      if (l === undefined) {
        l = { columns: t.columns, parts: [] };
        lazy.set(t.name, l);
      }
      l.parts.push({ replication: r, table: t });
    }
    for (const t of result.tables) {
      let out = tables.get(t.name);
      if (out === undefined) {
        out = new TableBuilder(t.name, ['replication', ...t.columns]);
        tables.set(t.name, out);
      }
      // The replication's rows are not used again: prefix them in place rather than copy a million of them.
      for (const row of t.rows) {
        row.unshift(r);
        out.add(row);
      }
    }
    for (const [path, text] of result.files) files.set(replicationFilePath(path, r), text);
    options.onReplication?.(r + 1, replications);
  }
  const merged: Table[] = order.map((name) => tables.get(name) ?? LazyTable.concat(name, lazy.get(name)!.columns, lazy.get(name)!.parts));
  return { scenario, seed, replications, tables: [summary!, ...merged], files, events };
}
