import { csvAt, CsvError, readCsv, type CsvFile } from '../metrics/csv-read.js';
import type { Scenario } from './schema.js';

type Path = (string | number)[];

/**
 * Reads the resolver query log a `dns.replay` names (through `readText`), checking every
 * row (read by the one CSV reader: quoted cells, spaces around cells trimmed): `time_s` a
 * number >= 0 within the run, a resolver label and a name. Rows are kept sorted by time
 * (stable). Problems go to `onError` located as `file:line`.
 */
export function resolveDnsReplay(scenario: Scenario, readText: (path: string) => string, onError: (path: Path, message: string) => void): void {
  const replay = scenario.dns?.replay;
  if (replay === undefined) return;
  const path: Path = ['dns', 'replay', 'csv'];
  let text: string;
  try {
    text = readText(replay.csv);
  } catch (e) {
    onError(path, (e as Error).message);
    return;
  }
  let csv: CsvFile;
  try {
    csv = readCsv(text, replay.csv, { trim: true });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    onError(path, e.message);
    return;
  }
  const [ti, ri, ni] = [csv.column('time_s'), csv.column('resolver'), csv.column('name')];
  if (ti < 0 || ri < 0 || ni < 0) {
    onError(path, `${csvAt(replay.csv, Math.max(csv.headerLine, 1))}: expected a header with time_s, resolver and name; got ${csv.header.join(', ')}`);
    return;
  }
  const rows: { t: number; r: string; n: string; k: number }[] = [];
  let problems = 0;
  for (const { cells, line } of csv.records) {
    const time = cells[ti] ?? '';
    const t = Number(time);
    const r = cells[ri] ?? '';
    const n = cells[ni] ?? '';
    let why: string | undefined;
    if (time === '' || !Number.isFinite(t) || t < 0) why = `time_s "${time}" is not a number >= 0`;
    else if (t * 1000 > scenario.duration) why = `time_s ${t} is after the end of the run (${scenario.duration / 1000} s)`;
    else if (r === '' || n === '') why = 'resolver and name must not be empty';
    if (why !== undefined) {
      if (problems++ < 5) onError(path, `${csvAt(replay.csv, line)}: ${why}`);
      continue;
    }
    rows.push({ t: Math.round(t * 1000), r, n, k: rows.length });
  }
  rows.sort((a, b) => a.t - b.t || a.k - b.k);
  const ids = new Map<string, number>();
  for (const row of rows) {
    let id = ids.get(row.r);
    if (id === undefined) {
      id = ids.size;
      ids.set(row.r, id);
    }
    replay.timesMs.push(row.t);
    replay.resolverIds.push(id);
    replay.names.push(row.n);
  }
  replay.resolverCount = ids.size;
}
