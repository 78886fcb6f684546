import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { summaryLayout } from '../../../experiment/summary-layout.js';
import { summaryStatistics } from '../../../experiment/summary-statistics.js';
import { metricInfo } from '../../../metrics/metric-catalogue.js';
import { isWholeKind } from '../../../metrics/metric-kind.js';
import { numericCell } from '../../../metrics/csv-read.js';
import { countAxis, quantity } from '../axes.js';
import { pointLabeller, sweepPoints, type PlotSection } from '../report-input.js';

/** Panels at most: the summary of a scenario with every layer has about 70 metrics. */
const MAX_PANELS = 45;
const MAX_BINS = 20;
/** Replications a run needs for its metrics to be drawn as histograms rather than dots. */
const MIN_HISTOGRAM = 10;

/** A step of 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

/**
 * Histogram bins of `xs` (at most 20, edges on multiples of a 1-2-5 step; for a count whole
 * numbers wide, so that a bin never splits a value), as bars the axis draws on its own ticks.
 */
export function histogram(xs: readonly number[], whole: boolean): { start: number; end: number; count: number }[] {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const raw = hi > lo ? (hi - lo) / MAX_BINS : Math.abs(lo) / 10 || 1;
  const step = whole ? Math.max(1, Math.ceil(niceStep(raw))) : niceStep(raw);
  const first = Math.floor(lo / step);
  const counts = new Map<number, number>();
  for (const x of xs) {
    const k = Math.min(Math.floor(x / step), Math.floor(hi / step));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: { start: number; end: number; count: number }[] = [];
  for (let k = first; k <= Math.floor(hi / step); k++) out.push({ start: k * step, end: (k + 1) * step, count: counts.get(k) ?? 0 });
  return out;
}

/**
 * Each summary metric that varies across replications: for a run of 10 replications or
 * more, a histogram of them with the mean and its 95% interval; otherwise, and for a sweep
 * at each point, every replication as a dot with the mean and its interval. Titles and axes
 * from the catalogue.
 */
export const summaryDistributions: PlotSection = {
  id: 'summary-distributions',
  title: 'Summary metrics across replications',
  needs: ['summary.csv'],
  build({ tables }) {
    const summary = tables.get('summary');
    if (summary === undefined) return 'needs summary.csv';
    const layout = summaryLayout(summary);
    const labeller = pointLabeller(summary);
    const points = sweepPoints(summary);
    const groups = new Map<number, Cell[][]>();
    for (const r of summary.rows) {
      const p = labeller.point(r);
      const g = groups.get(p);
      if (g === undefined) groups.set(p, [r]);
      else g.push(r);
    }
    const side: Cell[][] = [];
    const varying = new Set<string>();
    const bands: { metric: string; point: string; mean: number; low: number; high: number }[] = [];
    for (const [p, rows] of [...groups].sort((a, b) => a[0] - b[0])) {
      for (const s of summaryStatistics(layout.metrics, layout.metricIndex, rows)) {
        const j = layout.metricIndex[layout.metrics.indexOf(s.metric)]!;
        const xs = rows.map((r) => numericCell(r[j])).filter((v): v is number => v !== undefined && Number.isFinite(v));
        if (xs.length === 0) continue;
        const [min, max] = [Math.min(...xs), Math.max(...xs)];
        if (min !== max) varying.add(s.metric);
        side.push([...(points.sweep ? [points.labels.get(p) ?? ''] : []), s.metric, s.info?.unit ?? '', s.n, s.mean, s.low, s.high, s.sd, min, max]);
        bands.push({ metric: s.metric, point: points.labels.get(p) ?? '', mean: s.mean, low: Number.isFinite(s.low) ? s.low : s.mean, high: Number.isFinite(s.high) ? s.high : s.mean });
      }
    }
    const order = [...new Set(side.map((r) => r[points.sweep ? 1 : 0] as string))].filter((m) => varying.has(m));
    const shown = order.slice(0, MAX_PANELS);
    if (shown.length === 0) return 'no summary metric varies across replications (run more than one replication)';
    // A run's replications as a histogram once there are enough of them to fill one; else
    // (and for a sweep, per point) every replication as a dot.
    const histograms = !points.sweep && summary.rows.length >= MIN_HISTOGRAM;
    const panel = (metric: string): Record<string, unknown> => {
      const j = layout.metricIndex[layout.metrics.indexOf(metric)]!;
      const values = summary.rows.map((r) => ({ value: numericCell(r[j]), point: labeller.label(r) })).filter((v) => v.value !== undefined && Number.isFinite(v.value));
      const q = quantity('summary', metric, values.map((v) => v.value!));
      const band = bands.filter((b) => b.metric === metric);
      const info = metricInfo(metric);
      const whole = info !== undefined && isWholeKind(info.kind);
      const title = { text: metricInfo(metric)?.label ?? metric, subtitle: metric, fontSize: 12, subtitleFontSize: 10, subtitleColor: '#666', anchor: 'start' };
      if (histograms) {
        return {
          title,
          width: 200,
          height: 110,
          layer: [
            { data: { values: band }, mark: { type: 'rect', opacity: 0.18, color: '#d62728' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
            { data: { values: histogram(values.map((v) => v.value!), whole).filter((b) => b.count > 0) }, mark: 'bar', encoding: { x: { field: 'start', type: 'quantitative', title: q.title, axis: q.axis, scale: q.scale }, x2: { field: 'end' }, y: { field: 'count', type: 'quantitative', ...countAxis('replications') } } },
            { data: { values: band }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
          ],
        };
      }
      const y = points.sweep
        ? { field: 'point', type: 'ordinal', title: points.title, sort: [...points.labels.values()], axis: { labelLimit: 90 } }
        : { field: 'point', type: 'ordinal', title: null, axis: null };
      return {
        title,
        width: 200,
        height: { step: points.sweep ? 16 : 24 },
        layer: [
          { data: { values }, mark: { type: 'point', opacity: 0.5, size: 20 }, encoding: { y, x: { field: 'value', type: 'quantitative', title: q.title, axis: q.axis, scale: q.scale } } },
          { data: { values: band }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
          { data: { values: band }, mark: { type: 'tick', color: '#d62728', thickness: 2 }, encoding: { y, x: { field: 'mean', type: 'quantitative' } } },
        ],
      };
    };
    const spec = { columns: 3, concat: shown.map(panel), spacing: { row: 24, column: 36 } } as unknown as TopLevelSpec;
    const cols = [...(points.sweep ? [points.title] : []), 'metric', 'unit', 'n', 'mean', 'ci95_low', 'ci95_high', 'sd', 'min', 'max'];
    return {
      spec,
      marks: histograms ? ['rect', 'rule'] : ['symbol', 'rule'],
      side: { name: 'summary statistics', columns: cols, rows: side },
      caption: `${histograms ? 'Histogram of the replications, with the mean (line) and its 95% confidence interval (band)' : `Every replication (dots)${points.sweep ? ' at each point of the sweep' : ''}, with the mean (tick) and its 95% confidence interval (line)`} of the ${shown.length} summary metric(s) that vary${order.length > shown.length ? ` (the first ${shown.length} of ${order.length})` : ''}, from summary.csv; beside, every metric's statistics${points.sweep ? ' per point' : ''}. Intervals on the scale each metric's kind calls for (README: Confidence intervals).`,
    };
  },
};
