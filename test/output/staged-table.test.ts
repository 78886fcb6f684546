import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/metrics/table.js';
import { tableToCsv } from '../../src/output/csv.js';
import { RecordScanner } from '../../src/output/csv-records.js';
import { StagedTable } from '../../src/output/staged-table.js';
import { UnionTable } from '../../src/experiment/union-table.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'ephemera-staged-'));
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

// Cells that need quoting: commas, quotes, line breaks (\n and \r\n), and numbers formatted as the CSV writer does.
const TRICKY: Cell[][] = [
  ['plain', 1, 0.1 + 0.2, null],
  ['a,b', -0, 1e21, ''],
  ['say "hi"', Infinity, NaN, 'x'],
  ['two\nlines', 3, 'crlf\r\nend', '"'],
];

describe('StagedTable', () => {
  it('writes the bytes tableToCsv writes, and counts and hashes them as it goes', () => {
    const path = join(dir(), 't.csv');
    const t = StagedTable.create('t', path, ['a', 'b', 'c', 'd']);
    t.append(['a', 'b', 'c', 'd'], TRICKY.slice(0, 2));
    t.append(['a', 'b', 'c', 'd'], TRICKY.slice(2));
    const s = t.finish();
    const want = tableToCsv({ name: 't', columns: ['a', 'b', 'c', 'd'], rows: TRICKY });
    expect(readFileSync(path, 'utf8')).toBe(want);
    expect(s).toEqual({ rows: 4, bytes: Buffer.byteLength(want), sha256: sha(want) });
  });

  it('parts with other columns make the union table, padding earlier rows in one rewrite', () => {
    const path = join(dir(), 'u.csv');
    const u = new UnionTable('u');
    const t = StagedTable.create('u', path, ['replication', 'x']);
    const parts: [string[], Cell[][]][] = [
      [['replication', 'x'], [[0, 'a,b'], [0, 'two\nlines']]],
      [['replication', 'y', 'x'], [[1, 5, 'p'], [1, null, 'q']]],
      [['replication'], [[2]]],
      [['replication', 'z'], [[3, '"z"']]],
    ];
    for (const [cols, rows] of parts) {
      u.add(cols, rows);
      t.append(cols, rows);
    }
    const s = t.finish();
    const want = tableToCsv(u.table());
    expect(readFileSync(path, 'utf8')).toBe(want);
    expect(s).toEqual({ rows: 6, bytes: Buffer.byteLength(want), sha256: sha(want) });
  });

  it('streams a generator of rows without holding them, in chunks', () => {
    const path = join(dir(), 'g.csv');
    const t = StagedTable.create('g', path, ['i', 'v']);
    function* rows(): Generator<Cell[]> {
      for (let i = 0; i < 10_000; i++) yield [i, i / 7];
    }
    t.append(['i', 'v'], rows());
    const s = t.finish();
    expect(s.rows).toBe(10_000);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[3]).toBe('2,0.285714285714');
    expect(s.sha256).toBe(sha(text));
  });

  it('refuses a row whose width is not its columns\'', () => {
    const t = StagedTable.create('w', join(dir(), 'w.csv'), ['a', 'b']);
    expect(() => t.append(['a', 'b'], [[1]])).toThrow('a row has 1 cells, its columns 2');
    t.close();
  });

  it('resumes a file at the bytes a journal recorded, and refuses one that differs', () => {
    const d = dir();
    const path = join(d, 'r.csv');
    const t = StagedTable.create('r', path, ['a']);
    t.append(['a'], [[1], [2]]);
    const snap = t.snapshot();
    t.append(['a'], [[3]]); // written after the journal entry: a half-finished job
    t.close();
    const r = StagedTable.resume('r', path, { ...snap, header: ['a'], columns: ['a'] });
    r.append(['a'], [[4]]);
    expect(r.finish()).toMatchObject({ rows: 3 });
    expect(readFileSync(path, 'utf8')).toBe('a\n1\n2\n4\n');
    expect(() => StagedTable.resume('r', path, { ...snap, sha256: '0'.repeat(64), header: ['a'], columns: ['a'] })).toThrow('does not hold the bytes the journal recorded');
    expect(() => StagedTable.resume('r', path, { ...snap, bytes: 1000, header: ['a'], columns: ['a'] })).toThrow('fewer than the 1000 the journal recorded');
  });
});

describe('RecordScanner', () => {
  it('finds record ends outside quotes, across chunk boundaries', () => {
    const text = tableToCsv({ name: 't', columns: ['a', 'b', 'c', 'd'], rows: TRICKY });
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const s = new RecordScanner();
      for (let i = 0; i < bytes.length; i += size) s.count(bytes.subarray(i, i + size));
      expect(s.records, `chunks of ${size}`).toBe(5);
      expect(s.inQuotes).toBe(false);
    }
  });
});
