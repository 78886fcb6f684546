import { formatNumber } from './number-format.js';
import type { Cell } from './table.js';

/**
 * How every CSV file of a results folder is formatted, as csv-stringify's options: numbers
 * by `formatNumber`, `\n` after each record. `csvField` here and `CsvBytes`
 * (metrics/csv-bytes.ts) write the same bytes without csv-stringify's per-field option
 * handling (a test checks them against csv-stringify with these options); csv-stringify
 * itself formats whole tables and streams them (output/csv.ts).
 */
export const CSV_OPTIONS = { cast: { number: (n: number): string => formatNumber(n) }, record_delimiter: 'unix' as const };

/** Bytes of records formatted before they are written: large enough to amortise a write, small enough to stay a few MB. */
export const CSV_CHUNK_BYTES = 1 << 20;

// csv-stringify 6 with a `\n` record delimiter quotes a field for a comma, a quote or a `\n` (not a lone `\r`).
const NEEDS_QUOTES = /[",\n]/;

/**
 * One cell as a CSV field, as csv-stringify writes it with CSV_OPTIONS: a number by
 * `formatNumber`, null as an empty field, a string as it is unless it holds a comma, a
 * quote or a `\n` (then quoted, its quotes doubled).
 */
export function csvField(cell: Cell): string {
  if (typeof cell === 'number') return formatNumber(cell);
  if (cell === null || cell === undefined) return '';
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Lead cells formatted once for many records. */
export interface CsvLead {
  readonly text: string;
  readonly cells: number;
}

/** `lead` formatted once, for `CsvBytes.record` (metrics/csv-bytes.ts). */
export function csvLead(lead: readonly Cell[]): CsvLead {
  return { text: lead.map(csvField).join(','), cells: lead.length };
}
