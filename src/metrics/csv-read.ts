import type { Table } from '../metrics/table.js';

/**
 * Parses CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, and newlines;
 * `\n` or `\r\n` line ends) into rows of strings. A final line end is optional.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: unterminated quoted field');
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += q;
        i++;
      }
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endField();
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** A CSV file's text as a table named `name`: the first row is the header; every cell stays a string. */
export function csvToTable(name: string, text: string): Table {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return { name, columns: [], rows: [] };
  rows.forEach((r, i) => {
    if (r.length !== header.length) throw new Error(`${name}.csv: row ${i + 2} has ${r.length} cells, the header ${header.length}`);
  });
  return { name, columns: header, rows };
}

/**
 * A cell as a number: numbers as they are, numeric text (as formatNumber writes it, `inf`
 * and `-inf` included) parsed; undefined for empty cells and text.
 */
export function numericCell(cell: string | number | null | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isNaN(cell) ? undefined : cell;
  if (cell === null || cell === undefined || cell === '') return undefined;
  if (cell === 'inf') return Infinity;
  if (cell === '-inf') return -Infinity;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : undefined;
}
