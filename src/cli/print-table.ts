import type { Cell, Table } from '../metrics/table.js';
import { formatNumber } from '../metrics/number-format.js';

/** A cell for the terminal: numbers to 5 significant digits. */
function show(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isInteger(c) ? formatNumber(c) : formatNumber(Number(c.toPrecision(5)));
  return c;
}

/** A table as aligned text columns (numbers right-aligned), one line per row. */
export function formatTableText(table: Table): string {
  const cells = [table.columns.map(String), ...table.rows.map((r) => table.columns.map((_, i) => show(r[i])))];
  const numeric = table.columns.map((_, i) => table.rows.some((r) => typeof r[i] === 'number'));
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return `${cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n')}\n`;
}
