import type { TopLevelSpec } from 'vega-lite';
import type { Cell, Table } from '../../metrics/table.js';
import { numericCell } from '../../metrics/csv-read.js';
import { numericParameter, type NumericParameter } from './axes.js';
import type { TimeseriesDigest } from './timeseries-digest.js';

/** A results folder's contents, as the report reads them. */
export interface ReportInput {
  readonly manifest: Readonly<Record<string, unknown>> | undefined;
  /** Every table but timeseries.csv when it was digested while read (it can be too large to hold). */
  readonly tables: ReadonlyMap<string, Table>;
  /** timeseries.csv averaged over replications, per point and time bucket (see digestTimeseries). */
  readonly timeseries?: TimeseriesDigest | undefined;
}

/** A plot and the table shown beside it. */
export interface PlotContent {
  readonly spec: TopLevelSpec;
  /** The Vega mark types the plot draws (`rect`, `line`, `symbol`, `rule`, `text`, `area`), each at least once: the browser test checks them. */
  readonly marks: readonly string[];
  readonly side: Table;
  readonly caption: string;
}

/**
 * One plot of the report: a file of its own under plots/, listed once in plots.ts. It reads
 * the tables it needs from the folder and returns its Vega-Lite spec, the table beside it
 * and a caption, or why it cannot be drawn from this folder.
 */
export interface PlotSection {
  /** The figure's id in the page and its SVG file's name, e.g. `incident-phases`. */
  readonly id: string;
  readonly title: string;
  /** The CSV files it reads, e.g. `incidents.csv`. */
  readonly needs: readonly string[];
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

/** A time axis unit suited to a span of `maxSeconds`: seconds, minutes, hours or days. */
export function timeUnit(maxSeconds: number): { readonly name: string; readonly seconds: number } {
  if (maxSeconds >= 3 * 86_400) return { name: 'd', seconds: 86_400 };
  if (maxSeconds >= 3 * 3600) return { name: 'h', seconds: 3600 };
  if (maxSeconds >= 3 * 60) return { name: 'min', seconds: 60 };
  return { name: 's', seconds: 1 };
}

/** A sweep's points as a plot shows them: in order, with their labels, on a numeric axis when the one varied parameter is a number, a duration or a size. */
export interface SweepPoints {
  readonly sweep: boolean;
  /** The varied columns' names, joined: the axis or legend title. */
  readonly title: string;
  /** Point index -> label, in point order. */
  readonly labels: ReadonlyMap<number, string>;
  /** With one varied parameter that reads as numbers: each point's value. */
  readonly numeric: (NumericParameter & { readonly at: ReadonlyMap<number, number> }) | undefined;
}

/** The points of a sweep table (`aggregate.csv`, `summary.csv`, ...), their labels and, when it has one, their numeric axis. */
export function sweepPoints(table: Table): SweepPoints {
  const labeller = pointLabeller(table);
  const labels = new Map<number, string>();
  for (const r of table.rows) if (!labels.has(labeller.point(r))) labels.set(labeller.point(r), labeller.label(r));
  const sorted = new Map([...labels].sort((a, b) => a[0] - b[0]));
  const p = table.columns.indexOf('point');
  const stop = table.columns.findIndex((c, i) => i > p && (c === 'replication' || c === 'metric'));
  const varied = p < 0 ? 0 : (stop < 0 ? p + 1 : stop) - p - 1;
  const num = labeller.sweep && varied === 1 ? numericParameter([...sorted.values()]) : undefined;
  const at = new Map<number, number>();
  if (num !== undefined) for (const [k, label] of sorted) at.set(k, num.values.get(label)!);
  return { sweep: labeller.sweep, title: labeller.title, labels: sorted, numeric: num === undefined ? undefined : { ...num, at } };
}

/** The Vega-Lite x channel of a sweep's points: numeric (log when it spans decades) or ordered labels. */
export function pointChannel(points: SweepPoints, field: { readonly numeric: string; readonly label: string }): Record<string, unknown> {
  if (points.numeric !== undefined) {
    const n = points.numeric;
    const unit = n.unit === '' && !n.log ? '' : ` (${[n.unit, n.log ? 'log scale' : ''].filter((x) => x !== '').join(', ')})`;
    // Ticks at the points themselves, labelled as given to --vary (30s, 5m, 1h).
    const ticks = [...n.values].sort((a, b) => a[1] - b[1]);
    const quote = (t: string): string => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const labelExpr = `${ticks.map(([text, v]) => `datum.value == ${v} ? ${quote(text)} : `).join('')}''`;
    const span = ticks.length > 1 ? ticks[ticks.length - 1]![1] / Math.max(1e-300, ticks[0]![1]) : 1;
    const domain = n.log ? [ticks[0]![1] / span ** 0.08, ticks[ticks.length - 1]![1] * span ** 0.08] : undefined;
    return {
      field: field.numeric, type: 'quantitative', title: `${points.title}${unit}`,
      scale: n.log ? { type: 'log', domain } : { zero: false, nice: true, padding: 12 },
      axis: { values: ticks.map(([, v]) => v), labelExpr, labelOverlap: 'greedy', grid: false },
    };
  }
  return { field: field.label, type: 'ordinal', title: points.title, sort: [...points.labels.values()], axis: { labelAngle: 0, labelOverlap: 'greedy', labelLimit: 90 } };
}

/** A label for a row's point and replication: `30s #3`, or `#3` for a run. */
export function runLabel(table: Table): (row: readonly Cell[]) => string {
  const points = pointLabeller(table);
  const rep = textAt(table, 'replication');
  return (row) => (points.sweep ? `${points.label(row)} #${rep(row)}` : `#${rep(row)}`);
}
