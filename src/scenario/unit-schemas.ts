/**
 * Zod schemas for values with units, wrapping the engine's one unit parser. A bad value
 * becomes a zod issue carrying the parser's message, so the loader can say where it is.
 * Each also records, for the JSON Schema of scenario files (json-schema.ts), what it
 * accepts as written: text matching a pattern or the one bare number allowed (0), with a
 * description of the units.
 */
import * as z from 'zod';
import { parseDurationMs, parseRate, parseSizeBytes, UNIT_PATTERNS, UnitError, type Rate } from '../engine/units.js';
import { withJsonStandIn } from './json-stand-ins.js';

/** How a value with units is written: described, with a pattern for its text and examples. */
interface UnitJsonSchema {
  /** The definition's name in the JSON Schema. */
  readonly name: string;
  readonly description: string;
  readonly pattern: string;
  readonly examples: readonly string[];
}

/** Runs a parser inside a zod transform, turning its UnitError into a custom issue. */
function unitSchema<T>(parse: (value: string | number) => T, json: UnitJsonSchema) {
  // For the JSON Schema: text matching the pattern, or the one bare number allowed, 0.
  const asWritten = z.union([z.string().regex(new RegExp(json.pattern, 'u')), z.literal(0)]).meta({ description: json.description, examples: [...json.examples] });
  return withJsonStandIn(z.union([z.string(), z.number()]), json.name, asWritten).transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  });
}

const DURATION_JSON: UnitJsonSchema = {
  name: 'duration',
  description: 'A duration: a number and a unit, ms, s, m (minutes), h, d, w or y (365 days), e.g. 250ms, 90s, 5m, 2h, 30d; or compound, e.g. 1h30m. A bare 0 is 0; other bare numbers are refused.',
  pattern: UNIT_PATTERNS.duration,
  examples: ['90s', '5m', '2h', '30d', '1h30m'],
};
const SIZE_JSON: UnitJsonSchema = {
  name: 'size',
  description: 'A size: a number and a unit, B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024), e.g. 512MB, 160GB, 1.5GiB. A bare 0 is 0; other bare numbers are refused.',
  pattern: UNIT_PATTERNS.size,
  examples: ['512MB', '160GB', '1.5GiB'],
};
const RATE_JSON: UnitJsonSchema = {
  name: 'rate',
  description: 'A rate: a count or a size, "/", then a time unit or a duration, e.g. 200/h, 5/s, 1/30m, 2GB/h, 20GB/d. A bare 0 is a zero rate.',
  pattern: UNIT_PATTERNS.rate,
  examples: ['200/h', '1/30m', '2GB/h'],
};
const COUNT_RATE_JSON: UnitJsonSchema = {
  name: 'count-rate',
  description: 'A rate of events: a count, "/", then a time unit or a duration, e.g. 200/h, 5/s, 1/30m (one every 30 minutes). A bare 0 is a zero rate.',
  pattern: UNIT_PATTERNS.countRate,
  examples: ['200/h', '5/s', '1/30m'],
};
const BYTE_RATE_JSON: UnitJsonSchema = {
  name: 'byte-rate',
  description: 'A rate of bytes: a size, "/", then a time unit or a duration, e.g. 10MB/s, 2GB/h, 20GB/d (sizes as for a size: GB = 10^9 bytes, GiB = 2^30). A bare 0 is a zero rate.',
  pattern: UNIT_PATTERNS.rate,
  examples: ['10MB/s', '2GB/h', '20GB/d'],
};

/** A duration (`90s`, `5m`, `1.5h`, `1y`, or a bare 0) → integer milliseconds. */
export const durationMs = unitSchema(parseDurationMs, DURATION_JSON);

/** A size (`512MB`, `1.5GiB`, or a bare 0) → integer bytes. */
export const sizeBytes = unitSchema(parseSizeBytes, SIZE_JSON);

/** A rate (`200/h`, `2GB/h`, `1/30m`, or a bare 0) → `{ kind: 'count' | 'bytes', perMs }`. */
export const rate = unitSchema((value): Rate => parseRate(value), RATE_JSON);

/** A rate of events (`200/h`, `1/30m`) → events per millisecond; a size rate is an issue. */
export const countRatePerMs = unitSchema((value): Rate => parseRate(value), COUNT_RATE_JSON).transform((r, ctx): number => {
  if (r.kind === 'count') return r.perMs;
  ctx.addIssue({ code: 'custom', message: 'expected a rate of events such as 200/h, not of bytes', input: r });
  return z.NEVER;
});

/** A rate of bytes (`2GB/h`, `20GB/d`, or a bare 0) → bytes per millisecond; a count rate is an issue. */
export const byteRatePerMs = unitSchema((value): Rate => parseRate(value), BYTE_RATE_JSON).transform((r, ctx): number => {
  if (r.kind === 'bytes' || r.perMs === 0) return r.perMs;
  ctx.addIssue({ code: 'custom', message: 'expected a rate of bytes such as 2GB/h, not a count', input: r });
  return z.NEVER;
});
