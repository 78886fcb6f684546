/**
 * Zod schemas for values with units, wrapping the engine's one unit parser. A bad value
 * becomes a zod issue carrying the parser's message, so the loader can say where it is.
 */
import { z } from 'zod';
import { parseDurationMs, parseRate, parseSizeBytes, UnitError, type Rate } from '../engine/units.js';

/** Runs a parser inside a zod transform, turning its UnitError into a custom issue. */
function unitSchema<T>(parse: (value: string | number) => T) {
  return z.union([z.string(), z.number()]).transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  });
}

/** A duration (`90s`, `5m`, `1.5h`, `1y`, or a bare 0) → integer milliseconds. */
export const durationMs = unitSchema(parseDurationMs);

/** A size (`512MB`, `1.5GiB`, or a bare 0) → integer bytes. */
export const sizeBytes = unitSchema(parseSizeBytes);

/** A rate (`200/h`, `2GB/h`, `1/30m`, or a bare 0) → `{ kind: 'count' | 'bytes', perMs }`. */
export const rate = unitSchema((value): Rate => parseRate(value));

/** A rate of events (`200/h`, `1/30m`) → events per millisecond; a size rate is an issue. */
export const countRatePerMs = rate.transform((r, ctx): number => {
  if (r.kind === 'count') return r.perMs;
  ctx.addIssue({ code: 'custom', message: 'expected a rate of events such as 200/h, not of bytes', input: r });
  return z.NEVER;
});

/** A rate of bytes (`2GB/h`, `20GB/d`, or a bare 0) → bytes per millisecond; a count rate is an issue. */
export const byteRatePerMs = rate.transform((r, ctx): number => {
  if (r.kind === 'bytes' || r.perMs === 0) return r.perMs;
  ctx.addIssue({ code: 'custom', message: 'expected a rate of bytes such as 2GB/h, not a count', input: r });
  return z.NEVER;
});
