import { replicationSeed } from '../engine/index.js';
import { LazyTable, type Cell, type Table } from '../metrics/table.js';
import { build } from '../scenario/build.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunObserver, StreamTarget } from '../scenario/world.js';

/** One table of one replication, as plain data (it crosses worker boundaries by structured clone). */
export interface PlainTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Cell[][];
}

/** What one replication produced, as plain data: safe to send from a worker process. */
export interface ReplicationOutput {
  /** The replication index (0-based) and its own seed, `replicationSeed(base, index)`. */
  readonly replication: number;
  readonly seed: number;
  /** Summary metrics in column order. */
  readonly summary: readonly (readonly [string, number])[];
  /** Per-replication tables, rows without the replication column. */
  readonly tables: readonly PlainTable[];
  /** Tables that make their rows on demand (large ones), kept lazy in this thread (`runReplication` lists them in `tables` too when asked for plain data). */
  readonly lazyTables: readonly LazyTable[];
  /** Every table's name, in the order the run produced them. */
  readonly tableOrder: readonly string[];
  /** Text files the run printed, by relative path (`console/<instance>.txt`, ...). */
  readonly files: ReadonlyMap<string, string>;
  /** Events the engine executed. */
  readonly events: number;
}

/**
 * Runs replication `index` of `scenario` with base seed `baseSeed`. The replication's seed
 * is `replicationSeed(baseSeed, index)`, whatever else varies: replication i of two variants
 * of a scenario draws from the same random streams (common random numbers). Tables too
 * large to hold (timeseries.csv) go to `target` as they are made; without one they are
 * among the output's tables. `observer` hears how far the simulated clock has got (for a
 * progress display; it changes nothing).
 */
export function runReplication(scenario: Scenario, baseSeed: number, index: number, options: { readonly keepLazy?: boolean; readonly target?: StreamTarget; readonly observer?: RunObserver | undefined } = {}): ReplicationOutput {
  const seed = replicationSeed(baseSeed, index);
  const r = build(scenario, seed).run(options.target, options.observer);
  const keep = options.keepLazy === true;
  const lazyTables = keep ? r.tables.filter((t): t is LazyTable => t instanceof LazyTable) : [];
  return {
    replication: index,
    seed,
    summary: r.summary.map(([c, v]) => [c, v] as const),
    tables: r.tables.filter((t) => !(keep && t instanceof LazyTable)).map((t: Table) => ({ name: t.name, columns: [...t.columns], rows: t.rows })),
    lazyTables,
    tableOrder: r.tables.map((t) => t.name),
    files: new Map(r.files),
    events: r.events,
  };
}

/**
 * Where a replication's file goes in a results folder: `console/i-1.txt` of replication 3
 * becomes `console/3/i-1.txt`; `prefix` adds more levels (a sweep's point:
 * `console/<point>/<replication>/i-1.txt`).
 */
export function replicationFilePath(path: string, ...levels: readonly (string | number)[]): string {
  const slash = path.indexOf('/');
  const mid = levels.join('/');
  return slash < 0 ? `${mid}/${path}` : `${path.slice(0, slash)}/${mid}/${path.slice(slash + 1)}`;
}
