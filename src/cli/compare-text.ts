import type { Table } from '../metrics/table.js';
import { metricInfo } from '../metrics/metric-catalogue.js';
import { numericCell } from '../metrics/csv-read.js';
import { formatReadable } from '../metrics/number-format.js';
import { intervalText } from './summary-text.js';

/**
 * comparison.csv as `compare` prints it: per metric (and point), its unit, A's and B's means
 * with their 95% intervals, and B - A with its interval and the test, in the printed
 * summary's number style (5 significant digits, thousands separators).
 */
export function formatComparison(table: Table): string {
  const at = (c: string): number => table.columns.indexOf(c);
  const lead = table.columns.slice(0, at('metric'));
  const num = (r: readonly (string | number | null)[], c: string): number => numericCell(r[at(c)]) ?? Number.NaN;
  const head = [...lead, 'metric', 'unit', 'A mean', '95% CI', 'B mean', '95% CI', 'B - A', '95% CI', 'test'];
  const rows = table.rows.map((r) => {
    const [a, b, d] = [num(r, 'a_mean'), num(r, 'b_mean'), num(r, 'diff')];
    return [
      ...lead.map((_, i) => String(r[i] ?? '')),
      String(r[at('metric')] ?? ''),
      metricInfo(String(r[at('metric')]))?.unit ?? '',
      formatReadable(a), intervalText(a, num(r, 'a_ci95_low'), num(r, 'a_ci95_high')),
      formatReadable(b), intervalText(b, num(r, 'b_ci95_low'), num(r, 'b_ci95_high')),
      formatReadable(d), intervalText(d, num(r, 'ci95_low'), num(r, 'ci95_high')),
      String(r[at('test')] ?? ''),
    ];
  });
  const right = new Set(['A mean', 'B mean', 'B - A']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (right.has(head[i]!) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}
