import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { FAILURE_CAUSES } from '../../../metrics/catalogue-summary.js';
import { columnInfo } from '../../../metrics/metric-catalogue.js';
import { quantity } from '../axes.js';
import { DIGEST_BUCKETS, digestTimeseries, incidentWindow } from '../timeseries-digest.js';
import type { PlotSection } from '../report-input.js';

/**
 * What users' requests met around an incident (the one most runs share, see incidentWindow;
 * timeseries.csv interval by interval, the mean over replications): failed requests per second by cause and misdirected ones,
 * from half an hour before the front end stopped to six hours after; one line per point of
 * a sweep.
 */
export const incidentRequests: PlotSection = {
  id: 'incident-requests',
  title: 'Requests around an incident',
  needs: ['timeseries.csv', 'incidents.csv'],
  build({ tables, timeseries }) {
    const incidents = tables.get('incidents');
    const table = tables.get('timeseries');
    const digest = timeseries ?? (table === undefined ? undefined : digestTimeseries(table, DIGEST_BUCKETS, incidentWindow(incidents)));
    if (digest === undefined) return 'needs timeseries.csv (from a scenario with service:) and incidents.csv';
    const w = digest.window;
    if (w === undefined) return 'needs incidents.csv with an incident (from a scenario with DNS and recovery) beside timeseries.csv';
    if (w.groups.every((g) => g.intervals.length === 0)) return 'timeseries.csv has no interval around the incident';
    const sweep = w.groups.some((g) => g.label !== '');
    const at = (c: string): number => digest.columns.indexOf(c);
    const causes = FAILURE_CAUSES.map((c) => `failed_rps_${c}`).filter((c) => at(c) >= 0);
    const minutes = (t: number): number => (t - w.atS) / 60;
    const data = w.groups.flatMap((g) => g.intervals.flatMap((b) => [
      ...(sweep
        ? [{ point: g.label, t: minutes(b.timeS), series: 'failed', value: causes.reduce((a, c) => a + b.values[at(c)]!, 0) }]
        : causes.map((c) => ({ point: g.label, t: minutes(b.timeS), series: c.slice('failed_rps_'.length).replace(/_/g, ' '), value: b.values[at(c)]! }))),
      { point: g.label, t: minutes(b.timeS), series: 'misdirected', value: b.values[at('misdirected_rps')]! },
    ]));
    const y = quantity('timeseries', 'failed_rps_dns', data.map((d) => d.value), { zero: true });
    const unit = columnInfo('timeseries', 'failed_rps_dns')?.unit ?? '';
    const x = { field: 't', type: 'quantitative', title: `minutes after the front end stopped (at ${(w.atS / 3600).toFixed(1)} h)`, scale: { domain: [minutes(w.fromS), minutes(w.toS)], nice: false } };
    const yEnc = { field: 'value', type: 'quantitative', title: `requests per second (${unit})`, axis: y.axis, scale: y.scale };
    const line = { type: 'line', interpolate: 'step-after', strokeWidth: 1.3 };
    const spec = (sweep
      ? {
        width: 560, height: 220, data: { values: data }, mark: line,
        encoding: { x, y: yEnc, color: { field: 'point', type: 'nominal', title: digest.title || 'point', sort: w.groups.map((g) => g.label) }, strokeDash: { field: 'series', type: 'nominal', title: null } },
      }
      : {
        width: 560, height: 220, data: { values: data },
        layer: [
          { transform: [{ filter: "datum.series !== 'misdirected'" }], mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 }, encoding: { x, y: { ...yEnc, stack: 'zero' }, color: { field: 'series', type: 'nominal', title: 'failed: cause', sort: FAILURE_CAUSES.map((c) => c.replace(/_/g, ' ')) } } },
          { transform: [{ filter: "datum.series === 'misdirected'" }], mark: { ...line, color: '#000', strokeDash: [4, 3] }, encoding: { x, y: yEnc } },
        ],
      }) as unknown as TopLevelSpec;
    const side: Cell[][] = w.groups.map((g) => {
      const total = (cs: readonly string[]): number => g.intervals.reduce((a, b) => a + cs.reduce((s, c) => s + b.values[at(c)]! * digest.intervalS, 0), 0);
      return [...(sweep ? [g.label] : []), total(causes), total(['misdirected_rps']), Math.max(0, ...g.intervals.map((b) => causes.reduce((s, c) => s + b.values[at(c)]!, 0)))];
    });
    return {
      spec,
      marks: sweep ? ['line'] : ['line', 'area'],
      side: { name: 'around the incident', columns: [...(sweep ? [digest.title || 'point'] : []), 'failed_requests', 'misdirected_requests', 'peak_failed_rps'], rows: side },
      caption: `timeseries.csv interval by interval (${digest.intervalS} s) around the incident most runs share in incidents.csv (at ${(w.atS / 3600).toFixed(1)} h), the mean over replications: failed requests per second ${sweep ? '(all causes, per point)' : 'by cause (stacked)'} and misdirected ones (dashed). Beside, the window's totals (mean per replication) and the peak.`,
    };
  },
};
