import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../src/metrics/csv-bytes.js';
import type { Cell } from '../../src/metrics/table.js';
import { tableToCsv } from '../../src/output/csv.js';
import { FolderSink } from '../../src/output/folder-sink.js';

// Cells that need quoting, and numbers as the CSV writer formats them.
const ROWS: Cell[][] = [
  ['plain', 1, 0.1 + 0.2, null],
  ['a,b', -0, 1e21, ''],
  ['say "hi"', Infinity, NaN, 'x'],
  ['two\nlines', 3, 'crlf\r\nend', '"'],
];

describe('CSV records formatted elsewhere (a worker thread)', () => {
  it('encodeRows gives the records tableToCsv writes, the lead cells in front', () => {
    const e = encodeRows([7], ROWS);
    const whole = tableToCsv({ name: 't', columns: ['r', 'a', 'b', 'c', 'd'], rows: ROWS.map((r) => [7, ...r]) });
    expect(e.rows).toBe(4);
    expect(new TextDecoder().decode(e.body)).toBe(whole.slice(whole.indexOf('\n') + 1));
    expect(e.body.byteOffset).toBe(0); // its own buffer: transferable
    expect(e.body.buffer.byteLength).toBe(e.body.byteLength);
  });

  it('a folder writes the same bytes from encoded parts as from rows, when the parts\' columns differ too', () => {
    const parts: [string[], Cell[][]][] = [
      [['a', 'b', 'c', 'd'], ROWS.slice(0, 2)],
      [['a', 'b', 'c', 'd'], ROWS.slice(2)],
      [['d', 'e', 'a'], [['x', 5, 'y,z'], [null, 'q"', 2]]],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'ephemera-encoded-'));
    const write = (name: string, encoded: boolean): string => {
      const f = FolderSink.open(join(dir, name));
      for (const [columns, rows] of parts) {
        if (encoded) {
          const e = encodeRows([], rows);
          f.appendEncoded('t', columns, e.body, e.rows);
        } else f.append('t', columns, rows);
        f.endUnit(0);
      }
      f.commit({});
      return readFileSync(join(dir, name, 't.csv'), 'utf8');
    };
    const rows = write('rows', false);
    expect(write('encoded', true)).toBe(rows);
    expect(rows.split('\n')[0]).toBe('a,b,c,d,e');
  });
});
