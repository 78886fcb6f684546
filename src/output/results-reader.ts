import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from '../metrics/table.js';
import { CsvError, csvToTable } from '../metrics/csv-read.js';
import { ResultsError } from '../experiment/results-error.js';
import { isCompleteResults, placesOf } from './staging.js';

/** A results folder as read back: its manifest, its tables (cells as strings) and its text files. */
export interface ResultsFolder {
  readonly dir: string;
  /** manifest.json, parsed; undefined when the folder has none. */
  readonly manifest: Readonly<Record<string, unknown>> | undefined;
  /** Every top-level `<name>.csv`, by name, in file-name order. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Files in subfolders (console output, describe listings), by relative path with `/`. */
  readonly files: ReadonlyMap<string, string>;
}

function listFiles(dir: string, prefix: string, out: Map<string, string>): void {
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) listFiles(p, `${prefix}${d.name}/`, out);
    else out.set(`${prefix}${d.name}`, readFileSync(p, 'utf8'));
  }
}

/**
 * "no such results folder", and where its results are when a replacement of it was
 * interrupted (the next command writing into it finishes or undoes the replacement).
 */
export function missingFolderMessage(dir: string): string {
  const p = placesOf(dir);
  if (isCompleteResults(p.old)) return `${dir}: no such results folder, but ${p.old} holds its previous results (a replacement was interrupted): rename it back, or run the command that writes ${dir} again`;
  return `${dir}: no such results folder`;
}

/**
 * Reads a results folder written by `run`, `sweep` or `merge`; `skip` names tables to leave
 * unread (`timeseries`, which the report streams instead). Throws ResultsError when `dir`
 * is not a folder, or a CSV does not parse.
 */
export function readResults(dir: string, options: { readonly files?: boolean; readonly skip?: readonly string[] } = {}): ResultsFolder {
  if (!existsSync(dir)) throw new ResultsError(missingFolderMessage(dir));
  if (!statSync(dir).isDirectory()) throw new ResultsError(`${dir} is a file, not a results folder`);
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const tables = new Map<string, Table>();
  const files = new Map<string, string>();
  let manifest: Record<string, unknown> | undefined;
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (options.files === true) listFiles(p, `${e.name}/`, files);
    } else if (e.name.endsWith('.csv')) {
      const name = e.name.slice(0, -4);
      if (options.skip?.includes(name) === true) continue;
      try {
        tables.set(name, csvToTable(name, readFileSync(p, 'utf8'), p));
      } catch (err) {
        throw new ResultsError(err instanceof CsvError ? err.message : `${p}: ${(err as Error).message}`);
      }
    } else if (e.name === 'manifest.json') {
      try {
        manifest = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new ResultsError(`${p}: not valid JSON (${(err as Error).message})`);
      }
    }
  }
  return { dir, manifest, tables, files };
}

/** The folder's summary.csv; throws ResultsError naming the folder when it has none. */
export function requireSummary(folder: ResultsFolder): Table {
  const s = folder.tables.get('summary');
  if (s === undefined) throw new ResultsError(`${folder.dir}: no summary.csv (not an ephemera results folder?)`);
  return s;
}
