/**
 * The metric catalogue: every column of every result table with its label, unit, kind and
 * meaning. The README's column tables (npm run docs), `ephemera describe-metrics`, the
 * printed summary, the confidence intervals and the report's titles and axes all read it,
 * so they cannot drift apart; a test fails when a table writes a column it does not know.
 */
import { type ColumnEntry, type TableEntry } from './catalogue-entry.js';
import { SCALING_TABLE, TIMESERIES_TABLE } from './catalogue-service.js';
import { SUMMARY_TABLE } from './catalogue-summary.js';
import { SWITCHOVER_TABLE } from './catalogue-switchover.js';
import {
  ACTIONS_TABLE, ADDRESSES_TABLE, AGGREGATE_TABLE, COLOCATION_INVOICE_TABLE, COMPARISON_TABLE, FAULTS_TABLE, FLOWS_TABLE,
  INCIDENTS_TABLE, INSTANCES_TABLE, INVOICE_TABLE, KEY_COLUMNS, OUTAGES_TABLE, TRAFFIC_TABLE,
} from './catalogue-tables.js';
import { supportOf, type Support } from './metric-kind.js';

export type { ColumnEntry, SummaryGroup, TableEntry } from './catalogue-entry.js';
export { SUMMARY_GROUPS } from './catalogue-entry.js';
export { KEY_COLUMNS } from './catalogue-tables.js';

/** Every table of a results folder, in the order the README documents them. */
export const TABLES: readonly TableEntry[] = [
  SUMMARY_TABLE, TIMESERIES_TABLE, SCALING_TABLE, INCIDENTS_TABLE, OUTAGES_TABLE, SWITCHOVER_TABLE, INSTANCES_TABLE, ACTIONS_TABLE, ADDRESSES_TABLE,
  FLOWS_TABLE, TRAFFIC_TABLE, FAULTS_TABLE, INVOICE_TABLE, COLOCATION_INVOICE_TABLE, AGGREGATE_TABLE, COMPARISON_TABLE,
];

/** A column as the catalogue describes it, with any placeholder filled in from the actual name. */
export interface ColumnInfo extends ColumnEntry {
  /** The entry's column as catalogued (a pattern such as `<role>_running`, or the name itself). */
  readonly entry: string;
  /** What the placeholder stood for (`web` in `web_running`); undefined for an exact name. */
  readonly value?: string;
}

interface Compiled {
  readonly exact: ReadonlyMap<string, ColumnEntry>;
  readonly patterns: readonly { readonly entry: ColumnEntry; readonly regex: RegExp; readonly placeholder: string }[];
}

const compiled = new Map<string, Compiled>();

function compile(entries: readonly ColumnEntry[]): Compiled {
  const exact = new Map<string, ColumnEntry>();
  const patterns: Compiled['patterns'][number][] = [];
  for (const e of entries) {
    const m = /<([a-z]+)>/.exec(e.column);
    if (m === null) {
      exact.set(e.column, e);
      continue;
    }
    const [before, after] = [e.column.slice(0, m.index), e.column.slice(m.index + m[0].length)];
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    patterns.push({ entry: e, regex: new RegExp(`^${escape(before)}(.+)${escape(after)}$`), placeholder: m[0] });
  }
  return { exact, patterns };
}

function compiledFor(table: TableEntry): Compiled {
  let c = compiled.get(table.name);
  if (c === undefined) {
    // A sweep's varied columns (`<parameter>`) match anything, so they come last: a table's own columns win.
    c = compile([...table.columns, ...KEY_COLUMNS]);
    compiled.set(table.name, c);
  }
  return c;
}

/** The catalogue entry of a table, by name (`summary`, `timeseries`, ...); undefined for an unknown table. */
export function tableEntry(name: string): TableEntry | undefined {
  return TABLES.find((t) => t.name === name);
}

/**
 * What the catalogue says of `column` in table `table` (a name such as `summary`, or the file
 * `summary.csv`): the exact entry, else the first pattern it matches (`web_running` is
 * `<role>_running` with role `web`), with the placeholder filled in in its label and meaning.
 * Undefined when the table or the column is not catalogued. `<parameter>` (a sweep's varied
 * path) is matched only when `parameters` lists the column, since it would match anything.
 */
export function columnInfo(table: string, column: string, parameters: readonly string[] = []): ColumnInfo | undefined {
  const t = tableEntry(table.replace(/\.csv$/, ''));
  if (t === undefined) return undefined;
  const c = compiledFor(t);
  const e = c.exact.get(column);
  if (e !== undefined) return { ...e, entry: e.column, column };
  for (const p of c.patterns) {
    if (p.placeholder === '<parameter>' && !parameters.includes(column)) continue;
    const m = p.regex.exec(column);
    if (m === null) continue;
    const value = m[1]!;
    const fill = (s: string): string => s.split(p.placeholder).join(value);
    return { ...p.entry, entry: p.entry.column, column, label: fill(p.entry.label), meaning: fill(p.entry.meaning), value };
  }
  return undefined;
}

/** A summary metric's entry (summary.csv column); undefined when not catalogued. */
export function metricInfo(metric: string): ColumnInfo | undefined {
  return columnInfo('summary', metric);
}

/** The values a summary metric can take, from its kind; undefined when unknown or unbounded. */
export function metricSupport(metric: string): Support | undefined {
  const info = metricInfo(metric);
  return info === undefined ? undefined : supportOf(info.kind);
}

/**
 * A title for a plot or an axis: the label with its unit, `outage p95 (s)`, `EC2 cost (USD)`,
 * `unavailability (0..1)`; counts and text carry none (`failed requests`). Unknown columns
 * are shown by their name.
 */
export function titleOf(info: ColumnInfo | undefined, fallback: string): string {
  if (info === undefined) return fallback;
  return info.unit === '' || info.unit === 'count' ? info.label : `${info.label} (${info.unit})`;
}
