import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import type { Cell } from '../metrics/table.js';
import { CsvBytes, csvRecords } from '../metrics/csv-bytes.js';
import { CSV_CHUNK_BYTES, csvLead } from '../metrics/csv-encode.js';
import { onPath } from './fs-error.js';
import { scanRecords } from './csv-records.js';

/** What a table file holds so far: data rows, bytes and the SHA-256 of those bytes. */
export interface TableState {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** How a table file was left by a journal: its header, its columns so far, and its state. */
export interface TableResume extends TableState {
  readonly header: readonly string[];
  readonly columns: readonly string[];
}

/**
 * One CSV file of a results folder being written, row by row: the header, then parts
 * appended in order (see ResultsSink.append for the union of columns). Rows are formatted
 * in chunks and written at once, and the count and SHA-256 kept as they go, so a table of
 * any size costs a chunk of memory. When a later part adds columns, `finish` rewrites the
 * file once with the full header, padding the earlier rows (what a table held in memory
 * would have written).
 */
export class StagedTable {
  readonly name: string;
  readonly path: string;
  readonly #fd: number;
  readonly #header: string[];
  readonly #columns: string[];
  readonly #index = new Map<string, number>();
  #rows = 0;
  #bytes = 0;
  #hash: Hash = createHash('sha256');
  /** Columns changed since the last `snapshot` (for the journal). */
  #columnsChanged = true;

  private constructor(name: string, path: string, fd: number, header: readonly string[], columns: readonly string[]) {
    this.name = name;
    this.path = path;
    this.#fd = fd;
    this.#header = [...header];
    this.#columns = [...columns];
    this.#columns.forEach((c, i) => this.#index.set(c, i));
  }

  /** A new file at `path` with `columns` as its header. */
  static create(name: string, path: string, columns: readonly string[]): StagedTable {
    const fd = onPath(path, 'cannot create the file', () => openSync(path, 'wx+'));
    const t = new StagedTable(name, path, fd, columns, columns);
    t.#write(csvRecords([columns]));
    return t;
  }

  /**
   * Reopens a file a journal left: truncates it to the journal's byte count (dropping a
   * half-written job) and checks that what remains hashes to the journal's SHA-256.
   * Throws an Error saying what differs.
   */
  static resume(name: string, path: string, state: TableResume): StagedTable {
    const fd = onPath(path, 'cannot reopen the file', () => openSync(path, 'r+'));
    const size = fstatSync(fd).size;
    if (size < state.bytes) {
      closeSync(fd);
      throw new Error(`${path} has ${size} bytes, fewer than the ${state.bytes} the journal recorded`);
    }
    onPath(path, 'cannot truncate the file', () => ftruncateSync(fd, state.bytes));
    const t = new StagedTable(name, path, fd, state.header, state.columns);
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < state.bytes;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, state.bytes - pos), pos);
      if (n <= 0) break;
      t.#hash.update(buf.subarray(0, n));
      pos += n;
    }
    t.#bytes = state.bytes;
    t.#rows = state.rows;
    const sha = t.#hash.copy().digest('hex');
    if (sha !== state.sha256) {
      closeSync(fd);
      throw new Error(`${path} does not hold the bytes the journal recorded (SHA-256 ${sha}, expected ${state.sha256})`);
    }
    t.#columnsChanged = false;
    return t;
  }

  /** The table's columns so far (the union of its parts'). */
  get columns(): readonly string[] {
    return this.#columns;
  }

  get header(): readonly string[] {
    return this.#header;
  }

  /** Records are formatted here, then written, a chunk at a time. */
  readonly #records = new CsvBytes();

  #write(text: string): void {
    this.#writeBytes(Buffer.from(text, 'utf8'));
  }

  #writeBytes(buf: Uint8Array): void {
    let off = 0;
    while (off < buf.length) off += onPath(this.path, 'cannot write', () => writeSync(this.#fd, buf, off, buf.length - off, this.#bytes + off));
    this.#hash.update(buf);
    this.#bytes += buf.length;
  }

  /**
   * Appends rows that have `columns` (mapped onto the table's union of columns). With
   * `lead`, each row holds only the cells after the lead's: `columns` names the lead cells
   * first, and they are written in front of every row.
   */
  append(columns: readonly string[], rows: Iterable<readonly Cell[]>, lead: readonly Cell[] = []): void {
    const at = columns.map((c) => {
      let i = this.#index.get(c);
      if (i === undefined) {
        i = this.#columns.length;
        this.#columns.push(c);
        this.#index.set(c, i);
        this.#columnsChanged = true;
      }
      return i;
    });
    const identity = at.every((i, k) => i === k) && at.length === this.#columns.length;
    const width = this.#columns.length;
    const own = columns.length - lead.length;
    if (own < 0) throw new Error(`table ${this.name}: ${lead.length} lead cells for ${columns.length} columns`);
    const out = this.#records;
    out.take(); // nothing left from an append that threw
    const formattedLead = csvLead(identity ? lead : []);
    const flush = (): void => {
      if (out.records === 0) return;
      this.#rows += out.records;
      this.#writeBytes(out.take());
    };
    for (const row of rows) {
      if (row.length !== own) throw new Error(`table ${this.name}: a row has ${row.length + lead.length} cells, its columns ${columns.length}`);
      if (identity) out.record(row, formattedLead);
      else {
        const wide = new Array<Cell>(width).fill(null);
        lead.forEach((cell, k) => {
          wide[at[k]!] = cell;
        });
        row.forEach((cell, k) => {
          wide[at[lead.length + k]!] = cell;
        });
        out.record(wide, formattedLead);
      }
      if (out.length >= CSV_CHUNK_BYTES) flush();
    }
    flush();
  }

  /**
   * Appends already formatted CSV records (`body`, `rows` of them) whose columns are the
   * table's columns exactly: what a merge copies from a shard.
   */
  appendEncoded(body: Buffer, rows: number): void {
    let off = 0;
    while (off < body.length) off += onPath(this.path, 'cannot write', () => writeSync(this.#fd, body, off, body.length - off, this.#bytes + off));
    this.#hash.update(body);
    this.#bytes += body.length;
    this.#rows += rows;
  }

  /** Flushes the file to the disk. */
  sync(): void {
    onPath(this.path, 'cannot flush to the disk', () => fsyncSync(this.#fd));
  }

  /** The state now, and the columns when they changed since the last snapshot (for a journal). */
  snapshot(): TableState & { readonly columns?: readonly string[] } {
    const s = { rows: this.#rows, bytes: this.#bytes, sha256: this.#hash.copy().digest('hex') };
    if (!this.#columnsChanged) return s;
    this.#columnsChanged = false;
    return { ...s, columns: [...this.#columns] };
  }

  /**
   * Finishes the file: when parts added columns after the header was written, rewrites it
   * with the full header and every earlier row padded with empty cells. Flushes and
   * closes it. Returns its rows, bytes and SHA-256.
   */
  finish(): TableState {
    if (this.#columns.length === this.#header.length) {
      this.sync();
      closeSync(this.#fd);
      return { rows: this.#rows, bytes: this.#bytes, sha256: this.#hash.digest('hex') };
    }
    const tmp = `${this.path}.widen`;
    const out = onPath(tmp, 'cannot create the file', () => openSync(tmp, 'w'));
    const hash = createHash('sha256');
    let bytes = 0;
    const put = (b: Buffer): void => {
      let off = 0;
      while (off < b.length) off += onPath(tmp, 'cannot write', () => writeSync(out, b, off, b.length - off, bytes + off));
      hash.update(b);
      bytes += b.length;
    };
    put(Buffer.from(csvRecords([this.#columns]), 'utf8'));
    let rows = 0;
    let first = true;
    scanRecords((buf, pos) => readSync(this.#fd, buf, 0, buf.length, pos), (record) => {
      if (first) {
        first = false; // the old header
        return;
      }
      rows++;
      const missing = this.#columns.length - fieldCount(record);
      put(missing > 0 ? Buffer.concat([record.subarray(0, record.length - 1), Buffer.from(`${','.repeat(missing)}\n`)]) : record);
    });
    fsyncSync(out);
    closeSync(out);
    closeSync(this.#fd);
    onPath(this.path, 'cannot replace the file', () => renameSync(tmp, this.path));
    return { rows, bytes, sha256: hash.digest('hex') };
  }

  /** Closes the file without finishing it (the staging folder is being abandoned or kept for a resume). */
  close(): void {
    try {
      closeSync(this.#fd);
    } catch {
      // already closed
    }
  }
}

/** Fields in one CSV record as csv-stringify writes them (quoted fields may hold commas). */
export function fieldCount(record: Buffer): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const b = record[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x2c && !quoted) n++;
  }
  return n;
}
