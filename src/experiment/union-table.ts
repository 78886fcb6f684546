import type { Cell, Table } from '../metrics/table.js';

/**
 * A table assembled from parts whose columns may differ (points of a sweep that add a
 * component, shards that saw different points): its columns are the union of the parts'
 * columns in order of first appearance, and a row gets an empty cell where its part had
 * no such column. Parts with the same columns give the same table as concatenating them.
 */
export class UnionTable {
  readonly name: string;
  readonly #columns: string[] = [];
  readonly #index = new Map<string, number>();
  readonly #rows: Cell[][] = [];

  constructor(name: string) {
    this.name = name;
  }

  /** Appends rows that have `columns`. */
  add(columns: readonly string[], rows: readonly (readonly Cell[])[]): void {
    const at = columns.map((c) => {
      let i = this.#index.get(c);
      if (i === undefined) {
        i = this.#columns.length;
        this.#columns.push(c);
        this.#index.set(c, i);
      }
      return i;
    });
    for (const row of rows) {
      const out: Cell[] = [];
      row.forEach((cell, k) => {
        out[at[k]!] = cell;
      });
      this.#rows.push(out);
    }
  }

  /** The finished table: every row padded with empty cells to the full width. */
  table(): Table {
    const width = this.#columns.length;
    const rows = this.#rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    return { name: this.name, columns: [...this.#columns], rows };
  }
}
