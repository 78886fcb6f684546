import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../metrics/table.js';
import { summarize } from '../../experiment/statistics.js';
import { summaryLayout } from '../../experiment/summary-layout.js';
import { numericCell } from '../../metrics/csv-read.js';
import { numberAt, pointLabeller, textAt, type PlotSection } from './report-input.js';

/** Histograms of each summary metric that varies across replications, with its statistics beside. */
export const summaryHistograms: PlotSection = {
  id: 'summary-histograms',
  title: 'Summary metrics across replications',
  needs: ['summary.csv'],
  marks: ['rect'],
  build({ tables }) {
    const summary = tables.get('summary');
    if (summary === undefined) return 'needs summary.csv';
    const layout = summaryLayout(summary);
    const points = pointLabeller(summary);
    const values: { metric: string; value: number; point: string }[] = [];
    const side: Cell[][] = [];
    layout.metricIndex.forEach((j, k) => {
      const metric = layout.metrics[k]!;
      const xs: number[] = [];
      for (const row of summary.rows) {
        const v = numericCell(row[j]);
        if (v === undefined || !Number.isFinite(v)) continue;
        xs.push(v);
        values.push({ metric, value: v, point: points.label(row) });
      }
      if (xs.length === 0) return;
      const s = summarize(xs);
      side.push([metric, s.n, s.mean, s.sd, s.ci95Low, s.ci95High, Math.min(...xs), Math.max(...xs)]);
    });
    const varying = new Set(side.filter((r) => r[6] !== r[7]).map((r) => r[0] as string));
    const data = values.filter((v) => varying.has(v.metric));
    if (data.length === 0) return 'no summary metric varies across replications (run more than one replication)';
    // One histogram per metric (concat, not facet: each metric needs its own bins).
    const spec: TopLevelSpec = {
      columns: 3,
      concat: [...varying].map((metric) => ({
        title: { text: metric, fontSize: 11, fontWeight: 'normal' },
        width: 200,
        height: 110,
        data: { values: data.filter((v) => v.metric === metric) },
        mark: 'bar',
        encoding: {
          x: { field: 'value', type: 'quantitative', bin: { maxbins: 20 }, title: null },
          y: { aggregate: 'count', type: 'quantitative', title: 'replications' },
          ...(points.sweep ? { color: { field: 'point', type: 'nominal', title: points.title, sort: null, legend: { labelLimit: 320 } } } : {}),
        },
      })),
    };
    return {
      spec,
      side: { name: 'summary statistics', columns: ['metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'max'], rows: side },
      caption: `Histograms of the ${varying.size} summary metric(s) that vary, over ${summary.rows.length} row(s) of summary.csv; beside, every metric's mean with its Student-t 95% confidence interval.`,
    };
  },
};

/** Each metric's mean with its 95% CI at every point of a sweep (aggregate.csv). */
export const sweepMetrics: PlotSection = {
  id: 'sweep-metrics',
  title: 'Metrics across the sweep',
  needs: ['aggregate.csv'],
  marks: ['symbol', 'rule'],
  build({ tables }) {
    const agg = tables.get('aggregate');
    if (agg === undefined) return 'needs aggregate.csv (written by ephemera sweep)';
    const points = pointLabeller(agg);
    if (!points.sweep) return 'aggregate.csv has no point column';
    const metric = textAt(agg, 'metric');
    const mean = numberAt(agg, 'mean');
    const lo = numberAt(agg, 'ci95_low');
    const hi = numberAt(agg, 'ci95_high');
    const byMetric = new Map<string, { point: number; label: string; mean: number; lo: number; hi: number }[]>();
    for (const row of agg.rows) {
      const m = mean(row);
      if (m === undefined || !Number.isFinite(m)) continue;
      const list = byMetric.get(metric(row)) ?? [];
      list.push({ point: points.point(row), label: points.label(row), mean: m, lo: lo(row) ?? m, hi: hi(row) ?? m });
      byMetric.set(metric(row), list);
    }
    // Metrics whose mean changes from point to point (common random numbers keep the others equal).
    const shown = [...byMetric].filter(([, l]) => l.some((x) => x.mean !== l[0]!.mean)).slice(0, 12);
    if (shown.length === 0) return 'no metric\'s mean changes across the sweep';
    const data = shown.flatMap(([m, l]) => l.map((x) => ({ metric: m, ...x })));
    const x = { field: 'label', type: 'ordinal', sort: { field: 'point', op: 'min' }, title: null, axis: { labelAngle: -30 } } as const;
    const spec: TopLevelSpec = {
      data: { values: data },
      facet: { field: 'metric', type: 'nominal', title: null, sort: shown.map(([m]) => m) },
      columns: 3,
      spec: {
        width: 200,
        height: 120,
        layer: [
          { mark: 'rule', encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'mean, 95% CI', scale: { zero: false } }, y2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    };
    return {
      spec,
      side: { ...agg, name: 'aggregate.csv' },
      caption: `Mean and 95% confidence interval (Student t) at each point of the sweep of the ${shown.length} metric(s) whose mean changes, from aggregate.csv.`,
    };
  },
};
