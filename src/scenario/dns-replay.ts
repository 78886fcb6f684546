import type { Scenario } from './schema.js';

type Path = (string | number)[];

/**
 * Reads the resolver query log a `dns.replay` names (through `readText`), checking every
 * row: `time_s` a number >= 0 within the run, a resolver label and a name. Rows are kept
 * sorted by time (stable). Problems go to `onError` with the file and line.
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
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  const [ti, ri, ni] = [col('time_s'), col('resolver'), col('name')];
  if (ti < 0 || ri < 0 || ni < 0) {
    onError(path, `${replay.csv}, line 1: expected a header with time_s, resolver and name; got ${header.join(', ')}`);
    return;
  }
  const rows: { t: number; r: string; n: string; k: number }[] = [];
  let problems = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    const t = Number(cells[ti]);
    const r = cells[ri] ?? '';
    const n = cells[ni] ?? '';
    let why: string | undefined;
    if (cells[ti] === '' || !Number.isFinite(t) || t < 0) why = `time_s "${cells[ti] ?? ''}" is not a number >= 0`;
    else if (t * 1000 > scenario.duration) why = `time_s ${t} is after the end of the run (${scenario.duration / 1000} s)`;
    else if (r === '' || n === '') why = 'resolver and name must not be empty';
    if (why !== undefined) {
      if (problems++ < 5) onError(path, `${replay.csv}, line ${i + 1}: ${why}`);
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
