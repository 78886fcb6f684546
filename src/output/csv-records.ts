/**
 * Record boundaries in CSV bytes as ephemera writes them (csv-stringify: `\n` after each
 * record; a field holding a quote, a comma or a line break is quoted, its quotes doubled).
 * A `\n` ends a record exactly when an even number of quotes precede it in the record, so
 * boundaries are found byte by byte without reading fields. This does not interpret cells
 * (metrics/csv-read.ts does): it counts, copies and pads records of files ephemera wrote.
 */
export class RecordScanner {
  #quoted = false;
  /** Records ended so far. */
  records = 0;

  /** Scans `chunk`; returns the offset just past each record end in it. */
  ends(chunk: Buffer): number[] {
    const out: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x22) this.#quoted = !this.#quoted;
      else if (b === 0x0a && !this.#quoted) {
        out.push(i + 1);
        this.records++;
      }
    }
    return out;
  }

  /** Counts record ends in `chunk` (faster than `ends` when offsets are not needed). */
  count(chunk: Buffer): void {
    let quoted = this.#quoted;
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) n++;
    }
    this.#quoted = quoted;
    this.records += n;
  }

  /** True when the bytes so far end inside a quoted field. */
  get inQuotes(): boolean {
    return this.#quoted;
  }
}

/** Reads up to `buf.length` bytes at `pos` into `buf`; returns how many (0 at the end). */
export type ReadAt = (buf: Buffer, pos: number) => number;

/**
 * Calls `onRecord` with each record of a file (its bytes, the final `\n` included; a last
 * record without one is passed as it is), reading 1 MiB at a time through `read`.
 */
export function scanRecords(read: ReadAt, onRecord: (record: Buffer) => void): void {
  const buf = Buffer.alloc(1 << 20);
  const scanner = new RecordScanner();
  let carry: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const n = read(buf, pos);
    if (n <= 0) break;
    pos += n;
    const chunk = buf.subarray(0, n);
    let start = 0;
    for (const end of scanner.ends(chunk)) {
      const piece = chunk.subarray(start, end);
      onRecord(carry.length === 0 ? Buffer.from(piece) : Buffer.concat([...carry, piece]));
      carry = [];
      start = end;
    }
    if (start < n) carry.push(Buffer.from(chunk.subarray(start)));
  }
  if (carry.length > 0) onRecord(Buffer.concat(carry));
}
