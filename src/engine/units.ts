/**
 * The one parser for the units scenario files write: durations (`90s`, `2h`, `1y`), sizes
 * (`160GB`, `1.5GiB`) and rates (`200/h`, `2GB/h`, `1/30m`). Durations come out as integer
 * milliseconds (the clock's unit), sizes as integer bytes, rates per millisecond.
 * Imports nothing of ours.
 */

/** Milliseconds in one of each duration unit. A year is 365 days; there are no months. */
export const DURATION_UNITS: Readonly<Record<string, number>> = Object.freeze({
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
});

/** Bytes in one of each size unit: KB..PB are powers of 1000, KiB..PiB powers of 1024. */
export const SIZE_UNITS: Readonly<Record<string, number>> = Object.freeze({
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
});

const DURATION_EXPECTED = 'a number followed by one of ms, s, m, h, d, w, y (e.g. 90s, 5m, 2h)';
const SIZE_EXPECTED = 'a number followed by one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB (e.g. 512MB, 1.5GiB)';
const RATE_EXPECTED =
  'a count or a size, "/", then a duration unit or a duration (e.g. 200/h, 2GB/h, 20GB/d, 1/30m)';

/** A value that is not in the units expected. `expected` says what would have been accepted. */
export class UnitError extends Error {
  override readonly name = 'UnitError';
  readonly value: string | number;
  readonly expected: string;

  constructor(kind: string, value: string | number, problem: string, expected: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    super(`bad ${kind} ${shown}: ${problem === '' ? '' : `${problem}; `}expected ${expected}`);
    this.value = value;
    this.expected = expected;
  }
}

const NUMBER_WITH_UNIT = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$/;

interface Quantity {
  readonly amount: number;
  readonly unit: string;
}

/** Splits `1.5 h` into { amount: 1.5, unit: 'h' }; undefined when it is not a number and a word. */
function splitQuantity(text: string): Quantity | undefined {
  const match = NUMBER_WITH_UNIT.exec(text);
  if (match === null) return undefined;
  return { amount: Number(match[1]), unit: match[2] ?? '' };
}

/** Converts a non-negative quantity to an integer in the base unit; throws UnitError when too large. */
function scaled(kind: string, value: string | number, q: Quantity, factor: number, expected: string): number {
  const result = Math.round(q.amount * factor) + 0; // + 0 turns -0 into 0
  if (!Number.isSafeInteger(result)) throw new UnitError(kind, value, 'too large', expected);
  return result;
}

/** Parses a number-with-unit against a unit table; shared by durations and sizes. */
function parseQuantity(
  kind: string,
  value: string | number,
  units: Readonly<Record<string, number>>,
  expected: string,
  example: string,
): number {
  const q: Quantity | undefined =
    typeof value === 'number' ? { amount: value, unit: '' } : splitQuantity(value);
  if (q === undefined || !Number.isFinite(q.amount)) throw new UnitError(kind, value, '', expected);
  if (q.amount < 0) throw new UnitError(kind, value, 'must not be negative', expected);
  if (q.unit === '') {
    if (q.amount === 0) return 0;
    throw new UnitError(kind, value, `add a unit (e.g. ${q.amount}${example})`, expected);
  }
  const factor = Object.hasOwn(units, q.unit) ? units[q.unit] : undefined;
  if (factor === undefined) throw new UnitError(kind, value, `unknown unit "${q.unit}"`, expected);
  return scaled(kind, value, q, factor, expected);
}

/**
 * Parses a duration such as `250ms`, `90s`, `5 m`, `1.5h`, `30d`, `1w`, `1y` (365 days), or a
 * compound one such as `1h30m`, into
 * an integer number of milliseconds (rounded). A bare 0 (number or string) means 0 ms; any
 * other number without a unit is refused, as are negative values and unknown units.
 * @throws UnitError
 */
export function parseDurationMs(value: string | number): number {
  // Compound durations (`1h30m`, `2d12h`): each part parsed alone, then summed.
  if (typeof value === 'string' && COMPOUND_DURATION.test(value.trim())) {
    let total = 0;
    for (const part of value.trim().match(DURATION_PART) ?? []) {
      total += parseQuantity('duration', part, DURATION_UNITS, DURATION_EXPECTED, 's');
    }
    return total;
  }
  return parseQuantity('duration', value, DURATION_UNITS, DURATION_EXPECTED, 's');
}

/** Two or more `<number><unit>` parts with no spaces, e.g. `1h30m`. */
const COMPOUND_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y)){2,}$/;
const DURATION_PART = /\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y)/g;

/**
 * Parses a size such as `512MB`, `160GB` (powers of 1000) or `1.5GiB` (powers of 1024) into
 * an integer number of bytes (rounded). A bare 0 is 0 bytes; other bare numbers, negative
 * values and unknown units (including lower-case `gb` and bits) are refused.
 * @throws UnitError
 */
export function parseSizeBytes(value: string | number): number {
  return parseQuantity('size', value, SIZE_UNITS, SIZE_EXPECTED, 'GB');
}

/** Milliseconds in one duration unit (`s` → 1000). @throws UnitError for an unknown unit. */
export function durationUnitMs(unit: string): number {
  const factor = Object.hasOwn(DURATION_UNITS, unit) ? DURATION_UNITS[unit] : undefined;
  if (factor === undefined) throw new UnitError('duration unit', unit, '', 'one of ms, s, m, h, d, w, y');
  return factor;
}

/**
 * A rate: `amount` events (`count`) or bytes (`bytes`) every `windowMs` milliseconds, as
 * written (`2GB/h`: 2e9 per 3600000), and `perMs` = amount / windowMs. A zero rate has
 * amount 0 and windowMs 1. Use windowMs / amount for an exact mean interval.
 */
export interface Rate {
  readonly kind: 'count' | 'bytes';
  readonly perMs: number;
  readonly amount: number;
  readonly windowMs: number;
}

/**
 * Parses a rate `<count or size>/<unit or duration>`: `200/h`, `5/s`, `2GB/h`, `20 GB / d`,
 * `1/30m` (one per 30 minutes). The numerator is a plain non-negative number (a count) or a
 * size; the denominator is a duration unit or a positive duration. A bare 0 is a zero count
 * rate. Results are per millisecond and not rounded.
 * @throws UnitError
 */
export function parseRate(value: string | number): Rate {
  const bad = (problem: string): UnitError => new UnitError('rate', value, problem, RATE_EXPECTED);
  if (typeof value === 'number' || !value.includes('/')) {
    const q = typeof value === 'number' ? { amount: value, unit: '' } : splitQuantity(value);
    if (q !== undefined && q.amount === 0 && q.unit === '') return { kind: 'count', perMs: 0, amount: 0, windowMs: 1 };
    throw bad(q === undefined || !Number.isFinite(q.amount) ? '' : 'add "/" and a time unit (e.g. 200/h)');
  }
  const parts = value.split('/');
  if (parts.length !== 2) throw bad('');
  const [top = '', bottom = ''] = parts;

  const numerator = splitQuantity(top);
  if (numerator === undefined || !Number.isFinite(numerator.amount)) throw bad('');
  if (numerator.amount < 0) throw bad('must not be negative');
  let kind: Rate['kind'] = 'count';
  let amount = numerator.amount;
  if (numerator.unit !== '') {
    const bytes = Object.hasOwn(SIZE_UNITS, numerator.unit) ? SIZE_UNITS[numerator.unit] : undefined;
    if (bytes === undefined) throw bad(`unknown size unit "${numerator.unit}"`);
    kind = 'bytes';
    amount *= bytes;
  }

  const unitOnly = bottom.trim();
  let windowMs: number | undefined = Object.hasOwn(DURATION_UNITS, unitOnly) ? DURATION_UNITS[unitOnly] : undefined;
  if (windowMs === undefined) {
    if (/^[A-Za-z]+$/.test(unitOnly)) throw bad(`unknown time unit "${unitOnly}"`);
    const denominator = splitQuantity(bottom);
    if (denominator === undefined || denominator.unit === '') throw bad('the denominator needs a time unit');
    const factor = Object.hasOwn(DURATION_UNITS, denominator.unit) ? DURATION_UNITS[denominator.unit] : undefined;
    if (factor === undefined) throw bad(`unknown time unit "${denominator.unit}"`);
    windowMs = denominator.amount * factor;
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw bad('the denominator must be a positive duration');
  }
  return { kind, perMs: amount / windowMs, amount, windowMs };
}

/** Converts a rate's per-millisecond figure to per second. */
export function perSecond(rate: Rate): number {
  return rate.perMs * 1_000;
}

/** Converts a rate's per-millisecond figure to per hour. */
export function perHour(rate: Rate): number {
  return rate.perMs * 3_600_000;
}

const FORMAT_UNITS = ['y', 'w', 'd', 'h', 'm', 's'] as const;

/**
 * Formats milliseconds for people: exact in the largest unit that divides it (`7200000` →
 * `2h`, `90000` → `90s`, `5400000` → `90m`), else to at most 3 decimals in the largest unit
 * that is at least 1 (`3723456` → `1.034h`), else in ms. Negative and non-finite values are
 * shown as they are (`-90s`, `Infinity`). The exact forms parse back with parseDurationMs.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  for (const unit of FORMAT_UNITS) {
    const size = DURATION_UNITS[unit] ?? 1;
    if (ms % size === 0 && ms / size < 10_000) return `${ms / size}${unit}`;
  }
  for (const unit of FORMAT_UNITS) {
    const size = DURATION_UNITS[unit] ?? 1;
    if (ms >= size) return `${Number((ms / size).toFixed(3))}${unit}`;
  }
  return `${Number(ms.toFixed(3))}ms`;
}

/** Regex source: a non-negative number as the parsers read it (`5`, `1.5`, `.5`, `2.`, `1e3`, `+3`). */
const NUMBER_SOURCE = String.raw`\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
/** Regex source: a zero without a unit (`0`, `0.0`, `+0`). */
const ZERO_SOURCE = String.raw`\+?(?:0+(?:\.0*)?|\.0+)(?:[eE][+-]?\d+)?`;
/** Regex source: one of the units of `table`, longest first (so `ms` is tried before `m`). */
function unitsSource(table: Readonly<Record<string, number>>): string {
  return `(?:${Object.keys(table).sort((a, b) => b.length - a.length).join('|')})`;
}
const DURATION_UNIT_SOURCE = unitsSource(DURATION_UNITS);
const SIZE_UNIT_SOURCE = unitsSource(SIZE_UNITS);
const RATE_DENOMINATOR_SOURCE = String.raw`\s*(?:${NUMBER_SOURCE}\s*)?${DURATION_UNIT_SOURCE}\s*`;

/**
 * The text the parsers above accept, as regular expressions (for the JSON Schema that
 * editors check scenario files with). Each accepts every string its parser accepts
 * (test/engine/unit-patterns.test.ts checks it on a corpus); it may accept a few the parser
 * then refuses (a value too large, a zero denominator), never the other way round.
 */
export const UNIT_PATTERNS = Object.freeze({
  duration: String.raw`^\s*(?:${NUMBER_SOURCE}\s*${DURATION_UNIT_SOURCE}|${ZERO_SOURCE}|(?:\d+(?:\.\d+)?${DURATION_UNIT_SOURCE}){2,})\s*$`,
  size: String.raw`^\s*(?:${NUMBER_SOURCE}\s*${SIZE_UNIT_SOURCE}|${ZERO_SOURCE})\s*$`,
  /** A rate of events or of bytes. */
  rate: String.raw`^\s*(?:${ZERO_SOURCE}|\s*${NUMBER_SOURCE}\s*${SIZE_UNIT_SOURCE}?\s*/${RATE_DENOMINATOR_SOURCE})\s*$`,
  /** A rate of events only (no size in the numerator). */
  countRate: String.raw`^\s*(?:${ZERO_SOURCE}|\s*${NUMBER_SOURCE}\s*/${RATE_DENOMINATOR_SOURCE})\s*$`,
});
