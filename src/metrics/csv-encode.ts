import { stringify } from 'csv-stringify/sync';
import { formatNumber } from './number-format.js';
import type { Cell } from './table.js';

/**
 * How every CSV file of a results folder is formatted (csv-stringify): numbers by
 * `formatNumber`, `\n` after each record. The one definition, so that records formatted
 * in a worker thread are the bytes the results folder would have written itself.
 */
export const CSV_OPTIONS = { cast: { number: (n: number): string => formatNumber(n) }, record_delimiter: 'unix' as const };

/** Rows formatted per call: large enough to amortise the call, small enough to stay a few MB. */
export const CSV_CHUNK_ROWS = 2048;

/** CSV records ready to write, and how many. */
export interface EncodedRows {
  /** UTF-8 bytes, in a buffer of their own (it can be transferred to another thread). */
  readonly body: Uint8Array;
  readonly rows: number;
}

/**
 * Formats `rows`, each with the cells `lead` in front, as CSV records (no header). Rows are
 * read once and not kept (a producer may reuse a row once the next is asked for).
 */
export function encodeRows(lead: readonly Cell[], rows: Iterable<readonly Cell[]>): EncodedRows {
  const parts: string[] = [];
  let chunk: Cell[][] = [];
  let count = 0;
  for (const r of rows) {
    chunk.push([...lead, ...r]);
    if (chunk.length >= CSV_CHUNK_ROWS) {
      parts.push(stringify(chunk, CSV_OPTIONS));
      count += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) {
    parts.push(stringify(chunk, CSV_OPTIONS));
    count += chunk.length;
  }
  // TextEncoder gives a fresh ArrayBuffer (Buffer.from may share Node's pool, which cannot be transferred).
  return { body: new TextEncoder().encode(parts.join('')), rows: count };
}
