import { describe, expect, it } from 'vitest';
import { aggregateSummary } from '../../src/experiment/aggregate.js';
import { pairedDifference, welchDifference } from '../../src/experiment/difference.js';
import { summarize } from '../../src/experiment/statistics.js';
import { csvToTable } from '../../src/metrics/csv-read.js';
import { tableToCsv } from '../../src/output/csv.js';

// t(0.975, 4) = 2.7764451051977987
const T4 = 2.7764451051977987;

describe('confidence intervals, against hand computation', () => {
  it('mean, sd and the Student-t 95% CI of 1..5', () => {
    // mean 3, s^2 = 10 / 4 = 2.5, se = sqrt(2.5 / 5) = 0.7071..., half width 2.7764 * 0.7071 = 1.96324
    const s = summarize([1, 2, 3, 4, 5]);
    expect(s).toMatchObject({ n: 5, mean: 3 });
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.ci95Low).toBeCloseTo(3 - T4 * Math.sqrt(0.5), 12);
    expect(s.ci95High).toBeCloseTo(1.0367568 + 3.9264864, 6);
    expect(summarize([7]).sd).toBeNaN();
    expect(summarize([]).mean).toBeNaN();
  });

  it('paired: A = 1..5, B = 2, 4, 5, 4, 7', () => {
    // d = 1, 2, 2, 0, 2: mean 1.4, s^2 = 3.2 / 4 = 0.8, se = sqrt(0.8 / 5) = 0.4
    const d = pairedDifference([1, 2, 3, 4, 5], [2, 4, 5, 4, 7]);
    expect(d).toMatchObject({ test: 'paired', nA: 5, nB: 5, meanA: 3, meanB: 4.4, df: 4 });
    expect(d.diff).toBeCloseTo(1.4, 14);
    expect(d.ci95Low).toBeCloseTo(1.4 - T4 * 0.4, 12);
    expect(d.ci95High).toBeCloseTo(2.5105780420791, 10);
  });

  it('Welch: the same numbers as independent samples', () => {
    // s_A^2 = 2.5, s_B^2 = 13.2 / 4 = 3.3; se^2 = 0.5 + 0.66 = 1.16;
    // df = 1.16^2 / (0.5^2 / 4 + 0.66^2 / 4) = 1.3456 / 0.1714 = 7.85064177...
    const d = welchDifference([1, 2, 3, 4, 5], [2, 4, 5, 4, 7]);
    expect(d.test).toBe('welch');
    expect(d.df).toBeCloseTo(1.3456 / 0.1714, 12);
    const half = (d.ci95High - d.ci95Low) / 2;
    expect(half / Math.sqrt(1.16)).toBeCloseTo(2.3136, 3); // t(0.975, 7.85)
    expect(d.diff).toBeCloseTo(1.4, 14);
    // no spread at all: a zero-width interval, not NaN
    expect(welchDifference([2, 2], [3, 3])).toMatchObject({ diff: 1, ci95Low: 1, ci95High: 1 });
  });

  it('aggregate.csv per point and metric, empty cells left out', () => {
    const summary = csvToTable('summary', [
      'scenario,point,ttl,replication,seed,a,b',
      's,0,30s,0,1,1,',
      's,0,30s,1,9,2,5',
      's,0,30s,2,7,3,',
      's,1,60s,0,1,4,inf',
      's,1,60s,1,9,4,x',
      '',
    ].join('\n'));
    const agg = aggregateSummary(summary);
    expect(agg.columns).toEqual(['point', 'ttl', 'metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high']);
    // point 0, a = 1, 2, 3: half width t(0.975, 2) / sqrt(3) = 4.30265272975 / 1.73205080757 = 2.48413771175
    expect(tableToCsv(agg)).toBe([
      'point,ttl,metric,n,mean,sd,ci95_low,ci95_high',
      '0,30s,a,3,2,1,-0.48413771175,4.48413771175',
      '0,30s,b,1,5,,,',
      '1,60s,a,2,4,0,4,4',
      '1,60s,b,1,inf,,,',
      '',
    ].join('\n'));
  });
  it('aggregate.csv: a catalogued metric gets the interval its kind calls for (log scale for counts, logit for shares)', () => {
    const summary = csvToTable('summary', [
      'scenario,replication,seed,misdirected_requests,unavailability',
      's,0,1,0,0.001',
      's,1,2,0,0.002',
      's,2,3,6000,0.0015',
      '',
    ].join('\n'));
    const [mis, unav] = aggregateSummary(summary).rows;
    // Student's t: 2000 -/+ 4.30265 x 2000 = -6605 to 10605. On the log scale (se = sd / sqrt(3) = 2000): 2000 e^(-/+4.30265).
    expect(mis![2]).toBe(2000);
    expect(mis![4] as number).toBeCloseTo(2000 * Math.exp(-4.302652729749464), 9);
    expect(mis![5] as number).toBeCloseTo(2000 * Math.exp(4.302652729749464), 6);
    expect(unav![4] as number).toBeGreaterThan(0);
    expect(unav![5] as number).toBeLessThan(1);
  });
});
