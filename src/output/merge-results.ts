import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../metrics/table.js';
import { csvToTable, parseCsv } from '../metrics/csv-read.js';
import { ResultsError } from '../experiment/results-error.js';
import { aggregateOf } from '../experiment/run-sweep.js';
import { jobOf } from '../experiment/sweep-grid.js';
import { FolderSink, type FileEntry } from './folder-sink.js';
import { checkNotAnInput } from './prepare-target.js';
import { onPath } from './fs-error.js';
import { RecordScanner } from './csv-records.js';
import { foreignEntries, MAX_LISTED, ourManifest } from './ownership.js';
import { checkShardSet, mergedManifest, shardInfoOf, type ShardInfo } from './shard-check.js';
import { missingFolderMessage } from './results-reader.js';
import { orderWritten } from './sweep-writer.js';
import type { StepHook } from './replace-folder.js';

/** One shard as merge reads it: its manifest and the files it lists. */
interface Shard extends ShardInfo {
  readonly files: ReadonlyMap<string, FileEntry>;
}

function isEntry(v: unknown): v is FileEntry {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return Number.isSafeInteger(e['bytes']) && typeof e['sha256'] === 'string' && /^[0-9a-f]{64}$/.test(e['sha256']) && (e['rows'] === undefined || Number.isSafeInteger(e['rows']));
}

/** Reads and checks a shard folder's manifest and entries (not yet its files' bytes). */
function readShard(dir: string): Shard {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    throw new ResultsError(missingFolderMessage(dir));
  }
  if (!st.isDirectory()) throw new ResultsError(`${dir} is not a folder: merge the folders written by ephemera sweep --shard K/N`);
  const m = ourManifest(dir);
  if (!('manifest' in m)) throw new ResultsError(`${dir} is not a results folder ephemera wrote: ${m.why}`);
  const info = shardInfoOf(dir, m.manifest);
  const listed = m.manifest['files'];
  if (listed === null || typeof listed !== 'object' || Array.isArray(listed)) {
    throw new ResultsError(`${dir}: its manifest.json lists no files with their SHA-256 (written by an older ephemera?), so it cannot be verified; run that shard again`);
  }
  const files = new Map<string, FileEntry>();
  for (const [path, e] of Object.entries(listed as Record<string, unknown>)) {
    if (!isEntry(e) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new ResultsError(`${dir}: its manifest.json is damaged (the entry for ${JSON.stringify(path)})`);
    files.set(path, e);
  }
  const foreign = foreignEntries(dir, new Set(files.keys()));
  if (foreign.length > 0) {
    throw new ResultsError(`${dir} holds ${foreign.slice(0, MAX_LISTED).join(', ')}${foreign.length > MAX_LISTED ? ' and more' : ''}, which its manifest does not list: it was changed after ephemera wrote it`);
  }
  for (const path of files.keys()) {
    try {
      if (!lstatSync(join(dir, path)).isFile()) throw new Error('not a file');
    } catch {
      throw new ResultsError(`${dir}: ${path} is missing, though its manifest lists it: the shard is incomplete; run it again`);
    }
  }
  const summary = files.get('summary.csv');
  const jobs = info.end - info.first;
  if (summary === undefined) throw new ResultsError(`${dir}: no summary.csv in its manifest, though it holds ${jobs} job(s)`);
  if (summary.rows !== jobs) throw new ResultsError(`${dir}: its summary.csv has ${String(summary.rows)} row(s) by its manifest, but its slice holds ${jobs} job(s) (${info.first} to ${info.end - 1}): the shard is incomplete; run it again`);
  return { ...info, files };
}

/** What a file was found to hold, against what the manifest says. */
function mismatch(dir: string, path: string, want: FileEntry, got: { rows?: number; bytes: number; sha256: string }): string | undefined {
  if (got.bytes === want.bytes && got.sha256 === want.sha256 && (want.rows === undefined || got.rows === want.rows)) return undefined;
  const rows = (n: number | undefined): string => (n === undefined ? '' : `${n} row(s), `);
  const how = got.bytes < want.bytes ? 'truncated' : 'damaged';
  return `${dir}: ${path} is ${how}: it holds ${rows(got.rows)}${got.bytes} bytes with SHA-256 ${got.sha256.slice(0, 12)}…, its manifest says ${rows(want.rows)}${want.bytes} bytes with ${want.sha256.slice(0, 12)}…; run that shard again`;
}

/** Reads a small file whole and checks it against its manifest entry. */
function readVerified(dir: string, path: string, want: FileEntry): Buffer {
  const abs = join(dir, path);
  const buf = onPath(abs, 'cannot read', () => readFileSync(abs));
  const scanner = new RecordScanner();
  scanner.count(buf);
  const why = mismatch(dir, path, want, { rows: Math.max(0, scanner.records - 1), bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') });
  if (why !== undefined) throw new ResultsError(why);
  return buf;
}

/** Checks that a shard's summary rows are its slice's jobs, in order. */
function checkSlice(s: Shard, summary: Buffer): void {
  const t = csvToTable('summary', summary.toString('utf8'));
  const pi = t.columns.indexOf('point');
  const ri = t.columns.indexOf('replication');
  const replications = s.common['replications'];
  if (pi < 0 || ri < 0 || typeof replications !== 'number') throw new ResultsError(`${s.dir}: summary.csv has no point and replication columns: not a sweep's shard`);
  t.rows.forEach((row, i) => {
    const want = jobOf(s.first + i, replications);
    if (row[pi] !== String(want.point) || row[ri] !== String(want.replication)) {
      throw new ResultsError(`${s.dir}: summary.csv row ${i + 2} is point ${row[pi]} replication ${row[ri]}, but job ${s.first + i} of its slice is point ${want.point} replication ${want.replication}: not the slice it claims`);
    }
  });
}

/** The header (first record) of a CSV file, and its length in bytes. */
function headerOf(path: string): { columns: string[]; bytes: number } {
  const fd = onPath(path, 'cannot read', () => openSync(path, 'r'));
  try {
    const scanner = new RecordScanner();
    const parts: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    for (let pos = 0; ;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      const ends = scanner.ends(buf.subarray(0, n));
      if (ends.length > 0) {
        parts.push(Buffer.from(buf.subarray(0, ends[0]!)));
        const text = Buffer.concat(parts).toString('utf8');
        return { columns: parseCsv(text)[0] ?? [], bytes: pos + ends[0]! };
      }
      parts.push(Buffer.from(buf.subarray(0, n)));
      pos += n;
    }
    const text = Buffer.concat(parts).toString('utf8');
    return { columns: parseCsv(text)[0] ?? [], bytes: Buffer.byteLength(text) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies one shard's table into the merged folder, hashing and counting as it reads:
 * byte for byte when its columns are the merged table's, else record by record with its
 * cells moved to the merged columns. Throws ResultsError when the file is not as its
 * manifest says (the merged folder is then abandoned).
 */
function copyTable(out: FolderSink, s: Shard, name: string, columns: readonly string[], want: FileEntry): void {
  const path = join(s.dir, `${name}.csv`);
  const header = headerOf(path);
  const same = header.columns.length === columns.length && header.columns.every((c, i) => c === columns[i]);
  const hash = createHash('sha256');
  const scanner = new RecordScanner();
  let bytes = 0;
  let pending: Buffer[] = [];
  let batch: Cell[][] = [];
  const flushBatch = (): void => {
    if (batch.length > 0) out.append(name, header.columns, batch);
    batch = [];
  };
  const fd = onPath(path, 'cannot read', () => openSync(path, 'r'));
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = onPath(path, 'cannot read', () => readSync(fd, buf, 0, buf.length, bytes));
      if (n <= 0) break;
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      const from = Math.max(0, header.bytes - bytes);
      bytes += n;
      const body = chunk.subarray(Math.min(from, n));
      if (from >= n) {
        scanner.count(chunk);
        continue;
      }
      if (from > 0) scanner.count(chunk.subarray(0, from));
      if (same) {
        const before = scanner.records;
        scanner.count(body);
        out.appendEncoded(name, columns, Buffer.from(body), scanner.records - before);
      } else {
        let start = 0;
        for (const end of scanner.ends(body)) {
          const rec = Buffer.concat([...pending, body.subarray(start, end)]).toString('utf8');
          pending = [];
          start = end;
          batch.push(parseCsv(rec)[0] ?? []);
          if (batch.length >= 2048) flushBatch();
        }
        if (start < body.length) pending.push(Buffer.from(body.subarray(start)));
      }
    }
  } finally {
    closeSync(fd);
  }
  if (pending.length > 0) batch.push(parseCsv(Buffer.concat(pending).toString('utf8'))[0] ?? []);
  const why = mismatch(s.dir, `${name}.csv`, want, { rows: Math.max(0, scanner.records - 1), bytes, sha256: hash.digest('hex') });
  if (why !== undefined) throw new ResultsError(why);
  for (const row of batch) {
    if (row.length !== header.columns.length) throw new ResultsError(`${s.dir}: ${name}.csv has a row of ${row.length} cells under a header of ${header.columns.length}`);
  }
  flushBatch();
}

export interface MergeOptions {
  /** Called before each step of writing (a test kills the process there). */
  readonly onStep?: StepHook;
}

/** What a merge did. */
export interface MergeReport {
  readonly shards: number;
  readonly jobs: number;
  readonly written: readonly string[];
  /** What preparing the output cleaned up. */
  readonly notes: readonly string[];
}

/**
 * Merges the shard folders of a sweep (`ephemera sweep --shard K/N`) into `out`, streaming:
 * the same bytes as the unsharded sweep, manifest.json's `command` aside. Every shard is
 * checked against its manifest first (ephemera's, a shard, its claimed slice the one
 * `--shard K/N` gives, every listed file present and nothing unlisted, its summary's rows
 * the slice's jobs in order) and each file's rows, bytes and SHA-256 as it is copied.
 * `out` may be neither a shard nor hold one. Throws ResultsError naming the shard and the
 * file (nothing is written then).
 */
export function mergeResults(dirs: readonly string[], out: string, command: string, options: MergeOptions = {}): MergeReport {
  if (dirs.length === 0) throw new ResultsError('name the shard folders to merge');
  checkNotAnInput(out, dirs, `--out ${out}`);
  const shards = checkShardSet(dirs.map(readShard)) as Shard[];
  for (const s of shards) checkSlice(s, readVerified(s.dir, 'summary.csv', s.files.get('summary.csv')!));
  const seenFiles = new Map<string, string>();
  const columns = new Map<string, string[]>();
  for (const s of shards) {
    for (const path of s.files.keys()) {
      if (path.includes('/')) {
        const other = seenFiles.get(path);
        if (other !== undefined) throw new ResultsError(`${path} is in both ${other} and ${s.dir}: the shards overlap`);
        seenFiles.set(path, s.dir);
      } else if (path.endsWith('.csv') && path !== 'aggregate.csv') {
        const name = path.slice(0, -4);
        const u = columns.get(name) ?? [];
        for (const c of headerOf(join(s.dir, path)).columns) if (!u.includes(c)) u.push(c);
        columns.set(name, u);
      }
    }
  }
  const folder = FolderSink.open(out, { inputs: dirs, ...(options.onStep !== undefined ? { onStep: options.onStep } : {}) });
  try {
    const names = [...columns.keys()].sort((a, b) => (a === 'summary' ? -1 : b === 'summary' ? 1 : a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      for (const s of shards) {
        const want = s.files.get(`${name}.csv`);
        if (want !== undefined) copyTable(folder, s, name, columns.get(name)!, want);
      }
      folder.endUnit(0);
    }
    for (const s of shards) {
      for (const [path, want] of s.files) {
        if (!path.includes('/')) continue;
        folder.file(path, readVerified(s.dir, path, want).toString('utf8'));
      }
    }
    const summary = folder.readTable('summary');
    if (summary !== undefined) folder.putTable(aggregateOf(summary));
    const written = folder.commit(mergedManifest(shards[0]!, command));
    return { shards: shards.length, jobs: summary?.rows.length ?? 0, written: orderWritten(written), notes: folder.notes };
  } catch (e) {
    folder.abort();
    throw e;
  }
}
