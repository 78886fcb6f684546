import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { columnInfo } from '../../../metrics/metric-catalogue.js';
import { quantile } from '../quantile.js';
import { keyColumns, numberAt, pointLabeller, sweepPoints, type PlotSection } from '../report-input.js';

/** The infrastructure's timeline after a stop, then the outage its clients saw (the max stays in the table). */
const MEASURES = ['detect_s', 'replace_s', 'dns_update_s', 'outage_p50_s', 'outage_mean_s', 'outage_p95_s'] as const;

/**
 * Every incident of every replication (incidents.csv): when detection, the replacement and
 * the DNS update came after the front end stopped, and how long its clients were cut off
 * (p50, mean, p95), one dot per incident, with the median of each as a tick; per point of
 * a sweep, side by side.
 */
export const incidentPhases: PlotSection = {
  id: 'incident-phases',
  title: 'Incidents: recovery and outage after each stop',
  needs: ['incidents.csv'],
  build({ tables }) {
    const t = tables.get('incidents');
    if (t === undefined) return 'needs incidents.csv (from a scenario with DNS and recovery)';
    if (t.rows.length === 0) return 'incidents.csv has no incidents';
    const labeller = pointLabeller(t);
    const points = sweepPoints(t);
    const labelOf = new Map(MEASURES.map((m) => [m, columnInfo('incidents', m)?.label ?? m]));
    const dots: { measure: string; point: string; s: number }[] = [];
    for (const r of t.rows) {
      for (const m of MEASURES) {
        const v = numberAt(t, m)(r);
        if (v !== undefined && Number.isFinite(v)) dots.push({ measure: labelOf.get(m)!, point: labeller.label(r), s: v });
      }
    }
    if (dots.length === 0) return 'incidents.csv has no times';
    const side: Cell[][] = [];
    const medians: { measure: string; point: string; s: number }[] = [];
    for (const label of points.sweep ? points.labels.values() : ['']) {
      for (const m of MEASURES) {
        const xs = dots.filter((d) => d.point === label && d.measure === labelOf.get(m)).map((d) => d.s).sort((a, b) => a - b);
        if (xs.length === 0) continue;
        medians.push({ measure: labelOf.get(m)!, point: label, s: quantile(xs, 0.5) });
        side.push([...(points.sweep ? [label] : []), m, xs.length, quantile(xs, 0.5), xs.reduce((a, b) => a + b, 0) / xs.length, quantile(xs, 0.95), xs[xs.length - 1]!]);
      }
    }
    const log = dots.every((d) => d.s > 0);
    const x = { field: 's', type: 'quantitative', title: `seconds after the front end stopped${log ? ' (log scale)' : ''}`, scale: log ? { type: 'log' } : { zero: true }, axis: { format: ',.4~g', labelOverlap: true } };
    const y = { field: 'measure', type: 'nominal', title: null, sort: MEASURES.map((m) => labelOf.get(m)!) };
    const offset = points.sweep ? { yOffset: { field: 'point', type: 'nominal', sort: [...points.labels.values()] }, color: { field: 'point', type: 'nominal', title: points.title, sort: [...points.labels.values()], legend: { labelLimit: 200 } } } : {};
    const spec = {
      width: 520,
      height: { step: points.sweep ? Math.min(60, 12 * points.labels.size) : 26 },
      layer: [
        { data: { values: dots }, mark: { type: 'point', opacity: 0.45, size: 24, ...(points.sweep ? {} : { color: '#4c78a8' }) }, encoding: { x, y, ...offset } },
        { data: { values: medians }, mark: { type: 'tick', thickness: 2, ...(points.sweep ? {} : { color: '#d62728' }) }, encoding: { x, y, ...offset } },
      ],
    } as unknown as TopLevelSpec;
    const reps = new Set(t.rows.map((r) => `${labeller.label(r)}:${String(r[t.columns.indexOf('replication')])}`)).size;
    return {
      spec,
      marks: ['symbol', 'rect'],
      side: { name: 'incidents', columns: [...(points.sweep ? [points.title] : []), 'measure', 'incidents', 'p50_s', 'mean_s', 'p95_s', 'max_s'], rows: side },
      caption: `All ${t.rows.length} incident(s) of ${reps} run(s) (incidents.csv): detection, replacement and DNS update after the front end stopped, and the clients' outage p50, mean and p95 (one dot per incident, the median as a tick)${points.sweep ? ', per point of the sweep' : ''}. Beside, their distribution over incidents; every column per incident in incidents.csv (${keyColumns(t).join(', ') || 'incident'}, ...).`,
    };
  },
};
