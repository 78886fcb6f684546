/**
 * The one CSV reader: every CSV ephemera reads (results folders, failure traces, DNS query
 * logs, empirical distributions, and any new input) goes through `readCsv`, on csv-parse
 * (the family of the csv-stringify that writes them). Strict RFC 4180: quoted cells may hold
 * commas, doubled quotes and line ends; a stray quote, an unclosed quote or a row with more
 * or fewer cells than the header is an error. A byte-order mark is dropped; `\n` and `\r\n`
 * line ends both work; blank lines are skipped (unless asked not to). Every error, the reader's and the caller's,
 * is located as `file:line`.
 *
 * The caller reads the file and passes its text (this layer touches no files):
 *
 *   const csv = readCsv(text, 'traces/failures.csv', { trim: true, comments: true });
 *   const host = csv.column('host');            // -1 when the header has no such column
 *   for (const r of csv.records) if (r.cells[host] === '') throw new CsvError(csv.file, r.line, 'host is empty');
 */
import { CsvError as ParseError, parse } from 'csv-parse/sync';
import type { Table } from './table.js';

/** A problem in a CSV file, at a line: its message is `file:line: reason`. */
export class CsvError extends Error {
  readonly file: string;
  /** 1-based line of the file. */
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${csvAt(file, line)}: ${reason}`);
    this.name = 'CsvError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** Where a row is, as every message about a CSV says it: `file:line`. */
export function csvAt(file: string, line: number): string {
  return `${file}:${line}`;
}

/** One data row: its cells in header order, and the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** A CSV file as read: the header (first row), the data rows, and where each is. */
export interface CsvFile {
  /** The name given to readCsv, used in every message. */
  readonly file: string;
  /** Column names; empty for an empty file. */
  readonly header: readonly string[];
  /** 1-based line of the header; 0 for an empty file. */
  readonly headerLine: number;
  readonly records: readonly CsvRecord[];
  /** The index of column `name` in the header, or -1. */
  column(name: string): number;
}

export interface CsvReadOptions {
  /** Trim spaces and tabs around each cell (outside quotes); default false (results files keep cells exactly). */
  readonly trim?: boolean;
  /** Lines starting with `#` (after spaces, when trimming) are comments; default false. */
  readonly comments?: boolean;
  /**
   * Skip blank lines (default true, for files people write). False reads a blank line as a
   * row of one empty cell, as a one-column file written by ephemera means it (and as an
   * error in a wider file: results files are read that way).
   */
  readonly skipBlankLines?: boolean;
}

/** csv-parse's error codes, as a user would put them. */
function reasonOf(e: ParseError): string {
  switch (e.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell goes on after its closing quote: quote the whole cell, and double a quote inside it ("")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted cell: quote the whole cell, and double a quote inside it ("")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell starting here is never closed';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text after a closing quote: quote the whole cell';
    default:
      return e.message.replace(/ at line \d+/, '');
  }
}

/**
 * The line an error is at: csv-parse's, except for a quote never closed, which it finds at
 * the end of the text: that one is at the first line of the row it opens in, the first
 * line after the last complete row (`lastRowEnd`) that is neither blank nor a comment.
 */
function errorLine(text: string, e: ParseError, lastRowEnd: number, comments: boolean): number {
  const at = (e as ParseError & { lines?: number }).lines ?? 1;
  if (e.code !== 'CSV_QUOTE_NOT_CLOSED') return at;
  const lines = text.split('\n');
  for (let i = lastRowEnd; i < lines.length; i++) {
    const t = lines[i]!.replace(/^\ufeff/, '').trim();
    if (t !== '' && !(comments && t.startsWith('#'))) return i + 1;
  }
  return at;
}

/**
 * Reads CSV text strictly into its header and rows (see the file comment).
 * @throws CsvError at the line of the first malformed row, a row whose cell count differs
 *   from the header's, or a header naming a column twice
 */
export function readCsv(text: string, file: string, options: CsvReadOptions = {}): CsvFile {
  let parsed: { record: string[]; info: { lines: number } }[];
  let lastRowEnd = 0;
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true, // counted below, for a message naming both counts
      skip_empty_lines: options.skipBlankLines !== false,
      trim: options.trim === true,
      record_delimiter: ['\r\n', '\n'], // both, even mixed in one file
      ...(options.comments === true ? { comment: '#', comment_no_infix: true } : {}),
      on_record: (record: string[], context: { lines: number }) => {
        lastRowEnd = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof ParseError) throw new CsvError(file, errorLine(text, e, lastRowEnd, options.comments === true), reasonOf(e));
    throw e;
  }
  // csv-parse gives the line a record ends on; a record starts as many lines earlier as its cells hold line ends.
  const rows = parsed.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
  const [head, ...body] = rows;
  if (head === undefined) return { file, header: [], headerLine: 0, records: [], column: () => -1 };
  const header = head.cells;
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new CsvError(file, head.line, `the header names column "${name}" twice`);
    seen.add(name);
  }
  for (const r of body) {
    if (r.cells.length !== header.length) {
      throw new CsvError(file, r.line, `${r.cells.length} cell${r.cells.length === 1 ? '' : 's'}, but the header has ${header.length} (${header.join(', ')})`);
    }
  }
  const index = new Map(header.map((name, i) => [name, i]));
  return { file, header, headerLine: head.line, records: body, column: (name) => index.get(name) ?? -1 };
}

/**
 * Parses CSV text into rows of strings, the header included, as readCsv reads it (strict,
 * BOM-aware, blank lines skipped). `file` names it in errors.
 * @throws CsvError
 */
export function parseCsv(text: string, file = 'CSV'): string[][] {
  const csv = readCsv(text, file);
  return csv.header.length === 0 ? [] : [[...csv.header], ...csv.records.map((r) => [...r.cells])];
}

/**
 * A CSV file's text (as ephemera writes results) as a table named `name`: the first row is
 * the header; every cell stays a string; no blank line is skipped. `file` names it in
 * errors (default `<name>.csv`).
 * @throws CsvError
 */
export function csvToTable(name: string, text: string, file = `${name}.csv`): Table {
  const csv = readCsv(text, file, { skipBlankLines: false });
  return { name, columns: [...csv.header], rows: csv.records.map((r) => [...r.cells]) };
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
