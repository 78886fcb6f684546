import { KEY_COLUMNS, SUMMARY_GROUPS, TABLES, tableEntry, type ColumnEntry, type TableEntry } from '../metrics/metric-catalogue.js';
import { tableMarkdown } from '../metrics/catalogue-markdown.js';
import { didYouMean } from '../engine/did-you-mean.js';

export interface DescribeMetricsArgs {
  /** Tables to describe (`summary`, `timeseries.csv`, ...); empty: every table. */
  readonly tables: readonly string[];
  readonly format: 'text' | 'markdown' | 'json';
}

function textColumns(columns: readonly ColumnEntry[], indent: string): string[] {
  const w = (f: (c: ColumnEntry) => string, head: string): number => Math.max(head.length, ...columns.map((c) => f(c).length));
  const [wc, wu, wk] = [w((c) => c.column, 'column'), w((c) => c.unit, 'unit'), w((c) => c.kind, 'kind')];
  const line = (c: string, u: string, k: string, m: string): string => `${indent}${c.padEnd(wc)}  ${u.padEnd(wu)}  ${k.padEnd(wk)}  ${m}`.trimEnd();
  return [line('column', 'unit', 'kind', 'meaning'), ...columns.map((c) => line(c.column, c.unit, c.kind, c.meaning))];
}

function tableText(t: TableEntry): string {
  const out = [`${t.name}.csv: ${t.rows}`];
  if (t.name === 'summary') {
    out.push(...textColumns(t.columns.filter((c) => c.group === undefined), '  '));
    for (const [group, title] of SUMMARY_GROUPS) {
      const cols = t.columns.filter((c) => c.group === group);
      if (cols.length > 0) out.push(`  ${title}`, ...textColumns(cols, '    ').slice(1));
    }
  } else out.push(...textColumns(t.columns, '  '));
  return out.join('\n');
}

/**
 * `ephemera describe-metrics`: prints the metric catalogue (every column of every results
 * table: unit, kind, meaning), as text, Markdown or JSON; exit 2 for an unknown table.
 */
export function describeMetricsCommand(args: DescribeMetricsArgs): number {
  const names = args.tables.map((n) => n.replace(/\.csv$/, ''));
  const unknown = names.filter((n) => tableEntry(n) === undefined);
  if (unknown.length > 0) {
    const all = TABLES.map((t) => t.name);
    for (const n of unknown) {
      const guess = didYouMean(n, all);
      process.stderr.write(`describe-metrics: no table "${n}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; tables: ${all.join(', ')}\n`);
    }
    return 2;
  }
  const tables = names.length === 0 ? TABLES : names.map((n) => tableEntry(n)!);
  const withKeys = names.length === 0;
  if (args.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...(withKeys ? { key_columns: KEY_COLUMNS } : {}), tables }, null, 2)}\n`);
  } else if (args.format === 'markdown') {
    process.stdout.write(`${tables.map((t) => `### ${t.name}.csv\n\n${t.rows}\n\n${tableMarkdown(t)}`).join('\n\n')}\n`);
  } else {
    const keys = withKeys ? [`Leading columns of tables from several replications or sweep points:\n${textColumns(KEY_COLUMNS, '  ').join('\n')}`] : [];
    process.stdout.write(`${[...keys, ...tables.map(tableText)].join('\n\n')}\n`);
  }
  return 0;
}
