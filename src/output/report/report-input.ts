import type { TopLevelSpec } from 'vega-lite';
import type { Cell, Table } from '../../metrics/table.js';
import { numericCell } from '../../metrics/csv-read.js';

/** A results folder's contents, as the report reads them. */
export interface ReportInput {
  readonly manifest: Readonly<Record<string, unknown>> | undefined;
  readonly tables: ReadonlyMap<string, Table>;
}

/** A plot and the table shown beside it. */
export interface PlotContent {
  readonly spec: TopLevelSpec;
  readonly side: Table;
  readonly caption: string;
}

/** One plot of the report. */
export interface PlotSection {
  /** The figure's id in the page, e.g. `incident-timeline`. */
  readonly id: string;
  readonly title: string;
  /** The CSV files it reads, e.g. `incidents.csv`. */
  readonly needs: readonly string[];
  /** The Vega mark types the plot draws (`rect`, `line`, `symbol`, `rule`, `text`), for checks. */
  readonly marks: readonly string[];
  /** The plot, or why it cannot be drawn from this folder. */
  build(input: ReportInput): PlotContent | string;
}

/** A table's column by name: a function from row to number (undefined when empty or text). */
export function numberAt(table: Table, column: string): (row: readonly Cell[]) => number | undefined {
  const j = table.columns.indexOf(column);
  return (row) => (j < 0 ? undefined : numericCell(row[j]));
}

/** A table's column by name: a function from row to its text ('' when empty). */
export function textAt(table: Table, column: string): (row: readonly Cell[]) => string {
  const j = table.columns.indexOf(column);
  return (row) => (j < 0 ? '' : String(row[j] ?? ''));
}

/**
 * The varied columns of a sweep table (after `point`, up to `replication` or `metric`) and
 * a label for each row's point: its values (`30s`; `30s, 2` for two varied parameters;
 * `point 3` without varied columns); '' for a run. `title` names the varied columns.
 */
export function pointLabeller(table: Table): { readonly sweep: boolean; readonly title: string; label(row: readonly Cell[]): string; point(row: readonly Cell[]): number } {
  const p = table.columns.indexOf('point');
  if (p < 0) return { sweep: false, title: '', label: () => '', point: () => 0 };
  const stop = table.columns.findIndex((c, i) => i > p && (c === 'replication' || c === 'metric'));
  const varied = table.columns.slice(p + 1, stop < 0 ? p + 1 : stop).map((c, i) => [c, p + 1 + i] as const);
  return {
    sweep: true,
    title: varied.length === 0 ? 'point' : varied.map(([c]) => c).join(', '),
    label: (row) => (varied.length === 0 ? `point ${String(row[p])}` : varied.map(([, j]) => String(row[j] ?? '')).join(', ')),
    point: (row) => numericCell(row[p]) ?? 0,
  };
}

/** The leading columns that name a row's point and replication, as far as the table has them. */
export function keyColumns(table: Table): string[] {
  const p = table.columns.indexOf('point');
  const r = table.columns.indexOf('replication');
  if (p < 0) return r < 0 ? [] : ['replication'];
  return table.columns.slice(p, r < 0 ? p + 1 : r + 1);
}

/** Rows of the first replication of the first point: what a timeline plot shows. */
export function firstRun(table: Table): Cell[][] {
  const rep = numberAt(table, 'replication');
  const pt = numberAt(table, 'point');
  const rows = table.rows;
  if (rows.length === 0) return [];
  const r0 = rep(rows[0]!);
  const p0 = pt(rows[0]!);
  return rows.filter((r) => rep(r) === r0 && pt(r) === p0);
}

/** A time axis unit suited to a span of `maxSeconds`: seconds, minutes, hours or days. */
export function timeUnit(maxSeconds: number): { readonly name: string; readonly seconds: number } {
  if (maxSeconds >= 3 * 86_400) return { name: 'd', seconds: 86_400 };
  if (maxSeconds >= 3 * 3600) return { name: 'h', seconds: 3600 };
  if (maxSeconds >= 3 * 60) return { name: 'min', seconds: 60 };
  return { name: 's', seconds: 1 };
}
