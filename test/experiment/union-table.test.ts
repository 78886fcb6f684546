import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnionTable } from '../../src/experiment/union-table.js';
import { MemorySink } from '../../src/experiment/memory-sink.js';
import { appendWithLead, type ResultsSink } from '../../src/metrics/results-sink.js';
import { LazyTable, type Cell } from '../../src/metrics/table.js';
import { tableToCsv } from '../../src/output/csv.js';
import { StagedTable } from '../../src/output/staged-table.js';

const lazy = (rows: Cell[][]): LazyTable => new LazyTable('t', ['x', 'y'], rows.length, (i) => [...rows[i]!]);

describe('rows with a lead (a replication index in front, not copied in)', () => {
  it('StagedTable writes the bytes of the rows made whole, when the columns match and when they are mapped', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ephemera-lead-')), 't.csv');
    const t = StagedTable.create('t', path, ['replication', 'x', 'y']);
    const u = new UnionTable('t');
    t.append(['replication', 'x', 'y'], [['a,b', 1], ['q"', null]], [0]);
    u.add(['replication', 'x', 'y'], [[0, 'a,b', 1], [0, 'q"', null]]);
    t.append(['replication', 'y', 'z'], [[2.5, 'new']], [1]); // mapped: y moves, z is new
    u.add(['replication', 'y', 'z'], [[1, 2.5, 'new']]);
    t.finish();
    expect(readFileSync(path, 'utf8')).toBe(tableToCsv(u.table()));
  });

  it('a row of the wrong width is refused, counted with its lead', () => {
    const t = StagedTable.create('t', join(mkdtempSync(join(tmpdir(), 'ephemera-lead-')), 't.csv'), ['replication', 'x']);
    expect(() => t.append(['replication', 'x'], [[1, 2]], [0])).toThrow('a row has 3 cells, its columns 2');
  });

  it('appendWithLead gives a sink without appendLed the rows made whole', () => {
    const got: Cell[][] = [];
    const sink: ResultsSink = { append: (_n, _c, rows) => void got.push(...[...rows].map((r) => [...r])), file: () => undefined, endUnit: () => undefined };
    appendWithLead(sink, 't', ['replication', 'x'], [7], [[1], [2]]);
    expect(got).toEqual([[7, 1], [7, 2]]);
  });
});

describe('UnionTable with lazy parts', () => {
  it('stays lazy when every part is lazy with the same columns, rows as if made whole', () => {
    const u = new UnionTable('t');
    u.addLazy(['replication', 'x', 'y'], [0], lazy([['a', 1], ['b', 2]]));
    u.addLazy(['replication', 'x', 'y'], [1], lazy([['c', 3]]));
    const t = u.table();
    expect(t).toBeInstanceOf(LazyTable);
    expect((t as LazyTable).rowCount).toBe(3);
    expect(t.columns).toEqual(['replication', 'x', 'y']);
    expect(t.rows).toEqual([[0, 'a', 1], [0, 'b', 2], [1, 'c', 3]]);
  });

  it('is made whole, in part order, when a part has rows or other columns', () => {
    const u = new UnionTable('t');
    u.addLazy(['replication', 'x', 'y'], [0], lazy([['a', 1]]));
    u.add(['replication', 'z'], [[1, 'zz']]);
    u.addLazy(['replication', 'x', 'y'], [2], lazy([['c', 3]]));
    const t = u.table();
    expect(t).not.toBeInstanceOf(LazyTable);
    expect(t.columns).toEqual(['replication', 'x', 'y', 'z']);
    expect(t.rows).toEqual([[0, 'a', 1, null], [1, null, null, 'zz'], [2, 'c', 3, null]]);
  });

  it('copies rows as they are added: a producer may reuse its row array', () => {
    const u = new UnionTable('t');
    const row: Cell[] = [0];
    function* reused(): Generator<Cell[]> {
      for (let i = 0; i < 3; i++) {
        row[0] = i;
        yield row;
      }
    }
    u.add(['x'], reused());
    expect(u.table().rows).toEqual([[0], [1], [2]]);
  });

  it('MemorySink keeps a LazyTable given to appendLed lazy, and copies other rows', () => {
    const sink = new MemorySink();
    sink.appendLed('t', ['replication', 'x', 'y'], [0], lazy([['a', 1]]));
    sink.appendLed('s', ['replication', 'v'], [0], [[5]]);
    const [s, t] = sink.tables().sort((a, b) => a.name.localeCompare(b.name));
    expect(t).toBeInstanceOf(LazyTable);
    expect(t!.rows).toEqual([[0, 'a', 1]]);
    expect(s!.rows).toEqual([[0, 5]]);
  });
});
