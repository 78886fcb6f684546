import type { Table } from '../metrics/table.js';
import { FolderSink, type FileEntry } from './folder-sink.js';

export { assertReplaceable } from './prepare-target.js';

/** What manifest.json records about a run: enough to reproduce it. */
export interface Manifest {
  /** ephemera's version (package.json). */
  readonly ephemera: string;
  /** The git commit ephemera ran from, `-dirty` appended when tracked files differed; absent when not run from a checkout. */
  readonly commit?: string;
  readonly scenario: string;
  readonly scenario_file: string;
  readonly scenario_sha256: string;
  readonly seed: number;
  readonly replications: number;
  /** Simulated time of one replication, in seconds (the same at every point of a sweep, or absent). */
  readonly duration_s?: number;
  readonly overrides: readonly string[];
  readonly command: string;
  /** A sweep's grid (and the shard, for one slice of it); absent for a run. */
  readonly sweep?: SweepManifest;
  /** Every file of the folder but manifest.json, by relative path: rows (CSV), bytes and SHA-256. Written by `FolderSink.commit`. */
  readonly files?: Readonly<Record<string, FileEntry>>;
}

/** What manifest.json records about a sweep. */
export interface SweepManifest {
  /** How points and jobs are numbered. */
  readonly order: string;
  /** Each varied path with its values, in --vary order. */
  readonly vary: readonly { readonly path: string; readonly values: readonly string[] }[];
  /** Every point of the grid: its index and the value of each varied path. */
  readonly points: readonly { readonly point: number; readonly values: Readonly<Record<string, string>> }[];
  /** Jobs in the whole grid: points x replications. */
  readonly jobs: number;
  /** Present in a shard's folder: which slice of the jobs, [first_job, end_job). */
  readonly shard?: { readonly index: number; readonly count: number; readonly first_job: number; readonly end_job: number };
}

/**
 * Writes `<table>.csv` for every table, the text files and `manifest.json` into `dir`,
 * replacing what was there (only a results folder ephemera wrote: see `assertReplaceable`).
 * Everything is first written to `<dir>.ephemera-staging/` and then moved in place
 * atomically, so a failure or a kill leaves the old folder or the new one, never a mix.
 * Returns the files written, relative to `dir`.
 */
export function writeResults(dir: string, tables: readonly Table[], manifest: Manifest, extra: ReadonlyMap<string, string> = new Map()): string[] {
  const folder = FolderSink.open(dir);
  try {
    for (const t of tables) folder.putTable(t);
    for (const [name, text] of extra) folder.file(name, text);
    const { files: _files, ...rest } = manifest;
    return folder.commit(rest);
  } catch (e) {
    folder.abort();
    throw e;
  }
}
