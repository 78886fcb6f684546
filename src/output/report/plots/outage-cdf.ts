import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { columnInfo, titleOf } from '../../../metrics/metric-catalogue.js';
import { quantile } from '../quantile.js';
import { numberAt, pointLabeller, sweepPoints, type PlotSection } from '../report-input.js';

/** Sorted values' quantiles at 0, 1/n, ..., 1 (n = `steps`), by linear interpolation. */
export function quantiles(sorted: readonly number[], steps: number): { q: number; p: number }[] {
  return Array.from({ length: steps + 1 }, (_, k) => ({ q: quantile(sorted, k / steps), p: k / steps }));
}

/** The distribution of per-client outage (outages.csv) as a CDF, pooled over incidents and replications, one line per point of a sweep. */
export const outageCdf: PlotSection = {
  id: 'outage-cdf',
  title: 'Per-client outage (CDF)',
  needs: ['outages.csv'],
  build({ tables }) {
    const t = tables.get('outages');
    if (t === undefined) return 'needs outages.csv (from a scenario with DNS and recovery)';
    const outage = numberAt(t, 'outage_s');
    const points = pointLabeller(t);
    const order = sweepPoints(t);
    const groups = new Map<string, number[]>();
    for (const r of t.rows) {
      const v = outage(r);
      if (v === undefined || !Number.isFinite(v)) continue;
      const key = points.sweep ? points.label(r) : 'all clients';
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [v]);
      else list.push(v);
    }
    if (groups.size === 0) return 'outages.csv has no outage_s values';
    const data: { group: string; outage: number; fraction: number }[] = [];
    const side: Cell[][] = [];
    for (const [group, values] of groups) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const { q, p } of quantiles(sorted, 200)) data.push({ group, outage: q, fraction: p });
      side.push([group, sorted.length, sorted.reduce((a, b) => a + b, 0) / sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99), sorted[sorted.length - 1]!]);
    }
    const log = data.every((d) => d.outage > 0);
    const spec = {
      width: 520,
      height: 300,
      data: { values: data },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'outage', type: 'quantitative', title: `${titleOf(columnInfo('outages', 'outage_s'), 'outage_s')}, per client (${log ? 'log' : 'symlog'} scale)`, scale: log ? { type: 'log' } : { type: 'symlog', constant: 10 }, axis: { format: ',.4~g', labelOverlap: true } },
        y: { field: 'fraction', type: 'quantitative', title: 'share of client outages no longer than x', scale: { domain: [0, 1] } },
        color: { field: 'group', type: 'nominal', title: points.sweep ? points.title : null, sort: points.sweep ? [...order.labels.values()] : null, legend: { labelLimit: 200 } },
      },
    } as unknown as TopLevelSpec;
    return {
      spec,
      marks: ['line'],
      side: { name: 'outage statistics', columns: [points.sweep ? points.title : 'clients', 'n', 'mean_s', 'p50_s', 'p95_s', 'p99_s', 'max_s'], rows: side },
      caption: t.columns.includes('quantile')
        ? 'Share of client outages no longer than x: each incident\'s outage quantiles (outages.csv), pooled over incidents and replications.'
        : 'Share of client outages no longer than x, over every incident and replication (outages.csv).',
    };
  },
};
