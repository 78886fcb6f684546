import { csvField, csvLead, type CsvLead } from './csv-encode.js';
import { formatNumber } from './number-format.js';
import type { Cell } from './table.js';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;

/**
 * CSV records written straight into UTF-8 bytes, each cell by `csvField`, `,` between, `\n`
 * after each record: no string is built per record, so a table of millions of cells costs the bytes
 * and a short string per number. Grows as needed; `take` hands the bytes over and starts
 * again.
 */
export class CsvBytes {
  #buf: Buffer;
  #pos = 0;
  /** Records written since the last `take`. */
  records = 0;

  constructor(initialBytes = 1 << 16) {
    this.#buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.#pos;
  }

  /** One record: the lead cells (formatted once, see `csvLead`), the row's cells, `\n`. */
  record(row: readonly Cell[], lead: CsvLead): void {
    const n = row.length;
    this.#text(lead.text);
    for (let i = 0; i < n; i++) {
      if (i > 0 || lead.cells > 0) this.#byte(COMMA);
      const cell = row[i]!;
      if (typeof cell === 'string') this.#text(cell, true);
      else if (typeof cell === 'number') this.#number(cell);
      else this.#text(csvField(cell));
    }
    this.#byte(NEWLINE);
    this.records++;
  }

  /** A number as `formatNumber` prints it: an int32 (the counts of the tables) digit by digit, without a string made for it. */
  #number(n: number): void {
    if ((n | 0) === n) this.#digits(n < 0 ? -n : n, n < 0);
    else this.#text(formatNumber(n));
  }

  /** The decimal digits of the whole number 0 <= v <= 2^31 (2^31 for the int32 -2^31), a minus sign first when `negative`. */
  #digits(v: number, negative: boolean): void {
    let len = 1;
    for (let p = 10; p <= v; p *= 10) len++;
    if (this.#buf.length - this.#pos < len + 1) this.#grow(len + 1);
    const b = this.#buf;
    if (negative) b[this.#pos++] = MINUS;
    let i = this.#pos + len;
    this.#pos = i;
    do {
      const q = Math.floor(v / 10);
      b[--i] = ZERO + (v - 10 * q);
      v = q;
    } while (v > 0);
  }

  #byte(b: number): void {
    if (this.#pos === this.#buf.length) this.#grow(1);
    this.#buf[this.#pos++] = b;
  }

  /**
   * The bytes written since the last `take` (a view of this writer's buffer, valid until the
   * next write; `copy`: in a buffer of its own, exactly their size, to keep or send).
   */
  take(copy = false): Uint8Array {
    const out = copy ? new Uint8Array(this.#buf.subarray(0, this.#pos)) : this.#buf.subarray(0, this.#pos);
    this.#pos = 0;
    this.records = 0;
    return out;
  }

  /**
   * Writes `s` as it is; with `field`, `s` is a string cell, written as `csvField` makes it:
   * plain ASCII goes straight in as it is checked, anything to quote takes the long way.
   */
  #text(s: string, field = false): void {
    const n = s.length;
    if (n === 0) return;
    if (this.#buf.length - this.#pos < 3 * n) this.#grow(3 * n);
    const b = this.#buf;
    const start = this.#pos;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (field && (c === QUOTE || c === COMMA || c === NEWLINE)) {
        this.#pos = start;
        this.#text(csvField(s));
        return;
      }
      if (c >= 0x80) {
        if (field) {
          this.#pos = start; // a non-ASCII cell may still need quoting further on
          this.#text(csvField(s));
        } else this.#pos = p + b.write(s.slice(i), p, 'utf8'); // the rest through Node's UTF-8 encoder (3 bytes per UTF-16 unit at most)
        return;
      }
      b[p++] = c;
    }
    this.#pos = p;
  }

  #grow(more: number): void {
    const next = Buffer.allocUnsafe(Math.max(2 * this.#buf.length, this.#pos + more));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }
}

/** CSV records ready to write, and how many. */
export interface EncodedRows {
  /** UTF-8 bytes, in a buffer of their own (sent whole from a worker process). */
  readonly body: Uint8Array;
  readonly rows: number;
}

/**
 * Formats `rows`, each with the cells `lead` in front, as CSV records (no header). Rows are
 * read once and not kept (a producer may reuse a row once the next is asked for).
 */
export function encodeRows(lead: readonly Cell[], rows: Iterable<readonly Cell[]>): EncodedRows {
  const l = csvLead(lead);
  const out = new CsvBytes();
  for (const r of rows) out.record(r, l); // now: the producer may reuse the row
  const rowCount = out.records;
  return { body: out.take(true), rows: rowCount };
}

/** Records (each the cells `lead`, then a row's cells), as text: headers, and the tests. */
export function csvRecords(rows: Iterable<readonly Cell[]>, lead: readonly Cell[] = []): string {
  const l = csvLead(lead);
  const out = new CsvBytes(256);
  for (const r of rows) out.record(r, l);
  return Buffer.from(out.take()).toString('utf8');
}
