import { describe, expect, it } from 'vitest';
import {
  durationUnitMs,
  formatDuration,
  parseDurationMs,
  parseRate,
  parseSizeBytes,
  perHour,
  perSecond,
  UnitError,
} from '../../src/engine/units.js';

const DURATION_HINT = 'expected a number followed by one of ms, s, m, h, d, w, y (e.g. 90s, 5m, 2h)';

/** Runs `fn`, expecting a UnitError, and returns it. */
function unitError(fn: () => unknown): UnitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnitError);
    return error as UnitError;
  }
  throw new Error('expected a UnitError');
}

describe('parseDurationMs', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['30d', 2_592_000_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it('makes a year 365 days', () => {
    expect(parseDurationMs('1y')).toBe(parseDurationMs('365d'));
    expect(parseDurationMs('2y')).toBe(730 * 86_400_000);
  });

  it('reads decimals, leading dots, exponents and whitespace', () => {
    expect(parseDurationMs('1.5h')).toBe(5_400_000);
    expect(parseDurationMs('.5s')).toBe(500);
    expect(parseDurationMs('2.s')).toBe(2_000);
    expect(parseDurationMs('1e3ms')).toBe(1_000);
    expect(parseDurationMs('5 m')).toBe(300_000);
    expect(parseDurationMs('  90s ')).toBe(90_000);
    expect(parseDurationMs('+3s')).toBe(3_000);
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDurationMs('1.4ms')).toBe(1);
    expect(parseDurationMs('1.5ms')).toBe(2);
    expect(parseDurationMs('0.0001s')).toBe(0);
    expect(Number.isInteger(parseDurationMs('0.333333h'))).toBe(true);
  });

  it('accepts a bare zero and zero with a unit', () => {
    expect(parseDurationMs(0)).toBe(0);
    expect(parseDurationMs('0')).toBe(0);
    expect(parseDurationMs('0s')).toBe(0);
    expect(Object.is(parseDurationMs('-0s'), 0)).toBe(true);
  });

  it('refuses other bare numbers, asking for a unit', () => {
    const e = unitError(() => parseDurationMs(30));
    expect(e.message).toBe(`bad duration 30: add a unit (e.g. 30s); ${DURATION_HINT}`);
    expect(e.value).toBe(30);
    expect(e.expected).toContain('ms, s, m, h, d, w, y');
    expect(unitError(() => parseDurationMs('30')).message).toContain('add a unit');
  });

  it('names the bad value and the accepted units', () => {
    const e = unitError(() => parseDurationMs('5 mins'));
    expect(e.message).toBe(`bad duration "5 mins": unknown unit "mins"; ${DURATION_HINT}`);
    expect(e.value).toBe('5 mins');
    expect(unitError(() => parseDurationMs('soon')).message).toBe(`bad duration "soon": ${DURATION_HINT}`);
    expect(unitError(() => parseDurationMs('')).message).toContain(DURATION_HINT);
    expect(unitError(() => parseDurationMs('1h 30m')).message).toContain('1h 30m');
    expect(unitError(() => parseDurationMs('5M')).message).toContain('unknown unit "M"');
    expect(unitError(() => parseDurationMs('5H')).message).toContain('unknown unit "H"');
  });

  it('refuses negative, non-finite and too large values', () => {
    expect(unitError(() => parseDurationMs('-5m')).message).toBe(`bad duration "-5m": must not be negative; ${DURATION_HINT}`);
    expect(unitError(() => parseDurationMs(-1)).message).toContain('must not be negative');
    expect(() => parseDurationMs(Number.NaN)).toThrow(UnitError);
    expect(() => parseDurationMs(Infinity)).toThrow(UnitError);
    expect(() => parseDurationMs('Infinitys')).toThrow(UnitError);
    expect(unitError(() => parseDurationMs('1e300y')).message).toContain('too large');
  });

  it('does not take units from the prototype', () => {
    expect(() => parseDurationMs('5toString')).toThrow(UnitError);
    expect(() => parseDurationMs('5constructor')).toThrow(UnitError);
  });

  it('gives the size of each unit', () => {
    expect(durationUnitMs('s')).toBe(1000);
    expect(durationUnitMs('y')).toBe(365 * 86_400_000);
    expect(() => durationUnitMs('mins')).toThrow(UnitError);
  });
});

describe('parseSizeBytes', () => {
  it.each([
    ['1B', 1],
    ['1KB', 1e3],
    ['512MB', 512e6],
    ['160GB', 160e9],
    ['2TB', 2e12],
    ['1PB', 1e15],
    ['1KiB', 1024],
    ['1MiB', 1024 ** 2],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['1TiB', 1024 ** 4],
    ['1PiB', 1024 ** 5],
    ['1.5 GB', 1.5e9],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseSizeBytes(text)).toBe(bytes);
  });

  it('rounds to whole bytes and accepts a bare zero', () => {
    expect(parseSizeBytes('1.5KB')).toBe(1500);
    expect(parseSizeBytes('1.0001KB')).toBe(1000);
    expect(parseSizeBytes('0.3B')).toBe(0);
    expect(parseSizeBytes(0)).toBe(0);
  });

  it('refuses bare numbers, unknown units, bits and negatives', () => {
    expect(unitError(() => parseSizeBytes(160)).message).toContain('add a unit (e.g. 160GB)');
    const e = unitError(() => parseSizeBytes('160gb'));
    expect(e.message).toBe(
      'bad size "160gb": unknown unit "gb"; expected a number followed by one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB (e.g. 512MB, 1.5GiB)',
    );
    expect(() => parseSizeBytes('1Gb')).toThrow(UnitError);
    expect(unitError(() => parseSizeBytes('-1GB')).message).toContain('must not be negative');
  });
});

describe('parseRate', () => {
  it('reads counts per unit', () => {
    expect(parseRate('200/h')).toEqual({ kind: 'count', perMs: 200 / 3_600_000, amount: 200, windowMs: 3_600_000 });
    expect(perSecond(parseRate('5/s'))).toBeCloseTo(5, 12);
    expect(perHour(parseRate('200/h'))).toBeCloseTo(200, 9);
    for (const [unit, ms] of [['ms', 1], ['m', 60_000], ['d', 86_400_000], ['w', 604_800_000], ['y', 31_536_000_000]] as const) {
      expect(parseRate(`1/${unit}`).windowMs).toBe(ms);
    }
  });

  it('reads sizes per unit', () => {
    const r = parseRate('2GB/h');
    expect(r.kind).toBe('bytes');
    expect(perHour(r)).toBeCloseTo(2e9, 3);
    expect(parseRate('20GB/d').perMs).toBeCloseTo(20e9 / 86_400_000, 6);
    expect(parseRate('1.5 KiB / s').perMs).toBeCloseTo(1.536, 12);
  });

  it('reads a duration as the denominator', () => {
    expect(parseRate('1/30m')).toEqual({ kind: 'count', perMs: 1 / 1_800_000, amount: 1, windowMs: 1_800_000 });
    expect(parseRate('3/1.5h').windowMs).toBe(5_400_000);
    expect(parseRate('1GB/ 2 d').windowMs).toBe(2 * 86_400_000);
  });

  it('accepts zero rates', () => {
    expect(parseRate(0).perMs).toBe(0);
    expect(parseRate('0').perMs).toBe(0);
    expect(parseRate('0/h').perMs).toBe(0);
  });

  it('refuses malformed rates with a message naming the value', () => {
    const expected = 'expected a count or a size, "/", then a duration unit or a duration';
    expect(unitError(() => parseRate('200')).message).toContain('add "/" and a time unit');
    expect(unitError(() => parseRate(200)).message).toContain('bad rate 200');
    expect(unitError(() => parseRate('200/hour')).message).toContain('unknown time unit "hour"');
    expect(unitError(() => parseRate('2gb/h')).message).toContain('unknown size unit "gb"');
    expect(unitError(() => parseRate('5/30')).message).toContain('needs a time unit');
    expect(unitError(() => parseRate('5/0s')).message).toContain('positive duration');
    expect(unitError(() => parseRate('-5/h')).message).toContain('must not be negative');
    expect(unitError(() => parseRate('1/2/3h')).message).toContain(expected);
    expect(unitError(() => parseRate('x/h')).message).toBe(`bad rate "x/h": ${expected} (e.g. 200/h, 2GB/h, 20GB/d, 1/30m)`);
  });
});

describe('formatDuration', () => {
  it('is exact in the largest unit that divides', () => {
    expect(formatDuration(7_200_000)).toBe('2h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(5_400_000)).toBe('90m');
    expect(formatDuration(31_536_000_000)).toBe('1y');
    expect(formatDuration(1_209_600_000)).toBe('2w');
    expect(formatDuration(2_592_000_000)).toBe('30d');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
  });

  it('round-trips its exact forms', () => {
    for (const ms of [1, 250, 1000, 90_000, 5_400_000, 86_400_000, 31_536_000_000]) {
      expect(parseDurationMs(formatDuration(ms))).toBe(ms);
    }
  });

  it('rounds awkward values to three decimals', () => {
    expect(formatDuration(3_723_456)).toBe('1.034h');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(-90_000)).toBe('-90s');
    expect(formatDuration(Infinity)).toBe('Infinity');
  });
});

describe('compound durations', () => {
  it('sums the parts', async () => {
    const { parseDurationMs } = await import('../../src/engine/units.js');
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('2d12h')).toBe(216_000_000);
    expect(parseDurationMs('1m30s500ms')).toBe(90_500);
    expect(() => parseDurationMs('1h30x')).toThrow('bad duration');
  });
});
