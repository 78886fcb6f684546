import type { Cell } from '../metrics/table.js';
import type { Scenario } from '../scenario/schema.js';
import type { SerializedError } from './worker-error.js';

/**
 * What a worker is started with (its first message), sent once per worker: the
 * scenarios themselves (plain data, as validated in the main thread), so a worker neither
 * reads nor parses a file, and how to lay out the tables it sends back.
 */
export interface WorkerSetup {
  /** The scenario of each point (a run has one point). */
  readonly scenarios: readonly Scenario[];
  readonly seed: number;
  /** Columns put in front of every table but the summary: `['replication']` for a run, `['point', <varied paths>, 'replication']` for a sweep. */
  readonly leadColumns: readonly string[];
  /** Each point's cells of `leadColumns` before the replication (none for a run). */
  readonly pointLeads: readonly (readonly Cell[])[];
  /** Format the tables as CSV records in the worker (for a sink with `appendEncoded`), else send the rows. */
  readonly encode: boolean;
  /**
   * Keep the large tables the run streams (timeseries.csv) apart, in `streamed`, as a run's
   * folder receives them before the summary row; else they are among `tables`, as a sweep
   * lays them out.
   */
  readonly stream: boolean;
}

/** What the main process sends a worker: its setup (first, once), then jobs. */
export type WorkerMessage = { readonly setup: WorkerSetup } | { readonly request: WorkerRequest };

/** One job sent to a worker. */
export interface WorkerRequest {
  readonly job: number;
  readonly point: number;
  readonly replication: number;
}

/** One table of one replication as a worker sends it, the lead columns in front: CSV records, or rows. */
export type TablePart =
  | { readonly name: string; readonly columns: readonly string[]; readonly body: Uint8Array; readonly rows: number }
  | { readonly name: string; readonly columns: readonly string[]; readonly cells: readonly (readonly Cell[])[] };

/** What a worker sends back for one replication (plain data and transferable bytes). */
export interface WorkerOutput {
  readonly replication: number;
  /** The replication's seed, `replicationSeed(base, replication)`. */
  readonly seed: number;
  /** Summary metrics in column order. */
  readonly summary: readonly (readonly [string, number])[];
  /** Tables the run streamed, in the order it streamed them (empty unless `WorkerSetup.stream`). */
  readonly streamed: readonly TablePart[];
  /** The other tables, in the order the run made them. */
  readonly tables: readonly TablePart[];
  /** Text files the run printed, by relative path (`console/<instance>.txt`, ...). */
  readonly files: ReadonlyMap<string, string>;
  /** Engine events. */
  readonly events: number;
}

/** A worker's answer: the replication's output, or the error it threw. */
export type WorkerResponse =
  | { readonly job: number; readonly output: WorkerOutput }
  | { readonly job: number; readonly error: SerializedError };
