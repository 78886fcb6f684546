import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, encodeRows } from '../../src/metrics/csv-bytes.js';
import { CSV_OPTIONS } from '../../src/metrics/csv-encode.js';
import { formatNumber } from '../../src/metrics/number-format.js';
import type { Cell } from '../../src/metrics/table.js';

/** formatNumber as first written: every non-integer through toPrecision(12). */
function referenceFormat(n: number): string {
  if (Number.isNaN(n)) return '';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// Numbers of every kind: any double, decimals of few digits (the shortcut's case), integers near the limits.
const number = fc.oneof(
  fc.double(),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 15 })).map(([m, e]) => m / 10 ** e),
  fc.constantFrom(0, -0, 1e21, -1e21, 1e21 - 65536, 2 ** 53, 2 ** 31, -(2 ** 31), 0.1 + 0.2, 1e-7, 123456789012.5, 999999999999.5, 0.000123456789012345),
  fc.integer(),
  // At or next to a tie in the 12th digit, and next to powers of ten, where a shortcut could round the wrong way.
  fc.tuple(fc.integer({ min: 1e11, max: 1e12 - 1 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: -3, max: 3 })).map(([m, d, ulps]) => {
    let x = (m + 0.5) / 10 ** d;
    for (let k = 0; k < Math.abs(ulps); k++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
    return x;
  }),
  // Whole thousandths (seconds made from milliseconds, printed from their integer parts) and their neighbours, up to the shortcut's bound.
  fc.tuple(fc.oneof(fc.integer({ min: -1e12 + 1, max: 1e12 - 1 }), fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom(1e12 - 1, 1e12, 1e12 + 1, -(1e12 - 1))), fc.integer({ min: -2, max: 2 })).map(([m, ulps]) => {
    let x = m / 1000;
    for (let k = 0; k < Math.abs(ulps); k++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
    return x;
  }),
  fc.tuple(fc.integer({ min: -5, max: 13 }), fc.integer({ min: -4, max: 4 })).map(([p, ulps]) => {
    let x = 10 ** p;
    for (let k = 0; k < Math.abs(ulps); k++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
    return x;
  }),
);

/** The next double above x (x finite, not the largest). */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  if (x === 0) return Number.MIN_VALUE;
  i[0] = x > 0 ? i[0]! + 1n : i[0]! - 1n;
  return b[0]!;
}
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\n', '\r', ';', "'", '-', '=', 'é', '😀', '\t') });
const cell: fc.Arbitrary<Cell> = fc.oneof(number, text, fc.constant(null));
const rows = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 });

describe('CSV records without csv-stringify', () => {
  it('formatNumber prints what rounding every value to 12 significant digits prints', () => {
    fc.assert(fc.property(number, (n) => formatNumber(n) === referenceFormat(n)), { seed: 14, numRuns: 100000 });
  });

  it('a number cell is written as formatNumber prints it (digit by digit for int32s)', () => {
    fc.assert(fc.property(number, (n) => csvRecords([[n]]) === `${formatNumber(n)}\n`), { seed: 14, numRuns: 100000 });
  });

  it('csvRecords writes the bytes csv-stringify writes with CSV_OPTIONS, lead cells in front', () => {
    fc.assert(
      fc.property(rows, fc.array(cell, { maxLength: 3 }), (rs, lead) => {
        const expected = stringify(rs.map((r) => [...lead, ...r]), CSV_OPTIONS);
        return csvRecords(rs, lead) === expected && new TextDecoder().decode(encodeRows(lead, rs).body) === expected;
      }),
      { seed: 14, numRuns: 5000 },
    );
  });

  it('encodeRows reads each row once: a producer may reuse its row array', () => {
    function* reused(): Generator<Cell[]> {
      const row: Cell[] = [0, 0];
      for (let i = 0; i < 3000; i++) {
        row[0] = i;
        row[1] = i / 3;
        yield row;
      }
    }
    const text = new TextDecoder().decode(encodeRows(['r'], reused()).body);
    expect(text).toBe(stringify(Array.from({ length: 3000 }, (_, i) => ['r', i, i / 3]), CSV_OPTIONS));
  });

  it('an empty record is an empty line; a lone empty string is an empty field', () => {
    expect(csvRecords([[], [''], [null, null]])).toBe('\n\n,\n');
    expect(stringify([[], [''], [null, null]], CSV_OPTIONS)).toBe('\n\n,\n');
  });
});
