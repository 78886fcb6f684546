import type { Simulation } from '../engine/index.js';
import type { Cell, Table } from '../metrics/table.js';

/** One summary metric: its CSV column and value. */
export type SummaryEntry = readonly [column: string, value: number];

/** What one replication produced. */
export interface ReplicationResult {
  /** Summary metrics in column order. */
  readonly summary: readonly SummaryEntry[];
  /** Per-replication tables (rows without the replication column; the runner adds it). */
  readonly tables: readonly Table[];
  /** Text files the run printed (console output, describe listings), by relative path. */
  readonly files: ReadonlyMap<string, string>;
  /** Events the engine executed. */
  readonly events: number;
}

/**
 * Where a component's large tables go (rows without the replication column): the runner
 * decides (a results folder being written, or memory). `put` reads `rows` once, to the end,
 * before it returns; each row may be reused by the producer once the next is asked for
 * (copy it to keep it).
 */
export interface StreamTarget {
  put(name: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): void;
}

/** How a caller follows a run (a progress display): the model only says how far its clock is. */
export interface RunObserver {
  /**
   * Called as the simulated clock advances, about 200 times over the run, with the
   * simulated time reached (ms; the duration at the last call, before the results are
   * collected). It is told nothing else, and what it does cannot change the run.
   */
  readonly onSimulated?: (simulatedMs: number, durationMs: number) => void;
}

/** A built scenario ready to run: the engine plus the model components and their observers. */
export interface World {
  readonly sim: Simulation;
  /**
   * Runs to the scenario's duration and collects the results. Call once. Tables too large to
   * hold (timeseries.csv) are streamed to `target`; without one they are collected in memory
   * and returned among `tables`. With `observer.onSimulated` the clock advances in steps of
   * 1/200 of the duration (the same events in the same order: `run({ until })` loses and
   * reorders nothing), and the observer is called after each.
   */
  run(target?: StreamTarget, observer?: RunObserver): ReplicationResult;
}

/**
 * A part of the world that reports results: each layer's builder (faults-build,
 * network-build, ...) returns one, and the world collects them in order at the end.
 */
export interface Component {
  /** Streams its large tables at the end of the run, before `summary` is asked for. */
  stream?(endMs: number, target: StreamTarget): void;
  /** Summary columns at the end of the run (`endMs`), in order. */
  summary?(endMs: number): readonly SummaryEntry[];
  /** Per-replication tables. */
  tables?(endMs: number): readonly Table[];
  /** Text files, by relative path. */
  files?(): ReadonlyMap<string, string>;
}
