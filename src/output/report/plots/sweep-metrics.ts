import type { TopLevelSpec } from 'vega-lite';
import { metricInfo, SUMMARY_GROUPS } from '../../../metrics/metric-catalogue.js';
import { quantity } from '../axes.js';
import { numberAt, pointChannel, sweepPoints, textAt, type PlotSection } from '../report-input.js';

const MAX_PANELS = 24;

/** The section order of a metric (the printed summary's), for sorting panels. */
function sectionOf(metric: string): number {
  const g = metricInfo(metric)?.group;
  const i = SUMMARY_GROUPS.findIndex(([k]) => k === g);
  return i < 0 ? SUMMARY_GROUPS.length : i;
}

/**
 * Each summary metric's mean and 95% interval (aggregate.csv) at every point of a sweep:
 * one panel per metric whose mean changes across the points, the varied parameter on a
 * numeric axis when it is a number, a duration or a size (log when it spans decades).
 */
export const sweepMetrics: PlotSection = {
  id: 'sweep-metrics',
  title: 'Metrics across the sweep',
  needs: ['aggregate.csv'],
  build({ tables }) {
    const agg = tables.get('aggregate');
    if (agg === undefined) return 'needs aggregate.csv (written by ephemera sweep)';
    const points = sweepPoints(agg);
    if (!points.sweep) return 'aggregate.csv has no point column';
    const metric = textAt(agg, 'metric');
    const mean = numberAt(agg, 'mean');
    const lo = numberAt(agg, 'ci95_low');
    const hi = numberAt(agg, 'ci95_high');
    const point = numberAt(agg, 'point');
    const byMetric = new Map<string, { point: number; label: string; x: number | null; mean: number; low: number; high: number }[]>();
    for (const row of agg.rows) {
      const m = mean(row);
      if (m === undefined || !Number.isFinite(m)) continue;
      const p = point(row) ?? 0;
      const list = byMetric.get(metric(row)) ?? [];
      list.push({ point: p, label: points.labels.get(p) ?? '', x: points.numeric?.at.get(p) ?? null, mean: m, low: lo(row) ?? m, high: hi(row) ?? m });
      byMetric.set(metric(row), list);
    }
    // Metrics whose mean changes from point to point (common random numbers keep the others equal).
    const changing = [...byMetric].filter(([, l]) => l.some((x) => x.mean !== l[0]!.mean));
    const shown = changing.map(([m], i) => ({ m, i })).sort((a, b) => sectionOf(a.m) - sectionOf(b.m) || a.i - b.i).map(({ m }) => m).slice(0, MAX_PANELS);
    if (shown.length === 0) return 'no metric\'s mean changes across the sweep';
    const x = pointChannel(points, { numeric: 'x', label: 'label' });
    const panels = shown.map((m) => {
      const data = byMetric.get(m)!;
      const q = quantity('summary', m, data.flatMap((d) => [d.low, d.high]));
      const y = { field: 'mean', type: 'quantitative', title: q.title, axis: q.axis, scale: q.scale };
      return {
        title: { text: metricInfo(m)?.label ?? m, subtitle: m, fontSize: 12, subtitleFontSize: 10, subtitleColor: '#666', anchor: 'start' },
        width: 200,
        height: 120,
        data: { values: data },
        layer: [
          { mark: { type: 'line', color: '#999' }, encoding: { x, y, order: { field: 'point' } } },
          { mark: 'rule', encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
          { mark: { type: 'point', filled: true, size: 40 }, encoding: { x, y } },
        ],
      };
    });
    const spec = { columns: 3, concat: panels, spacing: { row: 24, column: 40 } } as unknown as TopLevelSpec;
    return {
      spec,
      marks: ['symbol', 'rule', 'line'],
      side: { ...agg, name: 'aggregate.csv' },
      caption: `Mean and 95% confidence interval at each point of the sweep (${points.title}${points.numeric?.log === true ? ', log scale' : ''}) of the ${shown.length} metric(s) whose mean changes${changing.length > shown.length ? ` (the first ${shown.length} of ${changing.length})` : ''}, from aggregate.csv.`,
    };
  },
};
