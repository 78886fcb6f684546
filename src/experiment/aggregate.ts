import type { Cell, Table } from '../metrics/table.js';
import { numericCell } from '../metrics/csv-read.js';
import { metricSupport } from '../metrics/metric-catalogue.js';
import { meanInterval } from './mean-interval.js';
import { groupByPoint, summaryLayout } from './summary-layout.js';

/** The statistics columns of aggregate.csv, after `point` and the varied parameters. */
export const AGGREGATE_STAT_COLUMNS = ['metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high'] as const;

/**
 * aggregate.csv from a summary table: one row per (point, metric), points in order, metrics
 * in column order, with n (the replications that gave a number), mean, standard deviation
 * and the 95% confidence interval of the mean that respects the metric's kind (see
 * `meanInterval`: log scale for quantities >= 0, logit for fractions, Student t for metrics
 * the catalogue does not know). Empty cells are left out of n.
 * Values are read as the CSV holds them (12 significant digits), so an aggregate computed
 * from a merged folder is the same as one computed after a single sweep.
 */
export function aggregateSummary(summary: Table): Table {
  const layout = summaryLayout(summary);
  const lead = layout.point === undefined ? [] : ['point', ...layout.varied];
  const rows: Cell[][] = [];
  for (const g of groupByPoint(summary, layout)) {
    layout.metricIndex.forEach((j, k) => {
      const values: number[] = [];
      for (const row of g.rows) {
        const v = numericCell(row[j]);
        if (v !== undefined) values.push(v);
      }
      const metric = layout.metrics[k]!;
      const s = meanInterval(values, metricSupport(metric));
      const key = layout.point === undefined ? [] : [g.point, ...g.values];
      rows.push([...key, metric, s.n, s.mean, s.sd, s.low, s.high]);
    });
  }
  return { name: 'aggregate', columns: [...lead, ...AGGREGATE_STAT_COLUMNS], rows };
}
