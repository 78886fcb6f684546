import type { Cell } from './table.js';

/**
 * Where a run's or a sweep's results go as they are produced: a results folder being
 * written (output/), or tables kept in memory (experiment/memory-sink.ts). Producers call
 * it unit by unit (a replication of a run, a job of a sweep), in unit order, so the result
 * depends only on the units' outputs, never on which thread or machine ran them.
 */
export interface ResultsSink {
  /**
   * Appends one part of table `name`: `rows`, each with `columns`. Parts of one table may
   * have different columns (points of a sweep that add a component): the table's columns
   * are the union of its parts' columns in order of first appearance, and a row has an
   * empty cell where its part had no such column. `rows` is read once, lazily, so a part
   * need not be held in memory.
   */
  append(name: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): void;
  /**
   * Optional: appends one part of table `name` already formatted as CSV records (`body`,
   * `rows` of them, formatted as `encodeRows` does, each with `columns`): what a worker
   * process formatted, written without being parsed again. The same table as `append`
   * of those rows would make.
   */
  appendEncoded?(name: string, columns: readonly string[], body: Uint8Array, rows: number): void;
  /**
   * Optional: `append` of `rows` with `lead`'s cells in front of each row, without copying
   * the rows to put them there (a replication's index before each of its rows): `columns`
   * names the lead cells first, then the rows' own. `rows` may be a LazyTable, which a sink
   * that keeps tables may keep as it is (rows made when read). Callers go through
   * `appendWithLead`, which falls back to `append` for a sink without this method.
   */
  appendLed?(name: string, columns: readonly string[], lead: readonly Cell[], rows: Iterable<readonly Cell[]>): void;
  /** A text file the run printed, by relative path with `/` (`console/3/i-1.txt`). */
  file(path: string, text: string): void;
  /**
   * Ends unit `unit` (a replication, or a sweep's job): everything appended since the
   * previous call belongs to it. A folder that journals (a sweep) makes it durable here.
   */
  endUnit(unit: number): void;
}

/** `rows` with `lead`'s cells in front of each, made as they are read. */
export function* withLead(lead: readonly Cell[], rows: Iterable<readonly Cell[]>): Generator<Cell[]> {
  for (const r of rows) yield [...lead, ...r];
}

/**
 * Appends `rows` of table `name` with `lead`'s cells in front of each (`columns` names the
 * lead cells first): by `sink.appendLed` when the sink has it (no copy of each row), else by
 * `append` of the rows made whole.
 */
export function appendWithLead(sink: ResultsSink, name: string, columns: readonly string[], lead: readonly Cell[], rows: Iterable<readonly Cell[]>): void {
  if (sink.appendLed !== undefined) sink.appendLed(name, columns, lead, rows);
  else sink.append(name, columns, withLead(lead, rows));
}
