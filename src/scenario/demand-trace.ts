import { csvAt, CsvError, readCsv, type CsvFile } from '../metrics/csv-read.js';
import { formatDuration } from '../engine/units.js';
import type { Scenario } from './schema.js';

type Path = (string | number)[];
/** Problems listed per file before the rest are summed up. */
const SHOWN = 5;

/**
 * Reads the request-count trace a `demand.trace` names (through `readText`): a header with
 * the trace's time and count columns, then one row per interval in time order, the first
 * row starting the run and each next one `interval` later, counts >= 0. It must cover the
 * run unless `repeat` is set. Problems go to `onError` with the file and line.
 */
export function resolveDemandTrace(scenario: Scenario, readText: (path: string) => string, onError: (path: Path, message: string) => void): void {
  const trace = scenario.demand?.trace;
  if (trace === undefined) return;
  const path: Path = ['demand', 'trace', 'csv'];
  let csv: CsvFile;
  try {
    csv = readCsv(readText(trace.csv), trace.csv, { trim: true });
  } catch (e) {
    onError(path, e instanceof CsvError ? e.message : (e as Error).message);
    return;
  }
  const ti = csv.column(trace.time);
  const ci = csv.column(trace.count);
  if (ti < 0 || ci < 0) {
    onError(path, `${csvAt(trace.csv, csv.headerLine || 1)}: expected a header with columns "${trace.time}" (time, s) and "${trace.count}" (requests per interval), got ${csv.header.join(', ') || '(nothing)'}; name them with demand.trace.time and demand.trace.count`);
    return;
  }
  let problems = 0;
  const problem = (line: number, why: string): void => {
    if (problems++ < SHOWN) onError(path, `${csvAt(trace.csv, line)}: ${why}`);
  };
  let t0: number | undefined;
  let row = -1; // data rows seen: row j must start j intervals after the first
  for (const { cells, line } of csv.records) {
    const tCell = cells[ti] ?? '';
    const cCell = cells[ci] ?? '';
    const t = Number(tCell);
    const c = Number(cCell);
    row++;
    if (tCell === '' || !Number.isFinite(t)) { problem(line, `${trace.time} "${tCell}" is not a number of seconds`); continue; }
    if (cCell === '' || !Number.isFinite(c)) { problem(line, `${trace.count} "${cCell}" is missing or not a number`); continue; }
    if (c < 0) { problem(line, `${trace.count} ${cCell} is negative; expected requests >= 0`); continue; }
    t0 ??= t - (row * trace.interval) / 1000;
    const k = row;
    const offsetMs = Math.round((t - t0) * 1000);
    if (offsetMs !== k * trace.interval) {
      const want = t0 + (k * trace.interval) / 1000;
      problem(line, offsetMs < k * trace.interval
        ? `${trace.time} ${tCell} is out of order or repeated: expected ${want} (rows every ${formatDuration(trace.interval)})`
        : `${trace.time} ${tCell} skips rows: expected ${want} (rows every ${formatDuration(trace.interval)}); give a row for every interval, with 0 for none`);
      continue;
    }
    trace.countsPerInterval.push(c);
  }
  if (problems > SHOWN) onError(path, `${trace.csv}: and ${problems - SHOWN} more problem(s) like these`);
  if (problems > 0) return;
  const covered = trace.countsPerInterval.length * trace.interval;
  if (covered === 0) onError(path, `${trace.csv}: no rows after the header`);
  else if (covered < scenario.duration && !trace.repeat) {
    onError(path, `${trace.csv} covers ${formatDuration(covered)} but the run lasts ${formatDuration(scenario.duration)}: add rows, shorten duration, or set demand.trace.repeat: true`);
  }
}
