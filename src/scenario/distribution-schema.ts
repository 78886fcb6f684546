/**
 * Distributions as scenario files write them: a bare value (a constant) or one key naming
 * the kind, e.g. `{ weibull: { shape: 0.9, mean: 2y } }`. Parsing gives a DistributionSpec
 * (plain data, units normalised); toDistribution turns a spec into a sampler. An empirical
 * distribution may name a CSV file; the loader reads it through resolveEmpiricalCsv.
 */
import * as z from 'zod';
import { didYouMean } from '../engine/did-you-mean.js';
import { toDistribution } from './distribution-build.js';
import { gamma } from '../engine/special-functions.js';
import { DURATION_UNITS } from '../engine/units.js';
import { withJsonStandIn } from './json-stand-ins.js';
import { durationMs, rate } from './unit-schemas.js';
import { csvAt, CsvError, readCsv } from '../metrics/csv-read.js';

const KINDS = ['constant', 'uniform', 'exponential', 'weibull', 'lognormal', 'normal', 'pareto', 'empirical'] as const;
const KIND_LIST = KINDS.join(', ');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of the object schema at the start of a pipe (an object with transforms). */
function objectKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodPipe) return objectKeys(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as object);
  return [];
}

/**
 * A schema that looks at the raw input, picks one option (or refuses with a message), and
 * reports the option's issues as its own, under `key` when it parses `input[key]`. A
 * z.union would only say "Invalid input" when the user meant one option and got it wrong.
 */
function dispatch<M extends Record<string, z.ZodType>>(
  options: M,
  pick: (input: unknown) => { readonly option: keyof M; readonly key?: string } | string,
) {
  return z.unknown().transform((input, ctx): z.output<M[keyof M]> => {
    const picked = pick(input);
    if (typeof picked === 'string') {
      ctx.addIssue({ code: 'custom', message: picked, input });
      return z.NEVER;
    }
    const { key } = picked;
    const schema = options[picked.option] as M[keyof M];
    const result = schema.safeParse(key === undefined ? input : (input as Record<string, unknown>)[key]);
    if (result.success) return result.data as z.output<M[keyof M]>;
    const prefix = key === undefined ? [] : [key];
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
        // name the keys that would have been accepted: callers cannot see inside a transform
        const known = objectKeys(schema).join(', ');
        for (const bad of issue.keys) {
          ctx.addIssue({ code: 'custom', message: `unknown key "${bad}"; expected one of: ${known}`, path: [...prefix, bad] });
        }
      } else {
        ctx.addIssue({ ...issue, path: [...prefix, ...issue.path] });
      }
    }
    return z.NEVER;
  });
}

/** Exactly one of two alternative parameters, or a message saying so. */
function oneOf<T>(a: [string, T | undefined], b: [string, T | undefined]): { key: string; value: T } | string {
  if (a[1] !== undefined && b[1] !== undefined) return `give either ${a[0]} or ${b[0]}, not both`;
  if (a[1] !== undefined) return { key: a[0], value: a[1] };
  if (b[1] !== undefined) return { key: b[0], value: b[1] };
  return `give ${a[0]} or ${b[0]}`;
}

/** What differs between duration and number distributions: how values are written. */
interface ValueKit {
  /** A value >= 0. */
  readonly value: z.ZodType<number>;
  /** A value > 0. */
  readonly positive: z.ZodType<number>;
  /** An exponential's rate, turned into its mean. */
  readonly rateMean: z.ZodType<number>;
  /** An empirical CSV reference: how many output units one CSV unit is. */
  readonly csv: z.ZodType<{ path: string; column: string; scale: number }>;
  /** An example of a bare value, for messages. */
  readonly example: string;
  /** What the values are, naming the distribution's definition in the JSON Schema (`duration`, `number`). */
  readonly name: string;
}

const shape = z.number().positive('must be a number > 0');
const spread = z.number().nonnegative('must be a number >= 0');

function distributionSchema(kit: ValueKit) {
  const { value, positive } = kit;
  const fail = (ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void }, message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const options = {
    bare: value.transform((v) => ({ kind: 'constant' as const, value: v })),
    constant: value.transform((v) => ({ kind: 'constant' as const, value: v })),
    uniform: z
      .strictObject({ min: value, max: value })
      .refine((p) => p.min <= p.max, { message: 'max must be >= min', path: ['max'] })
      .transform((p) => ({ kind: 'uniform' as const, min: p.min, max: p.max })),
    exponential: z
      .strictObject({ mean: positive.optional(), rate: kit.rateMean.optional() })
      .transform((p, ctx) => {
        const chosen = oneOf(['mean', p.mean], ['rate', p.rate]);
        if (typeof chosen === 'string') return fail(ctx, chosen);
        return { kind: 'exponential' as const, mean: chosen.value };
      }),
    weibull: z
      .strictObject({ shape, scale: positive.optional(), mean: positive.optional() })
      .transform((p, ctx) => {
        const chosen = oneOf(['scale', p.scale], ['mean', p.mean]);
        if (typeof chosen === 'string') return fail(ctx, chosen);
        const scale = chosen.key === 'scale' ? chosen.value : chosen.value / gamma(1 + 1 / p.shape);
        if (!(scale > 0 && Number.isFinite(scale))) return fail(ctx, `shape ${p.shape} is too small to compute`);
        return { kind: 'weibull' as const, shape: p.shape, scale };
      }),
    lognormal: z
      .strictObject({ sigma: spread, median: positive.optional(), mean: positive.optional() })
      .transform((p, ctx) => {
        const chosen = oneOf(['median', p.median], ['mean', p.mean]);
        if (typeof chosen === 'string') return fail(ctx, chosen);
        const median = chosen.key === 'median' ? chosen.value : chosen.value * Math.exp((-p.sigma * p.sigma) / 2);
        if (!(median > 0)) return fail(ctx, `sigma ${p.sigma} is too large for that mean`);
        return { kind: 'lognormal' as const, median, sigma: p.sigma };
      }),
    normal: z
      .strictObject({ mean: value, sd: value })
      .transform((p) => ({ kind: 'normal' as const, mean: p.mean, sd: p.sd })),
    pareto: z
      .strictObject({ shape, scale: positive })
      .transform((p) => ({ kind: 'pareto' as const, shape: p.shape, scale: p.scale })),
    empirical: withJsonStandIn(dispatch(
      {
        list: z
          .array(value)
          .min(1, 'needs at least one value')
          .transform((values) => ({ kind: 'empirical' as const, values })),
        csv: kit.csv.transform((c) => ({ kind: 'empirical-csv' as const, ...c })),
      },
      (input) =>
        Array.isArray(input)
          ? { option: 'list' }
          : isPlainObject(input)
            ? { option: 'csv' }
            : `expected a list of values or { csv: <path>, column: <name> }`,
    ), `${kit.name}-empirical`, z.union([z.array(value).min(1), kit.csv])
      .meta({ description: 'The values an empirical distribution draws from, each equally likely: a list, or { csv: <file, relative to the scenario>, column: <name> }.' })),
  };
  // For the JSON Schema: a bare value, or an object whose one key names the kind.
  const { bare, ...kinds } = options;
  const asWritten = z.union([bare, ...Object.entries(kinds).map(([kind, schema]) => z.strictObject({ [kind]: schema }))])
    .meta({ description: `A distribution: a value (e.g. ${kit.example}), or one key naming the kind (${KIND_LIST}) with its parameters, e.g. { exponential: { mean: ${kit.example} } }.` });
  return withJsonStandIn(dispatch(options, (input) => {
    if (typeof input === 'string' || typeof input === 'number') return { option: 'bare' };
    if (!isPlainObject(input)) return `expected a value (e.g. ${kit.example}) or one of ${KIND_LIST} as the only key`;
    const keys = Object.keys(input);
    const [key] = keys;
    if (keys.length !== 1 || key === undefined) {
      return `expected exactly one key naming the distribution (${KIND_LIST}), got ${keys.length === 0 ? 'none' : keys.join(', ')}`;
    }
    if (!(KINDS as readonly string[]).includes(key)) {
      const guess = didYouMean(key, KINDS);
      return `unknown distribution "${key}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}: expected one of ${KIND_LIST}`;
    }
    return { option: key as (typeof KINDS)[number], key };
  }), `${kit.name}-distribution`, asWritten);
}

/**
 * Refuses parameters whose samples overflow: the sampler is run with the most extreme
 * uniform draws (2^-53, 1/2, 1 - 2^-53) and each result must be a finite number >= 0
 * (a lognormal's sigma of 1e308 or a Weibull's shape of 0.001 give Infinity).
 */
function withFiniteSamples<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const spec = value as DistributionSpec;
    if (spec.kind === 'empirical-csv') return;
    const d = toDistribution(spec);
    for (const u of [2 ** -53, 0.5, 1 - 2 ** -53]) {
      const x = d.sample(() => u);
      if (!Number.isFinite(x) || x < 0) {
        ctx.addIssue({ code: 'custom', message: `these parameters give samples that cannot be computed (${x} at an extreme draw); use a smaller spread (a lognormal's sigma, a normal's sd) or a larger shape (Weibull, Pareto)` });
        return;
      }
    }
  }) as unknown as S;
}

const durationUnit = z.string().refine((u) => Object.hasOwn(DURATION_UNITS, u), {
  message: 'expected one of ms, s, m, h, d, w, y',
});

/**
 * A distribution of durations; every value is a duration (`5m`) normalised to milliseconds.
 * Exponential also takes `rate: 2/h` (mean = 1/rate). An empirical CSV column holds plain
 * numbers in `unit` (default `s`, as in every CSV ephemera writes).
 */
export const durationDistribution = withFiniteSamples(distributionSchema({
  value: durationMs,
  positive: durationMs.refine((v) => v > 0, 'must be a duration > 0'),
  rateMean: rate.transform((r, ctx) => {
    if (r.kind === 'count' && r.amount > 0) return r.windowMs / r.amount; // exact: 2/h → 1800000
    ctx.addIssue({ code: 'custom', message: 'expected a positive rate of events such as 2/h', input: r });
    return z.NEVER;
  }),
  csv: z
    .strictObject({ csv: z.string().min(1), column: z.string().min(1), unit: durationUnit.default('s') })
    .transform((c) => ({ path: c.csv, column: c.column, scale: DURATION_UNITS[c.unit] ?? 1 })),
  example: '5m',
  name: 'duration',
}));

/** A distribution of plain numbers >= 0 (shares, counts, sizes already in their unit). */
export const numberDistribution = withFiniteSamples(distributionSchema({
  value: z.number().nonnegative('must be a number >= 0'),
  positive: z.number().positive('must be a number > 0'),
  rateMean: z.number().positive('must be a number > 0').transform((r) => 1 / r),
  csv: z
    .strictObject({ csv: z.string().min(1), column: z.string().min(1) })
    .transform((c) => ({ path: c.csv, column: c.column, scale: 1 })),
  example: '0.5',
  name: 'number',
}));

/** A parsed distribution: plain data, values in ms (durations) or as written (numbers). */
export type DistributionSpec = z.output<typeof durationDistribution>;

/**
 * Reads an empirical-csv spec's column (through `readText`, which the caller supplies) and
 * returns the equivalent `empirical` spec, each number multiplied by the spec's scale. The
 * CSV is read by the one CSV reader (a header row; quoted cells; blank lines ignored;
 * spaces around cells trimmed). Any other spec is returned as it is.
 * @throws Error naming the path and line (`path:line`) and the column, when the CSV is
 *   malformed, the column is missing, a cell is not a number >= 0, or there are no rows
 */
export function resolveEmpiricalCsv(spec: DistributionSpec, readText: (path: string) => string): DistributionSpec {
  if (spec.kind !== 'empirical-csv') return spec;
  const { path, column, scale } = spec;
  const csv = readCsv(readText(path), path, { trim: true });
  if (csv.header.length === 0) throw new Error(`${path}: the file is empty; expected a header row with "${column}"`);
  const index = csv.column(column);
  if (index < 0) throw new Error(`${csvAt(path, csv.headerLine)}: no column "${column}" in the header (columns: ${csv.header.join(', ')})`);
  if (csv.records.length === 0) throw new Error(`${path}: column "${column}" has no rows`);
  const values = csv.records.map(({ cells, line }) => {
    const cell = cells[index] ?? '';
    const number = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(number) || number < 0) {
      throw new CsvError(path, line, `column "${column}": ${cell === '' ? 'an empty cell' : `"${cell}"`} is not a number >= 0`);
    }
    return number * scale;
  });
  return { kind: 'empirical', values };
}
