import { readFileSync } from 'node:fs';

/** One table's state after a unit, as the journal records it. */
export interface JournalTable {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  /** The table's columns so far, when they changed in this unit. */
  readonly columns?: readonly string[];
  /** The file's header row, the first time the journal names the table. */
  readonly header?: readonly string[];
}

/** One finished unit (a sweep's job): the tables it appended to and the files it wrote. */
export interface JournalEntry {
  readonly unit: number;
  readonly tables: Readonly<Record<string, JournalTable>>;
  readonly files: Readonly<Record<string, { readonly bytes: number; readonly sha256: string }>>;
}

/** A journal as read back: what identifies the sweep, the finished units, and the bytes they fill. */
export interface Journal {
  readonly header: Readonly<Record<string, unknown>>;
  readonly entries: readonly JournalEntry[];
  /** Bytes of complete lines (a torn last line, written when the process was killed, is left out). */
  readonly validBytes: number;
}

function isEntry(v: unknown): v is JournalEntry {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return Number.isInteger(e['unit']) && typeof e['tables'] === 'object' && e['tables'] !== null && typeof e['files'] === 'object' && e['files'] !== null;
}

/**
 * Reads a sweep's journal (JSON lines: a header `{ journal: 1, ... }`, then one line per
 * finished unit, each flushed to the disk before the next unit is recorded). Returns
 * undefined when there is none or its header is unreadable. Lines after the first one
 * that does not parse are ignored: only the last can be torn.
 */
export function readJournal(path: string): Journal | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  let pos = 0;
  let header: Record<string, unknown> | undefined;
  const entries: JournalEntry[] = [];
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    let v: unknown;
    try {
      v = JSON.parse(buf.subarray(pos, nl).toString('utf8'));
    } catch {
      break;
    }
    if (header === undefined) {
      if (v === null || typeof v !== 'object' || (v as Record<string, unknown>)['journal'] !== 1) return undefined;
      header = v as Record<string, unknown>;
    } else if (isEntry(v)) entries.push(v);
    else break;
    pos = nl + 1;
  }
  if (header === undefined) return undefined;
  return { header, entries, validBytes: pos };
}
