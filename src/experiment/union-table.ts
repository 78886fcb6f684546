import { LazyTable, type Cell, type Table } from '../metrics/table.js';

/** Rows of one part, already mapped onto the union's columns (each row its own array). */
interface RowsPart {
  readonly rows: Cell[][];
}

/** A lazy part kept as it is: its rows are made when the table is read. */
interface LazyPart {
  readonly columns: readonly string[];
  readonly at: readonly number[];
  readonly lead: readonly Cell[];
  readonly table: LazyTable;
}

/**
 * A table assembled from parts whose columns may differ (points of a sweep that add a
 * component, shards that saw different points): its columns are the union of the parts'
 * columns in order of first appearance, and a row gets an empty cell where its part had
 * no such column. Parts with the same columns give the same table as concatenating them.
 *
 * Each row is held once: copied when added (so a producer may reuse its row arrays), padded
 * in place when the table is read. A table made only of lazy parts with the same columns
 * (a million rows of addresses.csv, replication by replication) stays lazy.
 */
export class UnionTable {
  readonly name: string;
  readonly #columns: string[] = [];
  readonly #index = new Map<string, number>();
  readonly #parts: (RowsPart | LazyPart)[] = [];

  constructor(name: string) {
    this.name = name;
  }

  #map(columns: readonly string[]): number[] {
    return columns.map((c) => {
      let i = this.#index.get(c);
      if (i === undefined) {
        i = this.#columns.length;
        this.#columns.push(c);
        this.#index.set(c, i);
      }
      return i;
    });
  }

  /** Appends rows that have `columns`; with `lead`, each row holds the cells after the lead's (`columns` names the lead cells first). */
  add(columns: readonly string[], rows: Iterable<readonly Cell[]>, lead: readonly Cell[] = []): void {
    const at = this.#map(columns);
    const part: RowsPart = { rows: [] };
    this.#parts.push(part);
    this.#addRows(part, at, lead, rows);
  }

  /** Appends a lazy table's rows, with `lead` in front of each, kept lazy while the table can stay so. */
  addLazy(columns: readonly string[], lead: readonly Cell[], table: LazyTable): void {
    this.#parts.push({ columns, at: this.#map(columns), lead, table });
  }

  #addRows(part: RowsPart, at: readonly number[], lead: readonly Cell[], rows: Iterable<readonly Cell[]>): void {
    const identity = at.every((i, k) => i === k);
    const n = lead.length;
    for (const row of rows) {
      if (identity) {
        const out = lead.slice();
        for (const cell of row) out.push(cell);
        part.rows.push(out);
      } else {
        const out = new Array<Cell>(this.#columns.length).fill(null);
        for (let k = 0; k < n; k++) out[at[k]!] = lead[k]!;
        for (let k = 0; k < row.length; k++) out[at[n + k]!] = row[k]!;
        part.rows.push(out);
      }
    }
  }

  /** The finished table: every row padded with empty cells to the full width. */
  table(): Table {
    const width = this.#columns.length;
    const lazy = this.#parts.filter((p): p is LazyPart => 'table' in p);
    const first = lazy[0];
    if (first !== undefined && lazy.length === this.#parts.length && lazy.every((p) => sameColumns(p.columns, this.#columns) && p.lead.length === first.lead.length)) {
      const n = first.lead.length;
      return LazyTable.concat(this.name, this.#columns.slice(0, n), this.#columns.slice(n), lazy);
    }
    const rows: Cell[][] = [];
    for (const p of this.#parts) {
      if ('table' in p) {
        const made: RowsPart = { rows: [] };
        this.#addRows(made, p.at, p.lead, p.table);
        for (const r of made.rows) rows.push(r);
      } else for (const r of p.rows) rows.push(r);
    }
    for (const r of rows) while (r.length < width) r.push(null);
    return { name: this.name, columns: [...this.#columns], rows };
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
