import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Cell, Table } from '../metrics/table.js';
import type { ResultsSink } from '../metrics/results-sink.js';
import { csvToTable } from '../metrics/csv-read.js';
import { CSV_OPTIONS } from '../metrics/csv-encode.js';
import { stringify } from 'csv-stringify/sync';
import { ResultsError } from '../experiment/results-error.js';
import { onPath } from './fs-error.js';
import { JOURNAL, MARKER, markerFor, type Places } from './staging.js';
import { prepareTarget, type PrepareOptions } from './prepare-target.js';
import { replaceFolder, syncFolder, type StepHook } from './replace-folder.js';
import { StagedTable, type TableResume } from './staged-table.js';
import { readJournal, type JournalEntry } from './sweep-journal.js';

/** What manifest.json records about each file of a results folder. */
export interface FileEntry {
  /** Data rows of a CSV file (the header not counted); absent for text files. */
  readonly rows?: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface OpenOptions extends PrepareOptions {
  /**
   * Journal every unit (a sweep's job) to the staging folder, durably, so that a killed
   * sweep can continue: `header` identifies the sweep (a resume must match it).
   */
  readonly journal?: { readonly header: Readonly<Record<string, unknown>> };
  /** Called before each step of writing (a test kills the process there). */
  readonly onStep?: StepHook;
}

/** A text path inside a results folder: relative, `/`-separated, no `.` or `..` segments. */
function checkRelative(path: string): void {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || parts.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new Error(`not a relative path inside a results folder: ${JSON.stringify(path)}`);
  }
}

/**
 * A results folder being written: every table and file goes to `<target>.ephemera-staging/`
 * as it is produced (CSV rows streamed, counted and hashed as they are written), and
 * `commit` writes manifest.json, listing each file's rows, bytes and SHA-256, and puts
 * the folder in place of the target atomically. With a journal (sweeps), each unit is
 * flushed to the disk and recorded as it ends, and a killed sweep can be continued by
 * `open(..., { resume: true })`. Implements ResultsSink.
 */
export class FolderSink implements ResultsSink {
  readonly places: Places;
  /** What preparing the target cleaned up (for a note to the user). */
  readonly notes: readonly string[];
  /** Units the journal already holds when resumed (the next unit to run is the last one + 1). */
  readonly resumed: readonly number[];
  /** The journal's header (the first invocation's, when resumed). */
  readonly journalHeader: Readonly<Record<string, unknown>> | undefined;
  readonly #tables = new Map<string, StagedTable>();
  readonly #files = new Map<string, FileEntry>();
  readonly #unitTables = new Set<string>();
  readonly #unitFiles = new Map<string, FileEntry>();
  readonly #onStep: StepHook;
  /** Tables whose header the journal holds. */
  readonly #journaledHeaders = new Set<string>();
  #journal: number | undefined;
  #journalBytes = 0;
  #closed = false;
  #finished = false;

  private constructor(places: Places, notes: readonly string[], onStep: StepHook, journalHeader: Readonly<Record<string, unknown>> | undefined, resumed: readonly number[]) {
    this.places = places;
    this.notes = notes;
    this.#onStep = onStep;
    this.journalHeader = journalHeader;
    this.resumed = resumed;
  }

  /**
   * Checks the target and opens its staging folder (see `prepareTarget`): nothing is
   * simulated before every output of a command is open. With `resume` and a journal, an
   * unfinished sweep's staging is continued when its header matches (ResultsError when it
   * does not).
   */
  static open(target: string, options: OpenOptions = {}): FolderSink {
    const prepared = prepareTarget(target, options);
    const p = prepared.places;
    const onStep = options.onStep ?? ((): void => {});
    const header = options.journal?.header;
    if (prepared.finished) {
      const done = new FolderSink(p, prepared.notes, onStep, header, []);
      done.#finished = true;
      done.#closed = true;
      return done;
    }
    if (prepared.resumable) {
      if (header === undefined) throw new Error('resume needs a journal header');
      return FolderSink.#resume(p, prepared.notes, onStep, header);
    }
    const folder = new FolderSink(p, prepared.notes, onStep, header, []);
    try {
      if (header !== undefined) folder.#openJournal(`${JSON.stringify({ journal: 1, ...header })}\n`);
    } catch (e) {
      folder.abort();
      throw e;
    }
    return folder;
  }

  static #resume(p: Places, notes: readonly string[], onStep: StepHook, header: Readonly<Record<string, unknown>>): FolderSink {
    const journalPath = join(p.staging, JOURNAL);
    const journal = readJournal(journalPath);
    const discard = (why: string): FolderSink => {
      rmSync(p.staging, { recursive: true, force: true });
      mkdirSync(p.staging);
      writeFileSync(join(p.staging, MARKER), `${JSON.stringify(markerFor(p.target))}\n`);
      const f = new FolderSink(p, [...notes, why], onStep, header, []);
      f.#openJournal(`${JSON.stringify({ journal: 1, ...header })}\n`);
      return f;
    };
    if (journal === undefined) return discard(`nothing to resume in ${p.staging} (no journal): starting from the first job`);
    const { journal: _v, command: oldCommand, ...oldRest } = journal.header;
    const { command: _c, ...newRest } = header;
    if (JSON.stringify(oldRest) !== JSON.stringify(newRest)) {
      const keys = Object.keys({ ...oldRest, ...newRest }).filter((k) => JSON.stringify(oldRest[k]) !== JSON.stringify(newRest[k]));
      throw new ResultsError(`cannot resume: ${p.staging} holds an unfinished sweep that differs from this one in ${keys.join(', ')}; repeat its own command with --resume, or run this one without --resume to discard it`);
    }
    writeFileSync(join(p.staging, MARKER), `${JSON.stringify(markerFor(p.target))}\n`);
    const folder = new FolderSink(p, notes, onStep, { ...header, command: oldCommand }, journal.entries.map((e) => e.unit));
    folder.#restore(journal.entries);
    const fd = onPath(journalPath, 'cannot open the journal', () => openSync(journalPath, 'r+'));
    // A torn last line (the kill came while it was written) is dropped: the journal goes on after the last complete entry.
    onPath(journalPath, 'cannot write the journal', () => ftruncateSync(fd, journal.validBytes));
    folder.#journal = fd;
    folder.#journalBytes = journal.validBytes;
    return folder;
  }

  /** Rebuilds the tables and files a journal recorded, and removes what a killed unit left. */
  #restore(entries: readonly JournalEntry[]): void {
    const state = new Map<string, { header: readonly string[]; columns: readonly string[]; rows: number; bytes: number; sha256: string }>();
    for (const e of entries) {
      for (const [name, t] of Object.entries(e.tables)) {
        const prev = state.get(name);
        const header = t.header ?? prev?.header;
        if (header === undefined) throw new ResultsError(`cannot resume: the journal in ${this.places.staging} is damaged (table ${name} has no header); run without --resume`);
        state.set(name, { header, columns: t.columns ?? prev?.columns ?? header, rows: t.rows, bytes: t.bytes, sha256: t.sha256 });
      }
      for (const [path, f] of Object.entries(e.files)) this.#files.set(path, f);
    }
    for (const [name, s] of state) {
      const resume: TableResume = s;
      this.#journaledHeaders.add(name);
      try {
        this.#tables.set(name, StagedTable.resume(name, join(this.places.staging, `${name}.csv`), resume));
      } catch (e) {
        throw new ResultsError(`cannot resume: ${(e as Error).message}; run without --resume to start again`);
      }
    }
    for (const [path, f] of this.#files) {
      const abs = join(this.places.staging, path);
      let size = -1;
      try {
        size = statSync(abs).size;
      } catch {
        // missing
      }
      if (size !== f.bytes) throw new ResultsError(`cannot resume: ${abs} is not as the journal recorded it; run without --resume to start again`);
    }
    // Anything else in the staging folder was written by the unit that was killed.
    const keep = new Set([MARKER, JOURNAL, ...[...this.#tables.keys()].map((n) => `${n}.csv`), ...this.#files.keys()]);
    const sweep = (rel: string): void => {
      const abs = rel === '' ? this.places.staging : join(this.places.staging, rel);
      for (const d of readdirSync(abs, { withFileTypes: true })) {
        const r = rel === '' ? d.name : `${rel}/${d.name}`;
        if (keep.has(r)) continue;
        if (d.isDirectory() && [...keep].some((k) => k.startsWith(`${r}/`))) sweep(r);
        else rmSync(join(this.places.staging, r), { recursive: true, force: true });
      }
    };
    sweep('');
  }

  #openJournal(headerLine: string): void {
    const path = join(this.places.staging, JOURNAL);
    this.#journal = onPath(path, 'cannot create the journal', () => openSync(path, 'wx'));
    this.#journalWrite(headerLine);
  }

  #journalWrite(line: string): void {
    const fd = this.#journal!;
    const path = join(this.places.staging, JOURNAL);
    const buf = Buffer.from(line, 'utf8');
    onPath(path, 'cannot write the journal', () => {
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, this.#journalBytes + off);
      fsyncSync(fd);
    });
    this.#journalBytes += buf.length;
  }

  /**
   * True when opened to resume a run whose results were already complete (it was killed
   * as it moved them in place): they are now at the target, and there is nothing to write.
   */
  get finished(): boolean {
    return this.#finished;
  }

  /** Units to skip: true when `unit` is already in the journal. */
  hasUnit(unit: number): boolean {
    return this.resumed.includes(unit);
  }

  append(name: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): void {
    this.appendLed(name, columns, [], rows);
  }

  appendLed(name: string, columns: readonly string[], lead: readonly Cell[], rows: Iterable<readonly Cell[]>): void {
    this.#onStep(`append to ${name}.csv`);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not a table name: ${JSON.stringify(name)}`);
    let t = this.#tables.get(name);
    if (t === undefined) {
      t = StagedTable.create(name, join(this.places.staging, `${name}.csv`), columns);
      this.#tables.set(name, t);
    }
    t.append(columns, rows, lead);
    this.#unitTables.add(name);
  }

  /** Appends a whole table (e.g. aggregate.csv, computed at the end). */
  putTable(table: Table): void {
    this.append(table.name, table.columns, table.rows);
  }

  /**
   * Appends formatted CSV records (`body`, `rows` of them, as `encodeRows` formats them)
   * whose cells are `columns`: copied as they are when those are the table's columns (a
   * merge's copy, a worker's replication), else read back and mapped onto the table's
   * union of columns as `append` does (the same bytes either way).
   */
  appendEncoded(name: string, columns: readonly string[], body: Uint8Array, rows: number): void {
    this.#onStep(`append to ${name}.csv`);
    let t = this.#tables.get(name);
    if (t === undefined) {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not a table name: ${JSON.stringify(name)}`);
      t = StagedTable.create(name, join(this.places.staging, `${name}.csv`), columns);
      this.#tables.set(name, t);
    }
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (t.columns.length === columns.length && t.columns.every((c, i) => c === columns[i])) t.appendEncoded(buf, rows);
    else {
      const part = csvToTable(name, stringify([[...columns]], CSV_OPTIONS) + buf.toString('utf8'));
      if (part.rows.length !== rows) throw new Error(`table ${name}: ${rows} encoded rows expected, ${part.rows.length} read`);
      t.append(columns, part.rows);
    }
    this.#unitTables.add(name);
  }

  file(path: string, text: string): void {
    checkRelative(path);
    this.#onStep(`write ${path}`);
    const abs = join(this.places.staging, path);
    const buf = Buffer.from(text, 'utf8');
    onPath(abs, 'cannot write', () => {
      mkdirSync(dirname(abs), { recursive: true });
      const fd = openSync(abs, 'w');
      try {
        let off = 0;
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
        if (this.#journal !== undefined) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    const entry = { bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
    this.#files.set(path, entry);
    this.#unitFiles.set(path, entry);
  }

  endUnit(unit: number): void {
    if (this.#journal === undefined) {
      this.#unitTables.clear();
      this.#unitFiles.clear();
      return;
    }
    const tables: Record<string, unknown> = {};
    for (const name of this.#unitTables) {
      const t = this.#tables.get(name)!;
      t.sync();
      const s = t.snapshot();
      tables[name] = this.#journaledHeaders.has(name) ? s : { ...s, header: t.header };
      this.#journaledHeaders.add(name);
    }
    if (this.#unitFiles.size > 0) syncFolder(this.places.staging);
    this.#onStep(`journal unit ${unit}`);
    this.#journalWrite(`${JSON.stringify({ unit, tables, files: Object.fromEntries(this.#unitFiles) })}\n`);
    this.#unitTables.clear();
    this.#unitFiles.clear();
  }

  /** A table as staged so far, read back (cells as strings): aggregate.csv is computed from summary.csv as written. */
  readTable(name: string): Table | undefined {
    const t = this.#tables.get(name);
    if (t === undefined) return undefined;
    t.sync();
    return csvToTable(name, onPath(t.path, 'cannot read', () => readFileSync(t.path, 'utf8')));
  }

  /** Table names in the order they were first appended. */
  get tableNames(): readonly string[] {
    return [...this.#tables.keys()];
  }

  /**
   * Finishes every table, writes manifest.json (`manifest` plus `files`: each file's rows,
   * bytes and SHA-256, by path), and puts the staging folder in place of the target (see
   * `replaceFolder`). Returns the files written, relative to the target.
   */
  commit(manifest: object): string[] {
    const listing = new Map<string, FileEntry>();
    const written: string[] = [];
    for (const [name, t] of this.#tables) {
      this.#onStep(`finish ${name}.csv`);
      listing.set(`${name}.csv`, t.finish());
      written.push(`${name}.csv`);
    }
    for (const [path, f] of this.#files) {
      listing.set(path, f);
      written.push(path);
    }
    const files = Object.fromEntries([...listing].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.#onStep('write manifest.json');
    const mpath = join(this.places.staging, 'manifest.json');
    onPath(mpath, 'cannot write', () => {
      const fd = openSync(mpath, 'w');
      try {
        writeSync(fd, `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    written.push('manifest.json');
    if (this.#journal !== undefined) {
      closeSync(this.#journal);
      this.#journal = undefined;
      this.#onStep('remove the journal');
      rmSync(join(this.places.staging, JOURNAL), { force: true });
    }
    this.#onStep('remove the staging marker');
    rmSync(join(this.places.staging, MARKER), { force: true });
    this.#onStep('flush the staging folder');
    syncFolder(this.places.staging);
    replaceFolder(this.places, this.#onStep);
    this.#closed = true;
    return written;
  }

  /**
   * Gives up: closes the files and removes the staging folder, or, with `keep` (a sweep
   * that journals), leaves it for `--resume`.
   */
  abort(keep = false): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#tables.values()) t.close();
    if (this.#journal !== undefined) closeSync(this.#journal);
    if (!keep) rmSync(this.places.staging, { recursive: true, force: true });
  }
}
