import { describe, expect, it } from 'vitest';
import { quantity, spansDecades, tickFormat } from '../../src/output/report/axes.js';
import { histogram } from '../../src/output/report/plots/summary-distributions.js';
import { countSteps } from '../../src/output/report/plots/instances-over-time.js';
import { columnInfo } from '../../src/metrics/metric-catalogue.js';

describe('report axes from the catalogue', () => {
  it('titles a column with its label and unit; counts carry none', () => {
    expect(quantity('summary', 'outage_p95_s', [300, 1500]).title).toBe('outage p95 (s)');
    expect(quantity('summary', 'cost_usd', [1, 2]).title).toBe('EC2 cost (USD)');
    expect(quantity('summary', 'unavailability', [0.0001, 0.0003]).title).toBe('unavailability (0..1)');
    expect(quantity('summary', 'failed_requests', [1, 2]).title).toBe('failed client requests');
    expect(quantity('summary', 'no_such', [1]).title).toBe('no_such');
  });

  it('gives counts whole-number ticks, and short SI labels from a million up', () => {
    expect(quantity('summary', 'host_failures', [3, 9]).axis).toMatchObject({ format: ',d', tickMinStep: 1 });
    expect(quantity('summary', 'outage_p95_s', [300, 1500]).axis).not.toHaveProperty('tickMinStep');
    expect(tickFormat(columnInfo('summary', 'demand_requests'), [70_300_000, 70_600_000])).toBe('.5~s'); // 70.3M, 70.35M, ..., 70.6M (trailing zeros trimmed)
    expect(tickFormat(columnInfo('summary', 'demand_requests'), [8_639_660_000, 8_639_680_000])).toBe('.8~s');
    expect(tickFormat(columnInfo('summary', 'outage_p95_s'), [300, 1500])).toBeUndefined(); // Vega's own, from the tick step
  });

  it('uses a log scale when asked and the values allow it, or when they span two decades', () => {
    expect(spansDecades([30, 7200])).toBe(true);
    expect(spansDecades([30, 300])).toBe(false);
    expect(spansDecades([0, 300])).toBe(false);
    expect(quantity('summary', 'dns_queries_per_s', [0.06, 77], { log: true }).scale).toEqual({ type: 'log' });
    expect(quantity('summary', 'dns_queries_per_s', [0, 77], { log: true }).scale).toMatchObject({ zero: false });
    expect(quantity('summary', 'outage_max_s', [60, 60_000], { log: 'auto' }).scale).toEqual({ type: 'log' });
  });
});

describe('what the plots compute', () => {
  it('bins a count whole numbers wide, and every value in one bin', () => {
    const bins = histogram([0, 0, 1], true);
    expect(bins).toEqual([{ start: 0, end: 1, count: 2 }, { start: 1, end: 2, count: 1 }]);
    const wide = histogram([0, 5, 17, 26, 26], true);
    expect(wide.every((b) => Number.isInteger(b.start) && Number.isInteger(b.end - b.start))).toBe(true);
    expect(wide.reduce((a, b) => a + b.count, 0)).toBe(5);
    const real = histogram([0.1, 0.25, 0.3, 0.9], false);
    expect(real.reduce((a, b) => a + b.count, 0)).toBe(4);
    expect(real.length).toBeLessThanOrEqual(21);
  });

  it('counts instances up and down over time, changes at one time merged', () => {
    expect(countSteps([0, 0, 10], [5, 10])).toEqual([{ t: 0, value: 2 }, { t: 5, value: 1 }, { t: 10, value: 1 }]);
  });
});
