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

/**
 * A table whose rows are made when first read, from compact storage: a year of a large
 * fleet has a million rows of addresses.csv, kept as typed columns until a writer asks.
 * `row(i)` makes one row without keeping it; `rows` makes and keeps them all.
 */
export class LazyTable implements Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
  readonly #make: (i: number) => Cell[];
  #rows: Cell[][] | undefined;

  constructor(name: string, columns: readonly string[], rowCount: number, make: (i: number) => Cell[]) {
    this.name = name;
    this.columns = columns;
    this.rowCount = rowCount;
    this.#make = make;
  }

  get rows(): Cell[][] {
    this.#rows ??= Array.from({ length: this.rowCount }, (_, i) => this.#make(i));
    return this.#rows;
  }

  /** Row i (0-based), made afresh unless the rows were made already. */
  row(i: number): Cell[] {
    return this.#rows?.[i] ?? this.#make(i);
  }

  /** Its rows in order, each made as it is read (so a writer can stream a lazy table). */
  *[Symbol.iterator](): Generator<Cell[]> {
    for (let i = 0; i < this.rowCount; i++) yield this.row(i);
  }

  /**
   * Parts of one table (each with the same columns) as one, still lazy: part k's rows with
   * its `lead` cells in front (`leadColumns` name them), parts in order.
   */
  static concat(name: string, leadColumns: readonly string[], columns: readonly string[], parts: readonly { readonly lead: readonly Cell[]; readonly table: LazyTable }[]): LazyTable {
    const starts: number[] = [];
    let total = 0;
    for (const p of parts) {
      starts.push(total);
      total += p.table.rowCount;
    }
    return new LazyTable(name, [...leadColumns, ...columns], total, (i) => {
      let lo = 0;
      let hi = parts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= i) lo = mid;
        else hi = mid - 1;
      }
      const p = parts[lo]!;
      return [...p.lead, ...p.table.row(i - starts[lo]!)];
    });
  }
}
