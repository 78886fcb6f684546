import { describe, expect, it } from 'vitest';
import { csvToTable, numericCell, parseCsv } from '../../src/metrics/csv-read.js';
import { tableToCsv } from '../../src/output/csv.js';

describe('reading CSV back', () => {
  it('parses quotes, doubled quotes, commas and newlines in fields', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '']]);
    expect(parseCsv('a\r\n1\r\n2')).toEqual([['a'], ['1'], ['2']]);
    expect(() => parseCsv('"open')).toThrow('unterminated');
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
