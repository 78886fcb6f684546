/**
 * Failure traces as files: a CSV with a header naming `host`, `start_s`, `end_s` and
 * optionally `kind` (other columns are ignored), one row per interval a host was down.
 * The Failure Trace Archive's event tables reduce to this. Parsed here into TraceRows for
 * the faults layer; the loader supplies the text.
 */
import { FAULT_KINDS, FaultKind } from '../faults/fault.js';
import { hostId, parseHostId } from '../faults/scope.js';
import type { TraceRow } from '../faults/trace-replay.js';
import { csvAt, CsvError, readCsv, type CsvFile } from '../metrics/csv-read.js';

/** At most this many problems of one trace are reported (then a count of the rest). */
export const MAX_TRACE_PROBLEMS = 10;

/** A time in seconds >= 0 as integer ms, or a message. */
function seconds(cell: string | undefined, column: string): number | string {
  const v = cell === undefined || cell === '' ? NaN : Number(cell);
  if (!Number.isFinite(v) || v < 0) return `${column} ${cell === undefined || cell === '' ? 'is missing' : `"${cell}" is not a number of seconds >= 0`}`;
  return Math.round(v * 1000);
}

/**
 * Parses a failure trace. Host ids are ephemera's (`us-east-1a-h00042`: zone, `-h`, the
 * 0-based index within the zone; zero padding optional); `hostProblem(zone, index)` says
 * why one does not exist, or undefined. `kind` is one of hardware-failure (the default when
 * the column or cell is empty), maintenance, power-outage, rack-failure. Times are seconds
 * from the start of the run. The file is read by the one CSV reader (quoted cells, `#`
 * comment lines, spaces around cells trimmed). Every problem is a message `path:N: ...`:
 * a malformed row, a bad cell, an unknown host, end_s before start_s, or an interval
 * overlapping an earlier one of the same host (touching intervals are fine).
 */
export function parseFailureTrace(text: string, path: string, hostProblem: (zone: string, index: number) => string | undefined): { rows: TraceRow[]; problems: string[] } {
  let csv: CsvFile;
  try {
    csv = readCsv(text, path, { trim: true, comments: true });
  } catch (e) {
    if (e instanceof CsvError) return { rows: [], problems: [e.message] };
    throw e;
  }
  if (csv.header.length === 0) return { rows: [], problems: [`${path}: the file is empty; expected a header row: host,start_s,end_s,kind`] };
  const names = csv.header;
  const col = (n: string): number => csv.column(n);
  const missing = ['host', 'start_s', 'end_s'].filter((n) => col(n) < 0);
  if (missing.length > 0) return { rows: [], problems: [`${csvAt(path, csv.headerLine)}: no column ${missing.map((m) => `"${m}"`).join(', ')} in the header (columns: ${names.join(', ')}); expected host,start_s,end_s[,kind]`] };
  const problems: string[] = [];
  const rows: TraceRow[] = [];
  for (const { cells: c, line } of csv.records) {
    const at = csvAt(path, line);
    const rawHost = c[col('host')] ?? '';
    const parsed = parseHostId(rawHost);
    const start = seconds(c[col('start_s')], 'start_s');
    const end = seconds(c[col('end_s')], 'end_s');
    const rawKind = col('kind') < 0 ? '' : (c[col('kind')] ?? '');
    const kind = rawKind === '' ? FaultKind.HardwareFailure : FAULT_KINDS.find((k) => k === rawKind);
    const bad: string[] = [];
    if (parsed === undefined) bad.push(`host "${rawHost}" is not a host id like us-east-1a-h00042`);
    else {
      const why = hostProblem(parsed.zone, parsed.index);
      if (why !== undefined) bad.push(why);
    }
    if (typeof start === 'string') bad.push(start);
    if (typeof end === 'string') bad.push(end);
    if (typeof start === 'number' && typeof end === 'number' && end < start) bad.push(`end_s ${end / 1000} is before start_s ${start / 1000}`);
    if (kind === undefined) bad.push(`unknown kind "${rawKind}"; expected one of ${FAULT_KINDS.join(', ')}`);
    if (bad.length > 0 || parsed === undefined || typeof start !== 'number' || typeof end !== 'number' || kind === undefined) {
      problems.push(`${at}: ${bad.join('; ')}`);
      continue;
    }
    rows.push({ host: hostId(parsed.zone, parsed.index), startMs: start, endMs: end, kind, line });
  }
  const byHost = new Map<string, TraceRow[]>();
  for (const r of rows) {
    const list = byHost.get(r.host);
    if (list === undefined) byHost.set(r.host, [r]);
    else list.push(r);
  }
  const overlaps: { line: number; text: string }[] = [];
  for (const list of byHost.values()) {
    const sorted = [...list].sort((a, b) => a.startMs - b.startMs || a.line - b.line);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (cur.startMs < prev.endMs) {
        overlaps.push({ line: Math.max(cur.line, prev.line), text: `${cur.host} is down ${cur.startMs / 1000}-${cur.endMs / 1000} s (line ${cur.line}), overlapping ${prev.startMs / 1000}-${prev.endMs / 1000} s (line ${prev.line}); merge or fix the intervals` });
      }
    }
  }
  overlaps.sort((a, b) => a.line - b.line);
  problems.push(...overlaps.map((o) => `${csvAt(path, o.line)}: ${o.text}`));
  return { rows, problems };
}
