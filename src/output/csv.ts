import { stringify } from 'csv-stringify/sync';
import { stringify as stringifyStream, type Stringifier } from 'csv-stringify';
import type { Cell, Table } from '../metrics/table.js';
import { formatNumber } from '../metrics/number-format.js';

const CAST = { number: (n: number): string => formatNumber(n) };

/** A whole table as CSV text: a header row, then the rows, `\n` line ends. */
export function tableToCsv(table: Table): string {
  return stringify([table.columns as Cell[], ...table.rows], { cast: CAST, record_delimiter: 'unix' });
}

/** A streaming CSV stringifier with the same formatting, for tables too large to hold. */
export function csvStream(columns: readonly string[]): Stringifier {
  const s = stringifyStream({ cast: CAST, record_delimiter: 'unix' });
  s.write([...columns]);
  return s;
}
