import { numericCell } from '../metrics/csv-read.js';
import { metricInfo, SUMMARY_GROUPS, type ColumnInfo, type SummaryGroup } from '../metrics/metric-catalogue.js';
import { supportOf } from '../metrics/metric-kind.js';
import type { Cell } from '../metrics/table.js';
import { meanInterval, type MeanInterval } from './mean-interval.js';

/** One summary metric over a set of replications: what the printed summary shows. */
export interface MetricStatistics extends MeanInterval {
  readonly metric: string;
  /** The catalogue's entry; undefined for a column it does not know. */
  readonly info: ColumnInfo | undefined;
  /** The section it belongs to; `other` for a column the catalogue does not know. */
  readonly group: SummaryGroup | 'other';
}

/**
 * Every metric of `metrics` (summary columns, at `indices` of `rows`) that has at least one
 * number over the rows, with its mean and the 95% interval of `meanInterval` for its kind,
 * ordered by section (availability, DNS, service, elasticity, cost, cloud, then columns the
 * catalogue does not know) and within a section in column order. Empty metrics are left out.
 */
export function summaryStatistics(metrics: readonly string[], indices: readonly number[], rows: readonly (readonly Cell[])[]): MetricStatistics[] {
  const out: MetricStatistics[] = [];
  metrics.forEach((metric, k) => {
    const j = indices[k]!;
    const values: number[] = [];
    for (const r of rows) {
      const v = numericCell(r[j]);
      if (v !== undefined && !Number.isNaN(v)) values.push(v);
    }
    if (values.length === 0) return;
    const info = metricInfo(metric);
    const s = meanInterval(values, info === undefined ? undefined : supportOf(info.kind));
    out.push({ ...s, metric, info, group: info?.group ?? 'other' });
  });
  const order = [...SUMMARY_GROUPS.map(([g]) => g), 'other'];
  return out.map((s, i) => ({ s, i })).sort((a, b) => order.indexOf(a.s.group) - order.indexOf(b.s.group) || a.i - b.i).map((x) => x.s);
}
