import type { Table } from '../metrics/table.js';
import { tableToCsv } from './csv.js';
import { writeFileAtomically } from './atomic-file.js';

/**
 * Writes one table as a CSV file at `path`, atomically. An existing file is replaced only
 * when it is a CSV with the same header ephemera writes for this table (or, for a
 * comparison, any comparison's): a user's file of the same name is left alone.
 */
export function writeTableFile(path: string, table: Table, options: { readonly inputs?: readonly string[] } = {}): void {
  const header = table.columns.join(',');
  const stats = 'a_mean,b_mean,diff,ci95_low,ci95_high,test';
  writeFileAtomically(path, tableToCsv(table), {
    ...(options.inputs !== undefined ? { inputs: options.inputs } : {}),
    what: `a ${table.name} table`,
    given: `--out ${path}`,
    isOurs: (h) => {
      const first = h.split('\n')[0] ?? '';
      return first === header || (table.name === 'comparison' && first.includes(stats));
    },
  });
}
