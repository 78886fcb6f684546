import { columnInfo, titleOf, type ColumnInfo } from '../../metrics/metric-catalogue.js';
import { isWholeKind } from '../../metrics/metric-kind.js';
import { parseDurationMs, parseSizeBytes } from '../../engine/units.js';

/** A Vega-Lite position channel's title, axis and scale for a quantity. */
export interface Quantity {
  readonly title: string;
  readonly axis: Readonly<Record<string, unknown>>;
  readonly scale: Readonly<Record<string, unknown>>;
}

/** True when positive values span two decades or more: a log scale shows them better. */
export function spansDecades(values: readonly number[], ratio = 100): boolean {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2 || finite.some((v) => v <= 0)) return false;
  return Math.max(...finite) / Math.min(...finite) >= ratio;
}

/**
 * The d3 format of a quantity's tick labels, or undefined for Vega's own (which takes its
 * precision from the tick step): from a million up an SI prefix with the digits the spread
 * of the values needs (70.6M; 70.61M when they differ only there); whole things (counts)
 * below that as integers with thousands separators.
 */
export function tickFormat(info: ColumnInfo | undefined, values: readonly number[]): string | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const max = Math.max(...finite.map((v) => Math.abs(v)));
  const spread = Math.max(...finite) - Math.min(...finite);
  if (max >= 1e6) {
    const digits = spread > 0 ? Math.ceil(Math.log10(max / spread)) + 2 : 3;
    return `.${Math.min(8, Math.max(3, digits))}~s`;
  }
  return info !== undefined && isWholeKind(info.kind) ? ',d' : undefined;
}

/**
 * How a plot shows a column of a table (a catalogue name such as `summary`): its title with
 * the unit (from the catalogue, or `title` instead), integer ticks for counts, short labels,
 * and a log scale when `log` is asked and the values allow it (or `log: 'auto'`, when they
 * span two decades).
 */
export function quantity(table: string, column: string, values: readonly number[], options: { readonly title?: string; readonly log?: boolean | 'auto'; readonly zero?: boolean } = {}): Quantity {
  const info = columnInfo(table, column);
  const log = options.log === 'auto' ? spansDecades(values) : options.log === true && values.every((v) => v > 0);
  const whole = info !== undefined && isWholeKind(info.kind);
  const format = tickFormat(info, values);
  return {
    title: options.title ?? titleOf(info, column),
    axis: { ...(format === undefined ? {} : { format }), ...(whole && !log ? { tickMinStep: 1 } : {}), labelOverlap: true },
    scale: log ? { type: 'log' } : { zero: options.zero ?? false, nice: true },
  };
}

/** Integer ticks for a count that is not a catalogued column (replications in a histogram, instances). */
export function countAxis(title: string): Quantity {
  return { title, axis: { format: ',d', tickMinStep: 1 }, scale: { zero: true, nice: true } };
}

/** A varied parameter's values read as numbers: durations in s, sizes in GB, or plain numbers. */
export interface NumericParameter {
  readonly unit: 's' | 'GB' | '';
  readonly values: ReadonlyMap<string, number>;
  /** True when they span two decades or more (TTLs from 30 s to 2 h): draw them on a log axis. */
  readonly log: boolean;
}

function allParse(values: readonly string[], parse: (v: string) => number): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (const v of values) {
    try {
      const n = parse(v);
      if (!Number.isFinite(n)) return undefined;
      out.set(v, n);
    } catch {
      return undefined;
    }
  }
  return out;
}

/**
 * A sweep parameter's values (as written to --vary) as numbers, when every one is a number,
 * a duration (`30s`, `1h`) or a size (`512MB`); undefined when one is not (`spread`,
 * `honour-ttl`), and the axis stays categorical.
 */
export function numericParameter(values: readonly string[]): NumericParameter | undefined {
  if (values.length === 0) return undefined;
  const plain = allParse(values, (v) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN));
  const seconds = plain === undefined ? allParse(values, (v) => parseDurationMs(v) / 1000) : undefined;
  const gb = plain === undefined && seconds === undefined ? allParse(values, (v) => parseSizeBytes(v) / 1e9) : undefined;
  const map = plain ?? seconds ?? gb;
  if (map === undefined) return undefined;
  return { unit: plain !== undefined ? '' : seconds !== undefined ? 's' : 'GB', values: map, log: spansDecades([...map.values()], 20) };
}
