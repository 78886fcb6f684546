import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Table } from '../metrics/table.js';
import { tableToCsv } from './csv.js';
import { ResultsError } from '../experiment/results-error.js';

/** Writes one table as a CSV file at `path`, atomically (a staging file, then a rename). */
export function writeTableFile(path: string, table: Table): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new ResultsError(`${path} is a folder: give a file name for the CSV`);
  const staging = `${path}.partial-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(staging, tableToCsv(table));
    renameSync(staging, path);
  } catch (e) {
    rmSync(staging, { force: true });
    throw e;
  }
}
