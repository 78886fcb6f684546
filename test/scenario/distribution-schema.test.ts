import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  durationDistribution,
  numberDistribution,
  resolveEmpiricalCsv,
  type DistributionSpec,
} from '../../src/scenario/distribution-schema.js';
import { toDistribution } from '../../src/scenario/distribution-build.js';
import { byteRatePerMs, countRatePerMs, durationMs, rate, sizeBytes } from '../../src/scenario/unit-schemas.js';
import { gamma } from '../../src/engine/special-functions.js';

const H = 3_600_000;
const D = 24 * H;
const Y = 365 * D;

/** The issues of a failed parse, as [dotted path, message] pairs. */
function issues(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('unit schemas', () => {
  it('parse values with units', () => {
    expect(durationMs.parse('90s')).toBe(90_000);
    expect(durationMs.parse(0)).toBe(0);
    expect(sizeBytes.parse('1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(rate.parse('200/h')).toMatchObject({ kind: 'count', amount: 200, windowMs: H });
    expect(countRatePerMs.parse('2/s')).toBe(0.002);
    expect(byteRatePerMs.parse('2GB/h')).toBeCloseTo(2e9 / H, 9);
    expect(byteRatePerMs.parse(0)).toBe(0);
  });

  it('turn unit errors into issues carrying the parser message', () => {
    expect(issues(durationMs, '5 mins')).toEqual([
      ['', 'bad duration "5 mins": unknown unit "mins"; expected a number followed by one of ms, s, m, h, d, w, y (e.g. 90s, 5m, 2h)'],
    ]);
    expect(issues(z.strictObject({ every: durationMs }), { every: 30 })[0]?.[0]).toBe('every');
    expect(issues(sizeBytes, '1gb')[0]?.[1]).toContain('bad size "1gb"');
    expect(issues(countRatePerMs, '2GB/h')[0]?.[1]).toContain('rate of events');
    expect(issues(byteRatePerMs, '200/h')[0]?.[1]).toContain('rate of bytes');
    expect(issues(durationMs, true)).toHaveLength(1);
  });
});

describe('durationDistribution: the forms scenario files write', () => {
  it.each<[unknown, DistributionSpec]>([
    ['5m', { kind: 'constant', value: 300_000 }],
    [0, { kind: 'constant', value: 0 }],
    [{ constant: '5m' }, { kind: 'constant', value: 300_000 }],
    [{ uniform: { min: '1m', max: '5m' } }, { kind: 'uniform', min: 60_000, max: 300_000 }],
    [{ exponential: { mean: '30d' } }, { kind: 'exponential', mean: 30 * D }],
    [{ exponential: { rate: '2/h' } }, { kind: 'exponential', mean: 1_800_000 }],
    [{ exponential: { rate: '1/30m' } }, { kind: 'exponential', mean: 1_800_000 }],
    [{ weibull: { shape: 0.9, scale: '1y' } }, { kind: 'weibull', shape: 0.9, scale: Y }],
    [{ lognormal: { median: '4h', sigma: 1 } }, { kind: 'lognormal', median: 4 * H, sigma: 1 }],
    [{ normal: { mean: '10m', sd: '2m' } }, { kind: 'normal', mean: 600_000, sd: 120_000 }],
    [{ pareto: { shape: 1.5, scale: '1h' } }, { kind: 'pareto', shape: 1.5, scale: H }],
    [{ empirical: ['1h', '2h', '5h'] }, { kind: 'empirical', values: [H, 2 * H, 5 * H] }],
    [
      { empirical: { csv: 'traces/ttf.csv', column: 'ttf_s', unit: 'h' } },
      { kind: 'empirical-csv', path: 'traces/ttf.csv', column: 'ttf_s', scale: H },
    ],
    [{ empirical: { csv: 'ttf.csv', column: 'ttf_s' } }, { kind: 'empirical-csv', path: 'ttf.csv', column: 'ttf_s', scale: 1000 }],
  ])('%j', (input, spec) => {
    expect(durationDistribution.parse(input)).toEqual(spec);
  });

  it('turns a weibull mean into the scale that gives it', () => {
    const spec = durationDistribution.parse({ weibull: { shape: 0.9, mean: '2y' } });
    expect(spec).toEqual({ kind: 'weibull', shape: 0.9, scale: (2 * Y) / gamma(1 + 1 / 0.9) });
    expect(toDistribution(spec).mean / (2 * Y)).toBeCloseTo(1, 12);
  });

  it('turns a lognormal mean into the median that gives it', () => {
    const spec = durationDistribution.parse({ lognormal: { mean: '4h', sigma: 1 } });
    expect(spec.kind === 'lognormal' && spec.median).toBeCloseTo(4 * H * Math.exp(-0.5), 3);
    expect(toDistribution(spec).mean / (4 * H)).toBeCloseTo(1, 12);
  });
});

describe('durationDistribution: errors say where and what', () => {
  it.each<[unknown, [string, string][]]>([
    [{ weibul: { shape: 1, mean: '1h' } }, [['', 'unknown distribution "weibul" (did you mean "weibull"?): expected one of constant, uniform, exponential, weibull, lognormal, normal, pareto, empirical']]],
    [{}, [['', 'expected exactly one key naming the distribution (constant, uniform, exponential, weibull, lognormal, normal, pareto, empirical), got none']]],
    [{ constant: '1h', uniform: {} }, [['', expect.stringContaining('got constant, uniform') as unknown as string]]],
    [true, [['', 'expected a value (e.g. 5m) or one of constant, uniform, exponential, weibull, lognormal, normal, pareto, empirical as the only key']]],
    [{ exponential: {} }, [['exponential', 'give mean or rate']]],
    [{ exponential: { mean: '1h', rate: '1/h' } }, [['exponential', 'give either mean or rate, not both']]],
    [{ exponential: { mean: '0s' } }, [['exponential.mean', 'must be a duration > 0']]],
    [{ exponential: { rate: '2GB/h' } }, [['exponential.rate', 'expected a positive rate of events such as 2/h']]],
    [{ exponential: { rate: '0/h' } }, [['exponential.rate', 'expected a positive rate of events such as 2/h']]],
    [{ weibull: { shape: 0, mean: '1y' } }, [['weibull.shape', 'must be a number > 0']]],
    [{ weibull: { shape: 1, scale: '1y', mean: '1y' } }, [['weibull', 'give either scale or mean, not both']]],
    [{ lognormal: { median: '4h', sigma: -1 } }, [['lognormal.sigma', 'must be a number >= 0']]],
    [{ uniform: { min: '5m', max: '1m' } }, [['uniform.max', 'max must be >= min']]],
    [{ pareto: { shape: 1.5, scale: '1h', min: '1h' } }, [['pareto.min', 'unknown key "min"; expected one of: shape, scale']]],
    [{ empirical: [] }, [['empirical', 'needs at least one value']]],
    [{ empirical: ['1h', 'soon'] }, [['empirical.1', expect.stringContaining('bad duration "soon"') as unknown as string]]],
    [{ empirical: { csv: 'a.csv', column: 'x', unit: 'mins' } }, [['empirical.unit', 'expected one of ms, s, m, h, d, w, y']]],
    [{ empirical: { csv: 'a.csv' } }, [['empirical.column', expect.any(String) as unknown as string]]],
    [{ empirical: '1h' }, [['empirical', 'expected a list of values or { csv: <path>, column: <name> }']]],
    [{ normal: { mean: '10m', sd: 3 } }, [['normal.sd', expect.stringContaining('add a unit') as unknown as string]]],
  ])('%j', (input, expected) => {
    expect(issues(durationDistribution, input)).toEqual(expected);
  });

  it('keeps the path of the field that holds the distribution', () => {
    const faults = z.strictObject({ hardware: z.strictObject({ ttf: durationDistribution }) });
    expect(issues(faults, { hardware: { ttf: { weibull: { shape: -1, mean: '2y' } } } })).toEqual([
      ['hardware.ttf.weibull.shape', 'must be a number > 0'],
    ]);
  });
});

describe('numberDistribution', () => {
  it('takes plain numbers', () => {
    expect(numberDistribution.parse(0.5)).toEqual({ kind: 'constant', value: 0.5 });
    expect(numberDistribution.parse({ uniform: { min: 0.1, max: 0.3 } })).toEqual({ kind: 'uniform', min: 0.1, max: 0.3 });
    expect(numberDistribution.parse({ exponential: { rate: 4 } })).toEqual({ kind: 'exponential', mean: 0.25 });
    expect(numberDistribution.parse({ empirical: [1, 2, 3] })).toEqual({ kind: 'empirical', values: [1, 2, 3] });
    expect(numberDistribution.parse({ empirical: { csv: 'a.csv', column: 'n' } })).toEqual({
      kind: 'empirical-csv',
      path: 'a.csv',
      column: 'n',
      scale: 1,
    });
  });

  it('refuses durations, negatives and CSV units', () => {
    expect(issues(numberDistribution, '5m')[0]?.[0]).toBe('');
    expect(issues(numberDistribution, { constant: -1 })).toEqual([['constant', 'must be a number >= 0']]);
    expect(issues(numberDistribution, { empirical: { csv: 'a.csv', column: 'n', unit: 's' } })[0]?.[0]).toBe('empirical.unit');
  });
});

describe('toDistribution', () => {
  it('builds each kind with the spec mean', () => {
    const cases: [DistributionSpec, number][] = [
      [{ kind: 'constant', value: 5 }, 5],
      [{ kind: 'uniform', min: 1, max: 3 }, 2],
      [{ kind: 'exponential', mean: 7 }, 7],
      [{ kind: 'weibull', shape: 1, scale: 4 }, 4],
      [{ kind: 'lognormal', median: 1, sigma: 0 }, 1],
      [{ kind: 'normal', mean: 0, sd: 2 }, 2 * Math.sqrt(2 / Math.PI)],
      [{ kind: 'pareto', shape: 2, scale: 1 }, 2],
      [{ kind: 'empirical', values: [1, 2, 6] }, 3],
    ];
    for (const [spec, mean] of cases) {
      const d = toDistribution(spec);
      expect(d.kind).toBe(spec.kind);
      expect(d.mean).toBeCloseTo(mean, 12);
    }
  });

  it('refuses an unresolved CSV reference', () => {
    expect(() => toDistribution({ kind: 'empirical-csv', path: 'a.csv', column: 'x', scale: 1 })).toThrow(
      'empirical distribution from a.csv was not resolved',
    );
  });
});

describe('resolveEmpiricalCsv', () => {
  const spec: DistributionSpec = { kind: 'empirical-csv', path: 'traces/ttf.csv', column: 'ttf_s', scale: 1000 };
  const read = (text: string) => (path: string): string => {
    expect(path).toBe('traces/ttf.csv');
    return text;
  };

  it('reads the column, scaled, skipping blank lines', () => {
    const text = 'host,ttf_s\r\nh1,3600\n\n  \nh2, 1.5\nh3,"60"\n';
    expect(resolveEmpiricalCsv(spec, read(text))).toEqual({ kind: 'empirical', values: [3_600_000, 1500, 60_000] });
  });

  it('reads quoted cells with commas, a byte-order mark, and refuses stray quotes', () => {
    expect(resolveEmpiricalCsv(spec, read('\ufeffhost,ttf_s\n"web, the first",2\n"db ""main""", 3\n'))).toEqual({ kind: 'empirical', values: [2000, 3000] });
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\n"a"b,2\n'))).toThrow('traces/ttf.csv:2: a quoted cell goes on after its closing quote');
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\nh1,2\n"h2,3\n'))).toThrow('traces/ttf.csv:3: a quoted cell starting here is never closed');
  });

  it('returns other specs as they are, without reading', () => {
    const other: DistributionSpec = { kind: 'constant', value: 1 };
    expect(resolveEmpiricalCsv(other, () => {
      throw new Error('must not read');
    })).toBe(other);
  });

  it('names the path, line and column of a problem', () => {
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf\nh1,3\n'))).toThrow(
      'traces/ttf.csv:1: no column "ttf_s" in the header (columns: host, ttf)',
    );
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\nh1,3\n\nh2,soon\n'))).toThrow(
      'traces/ttf.csv:4: column "ttf_s": "soon" is not a number >= 0',
    );
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\nh1\n'))).toThrow('traces/ttf.csv:2: 1 cell, but the header has 2 (host, ttf_s)');
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\nh1,-4\n'))).toThrow('"-4" is not a number >= 0');
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\nh1,\n'))).toThrow('traces/ttf.csv:2: column "ttf_s": an empty cell is not a number >= 0');
    expect(() => resolveEmpiricalCsv(spec, read('host,ttf_s\n'))).toThrow('traces/ttf.csv: column "ttf_s" has no rows');
    expect(() => resolveEmpiricalCsv(spec, read('\n\n'))).toThrow('traces/ttf.csv: the file is empty');
  });
});
