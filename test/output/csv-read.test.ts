import { describe, expect, it } from 'vitest';
import { CsvError, csvToTable, numericCell, parseCsv, readCsv } from '../../src/metrics/csv-read.js';
import { tableToCsv } from '../../src/output/csv.js';

describe('the one CSV reader', () => {
  it('parses quotes, doubled quotes, commas and newlines in fields, and locates every row', () => {
    const csv = readCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",\n\nlast,1\n', 'f.csv');
    expect(csv.header).toEqual(['a', 'b']);
    expect(csv.records).toEqual([
      { cells: ['x, y', 'say "hi"'], line: 2 },
      { cells: ['two\nlines', ''], line: 3 },
      { cells: ['last', '1'], line: 6 },
    ]);
    expect(csv.column('b')).toBe(1);
    expect(csv.column('c')).toBe(-1);
    expect(parseCsv('a\r\n1\r\n2')).toEqual([['a'], ['1'], ['2']]);
  });

  it('drops a byte-order mark, so the first column keeps its name', () => {
    const csv = readCsv('\ufefftime_s,count\r\n0,5\r\n', 'f.csv');
    expect(csv.header).toEqual(['time_s', 'count']);
    expect(csv.column('time_s')).toBe(0);
  });

  it('is strict: stray and unclosed quotes, and rows of the wrong width, are errors at their line', () => {
    const error = (text: string): CsvError => {
      try {
        readCsv(text, 'in/f.csv');
      } catch (e) {
        if (e instanceof CsvError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    expect(error('a,b\n1,2\n"a"b,3\n').message).toBe('in/f.csv:3: a quoted cell goes on after its closing quote: quote the whole cell, and double a quote inside it ("")');
    expect(error('a,b\n1,a"b\n').message).toBe('in/f.csv:2: a quote inside an unquoted cell: quote the whole cell, and double a quote inside it ("")');
    expect(error('a,b\n1,2\n"open,3\n4,5\n').message).toBe('in/f.csv:3: a quoted cell starting here is never closed');
    expect(error('a,b\n1,2\n3\n').message).toBe('in/f.csv:3: 1 cell, but the header has 2 (a, b)');
    expect(error('a,b\n"multi\nline",2,3\n').message).toBe('in/f.csv:2: 3 cells, but the header has 2 (a, b)');
    expect(error('a,b,a\n1,2,3\n').message).toBe('in/f.csv:1: the header names column "a" twice');
    expect(error('a,b\n1,2,3\n')).toMatchObject({ file: 'in/f.csv', line: 2 });
  });

  it('trims cells and skips comment lines when asked (for files people write)', () => {
    const text = '# a failure trace\n host , start_s \n  # a comment after spaces\n h1 , 5 # not a comment\n   \n';
    expect(readCsv(text, 'f.csv', { trim: true, comments: true }).records).toEqual([{ cells: ['h1', '5 # not a comment'], line: 4 }]);
    expect(readCsv('a,b\n 1 , 2 \n', 'f.csv').records[0]!.cells).toEqual([' 1 ', ' 2 ']);
  });

  it('reads results files exactly: a blank line is a row there', () => {
    expect(csvToTable('t', 'x\n\n1\n').rows).toEqual([[''], ['1']]);
    expect(() => csvToTable('t', 'x,y\n\n1,2\n')).toThrow('t.csv:2: 1 cell, but the header has 2 (x, y)');
    expect(csvToTable('t', '')).toEqual({ name: 't', columns: [], rows: [] });
  });

  it('round-trips what tableToCsv writes, byte for byte', () => {
    const table = { name: 't', columns: ['a', 'b', 'c'], rows: [[1, 'x,y', null], [0.1 + 0.2, 'q"uote', 'multi\nline'], [-Infinity, '', 7]] };
    const text = tableToCsv(table);
    expect(tableToCsv(csvToTable('t', text))).toBe(text);
  });

  it('reads numbers as formatNumber writes them', () => {
    expect(numericCell('12')).toBe(12);
    expect(numericCell('-0.5')).toBe(-0.5);
    expect(numericCell('1e-7')).toBe(1e-7);
    expect(numericCell('inf')).toBe(Infinity);
    expect(numericCell('')).toBeUndefined();
    expect(numericCell('30s')).toBeUndefined();
    expect(numericCell(3)).toBe(3);
  });
});
