import type { Cell, Table } from '../../metrics/table.js';
import { numericCell } from '../../metrics/csv-read.js';
import { formatNumber } from '../../metrics/number-format.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell as shown in a report table: numbers to 6 significant digits, as CSV otherwise. */
export function displayCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  const n = typeof cell === 'number' ? cell : numericCell(cell);
  if (n === undefined || !Number.isFinite(n)) return String(cell);
  return Number.isInteger(n) ? formatNumber(n) : formatNumber(Number(n.toPrecision(6)));
}

/** An HTML table of the first `maxRows` rows, with a note of how many more there are (and where, for a `.csv`). */
export function htmlTable(table: Table, maxRows = 60): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows.slice(0, maxRows).map((r) =>
    `<tr>${table.columns.map((_, i) => {
      const c = r[i];
      const numeric = numericCell(c) !== undefined;
      return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(displayCell(c))}</td>`;
    }).join('')}</tr>`).join('\n');
  const where = table.name.endsWith('.csv') ? ` in ${escapeHtml(table.name)}` : '';
  const more = table.rows.length > maxRows ? `<p class="more">${table.rows.length - maxRows} more rows${where}</p>` : '';
  return `<table class="data"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/** The report's style sheet (inline: the page loads nothing). */
export const REPORT_CSS = `
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1400px; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.section { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: 0.9em; color: #555; max-width: 640px; }
table.data { border-collapse: collapse; font-size: 0.85em; }
table.data th, table.data td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.meta td:first-child { font-weight: 600; padding-right: 1em; }
.more, .missing { color: #666; font-size: 0.9em; }
.side { overflow-x: auto; max-width: 100%; }
`;
