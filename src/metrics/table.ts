/** One cell of a result table. Numbers are written locale-free by the output layer. */
export type Cell = string | number | null;

/** A result table: a named CSV file's columns and rows. */
export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Cell[][];
}

/** A table that grows row by row. */
export class TableBuilder implements Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Cell[][] = [];

  constructor(name: string, columns: readonly string[]) {
    this.name = name;
    this.columns = columns;
  }

  /** Appends one row; throws if its width does not match the columns. */
  add(row: Cell[]): void {
    if (row.length !== this.columns.length) {
      throw new Error(`table ${this.name}: row has ${row.length} cells, expected ${this.columns.length}`);
    }
    this.rows.push(row);
  }
}
