import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Table } from '../metrics/table.js';
import { tableToCsv } from './csv.js';

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
 * Writes `<table>.csv` for every table and `manifest.json` into `dir`, replacing what was
 * there. Files are first written to a sibling staging folder and then moved in place, so a
 * failure leaves no half-written results. Returns the files written, relative to `dir`.
 */
export function writeResults(dir: string, tables: readonly Table[], manifest: Manifest, extra: ReadonlyMap<string, string> = new Map()): string[] {
  assertReplaceable(dir);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const written: string[] = [];
  try {
    for (const t of tables) {
      writeFileSync(join(staging, `${t.name}.csv`), tableToCsv(t));
      written.push(`${t.name}.csv`);
    }
    for (const [name, text] of extra) {
      mkdirSync(dirname(join(staging, name)), { recursive: true });
      writeFileSync(join(staging, name), text);
      written.push(name);
    }
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    written.push('manifest.json');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(staging, dir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  return written;
}

/**
 * Refuses to replace a folder that is not an earlier ephemera result (no manifest.json)
 * and not empty, so `--out .` can never delete a user's files.
 */
export function assertReplaceable(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new Error(`refusing to replace ${dir}: it is not empty and holds no manifest.json (not an ephemera results folder); choose another --out`);
  }
}
