import type { Cell, Table } from '../metrics/table.js';
import { ResultsError } from './results-error.js';

/**
 * Where things are in a summary table: `scenario, replication, seed, <metrics>` for a run,
 * `scenario, point, <varied parameters>, replication, seed, <metrics>` for a sweep.
 */
export interface SummaryLayout {
  /** Index of the `point` column; undefined for a run. */
  readonly point: number | undefined;
  /** The varied parameters' columns (by path, e.g. `dns.records.1.ttl`) and their indices. */
  readonly varied: readonly string[];
  readonly variedIndex: readonly number[];
  readonly replication: number;
  readonly seed: number | undefined;
  /** Metric columns (everything after `seed`, or after `replication` without one) and their indices. */
  readonly metrics: readonly string[];
  readonly metricIndex: readonly number[];
}

/** Reads the layout from a summary table's columns; throws ResultsError without `replication`. */
export function summaryLayout(table: Table): SummaryLayout {
  const cols = table.columns;
  const replication = cols.indexOf('replication');
  if (replication < 0) throw new ResultsError(`${table.name}.csv has no replication column`);
  const p = cols.indexOf('point');
  const point = p >= 0 && p < replication ? p : undefined;
  const variedIndex = point === undefined ? [] : range(point + 1, replication);
  const s = cols.indexOf('seed');
  const seed = s > replication ? s : undefined;
  const metricIndex = range((seed ?? replication) + 1, cols.length);
  return {
    point,
    varied: variedIndex.map((i) => cols[i]!),
    variedIndex,
    replication,
    seed,
    metrics: metricIndex.map((i) => cols[i]!),
    metricIndex,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The rows of one point of a summary table (a run is one point). */
export interface PointGroup {
  /** The point's index cell (null for a run) and its varied parameters' values. */
  readonly point: Cell;
  readonly values: readonly Cell[];
  readonly rows: readonly Cell[][];
}

/** Splits a summary's rows by point, in order of first appearance. */
export function groupByPoint(table: Table, layout: SummaryLayout): PointGroup[] {
  const groups = new Map<string, { point: Cell; values: Cell[]; rows: Cell[][] }>();
  for (const row of table.rows) {
    const point = layout.point === undefined ? null : row[layout.point] ?? null;
    const key = String(point);
    let g = groups.get(key);
    if (g === undefined) {
      g = { point, values: layout.variedIndex.map((i) => row[i] ?? null), rows: [] };
      groups.set(key, g);
    }
    g.rows.push(row);
  }
  return [...groups.values()];
}
