import type { ResultsSink } from '../metrics/results-sink.js';
import { LazyTable, type Cell, type Table } from '../metrics/table.js';
import { UnionTable } from './union-table.js';

/**
 * A ResultsSink that keeps everything in memory: the tables (each the union of its parts'
 * columns, as a results folder would hold it) and the text files. For library callers who
 * want the tables as data; the command line streams to a folder instead.
 */
export class MemorySink implements ResultsSink {
  readonly #tables = new Map<string, UnionTable>();
  readonly files = new Map<string, string>();

  append(name: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): void {
    this.#table(name).add(columns, rows);
  }

  /** As `append` with `lead` in front of every row; a LazyTable given as `rows` stays lazy (see UnionTable). */
  appendLed(name: string, columns: readonly string[], lead: readonly Cell[], rows: Iterable<readonly Cell[]>): void {
    if (rows instanceof LazyTable) this.#table(name).addLazy(columns, lead, rows);
    else this.#table(name).add(columns, rows, lead);
  }

  #table(name: string): UnionTable {
    let t = this.#tables.get(name);
    if (t === undefined) {
      t = new UnionTable(name);
      this.#tables.set(name, t);
    }
    return t;
  }

  file(path: string, text: string): void {
    this.files.set(path, text);
  }

  endUnit(): void {}

  /** The tables: summary first, then the others in the order they were first appended. */
  tables(): Table[] {
    const all = [...this.#tables.values()].map((t) => t.table());
    return [...all.filter((t) => t.name === 'summary'), ...all.filter((t) => t.name !== 'summary')];
  }
}
