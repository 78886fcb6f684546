import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { FAILURE_CAUSES } from '../../../metrics/catalogue-summary.js';
import { columnInfo } from '../../../metrics/metric-catalogue.js';
import { countAxis, quantity } from '../axes.js';
import { digestTimeseries, type TimeseriesDigest } from '../timeseries-digest.js';
import { timeUnit, type PlotSection } from '../report-input.js';

interface Datum {
  readonly point: string;
  readonly t: number;
  readonly series: string;
  readonly value: number;
}

const label = (column: string): string => columnInfo('timeseries', column)?.label ?? column;
const unitOf = (column: string): string => columnInfo('timeseries', column)?.unit ?? '';

/**
 * What users' requests met over the run (timeseries.csv), averaged over replications and
 * over buckets of consecutive intervals: demand and served requests per second, failed
 * requests per second by cause (and misdirected ones), latency, and the instances of each
 * role (with a group's desired capacity). One line per point of a sweep.
 */
export const serviceTimeseries: PlotSection = {
  id: 'service-timeseries',
  title: 'Service over time',
  needs: ['timeseries.csv'],
  build({ tables, timeseries }) {
    const table = tables.get('timeseries');
    const digest: TimeseriesDigest | undefined = timeseries ?? (table === undefined ? undefined : digestTimeseries(table));
    if (digest === undefined) return 'needs timeseries.csv (from a scenario with service:)';
    if (digest.groups.every((g) => g.buckets.length === 0)) return 'timeseries.csv has no intervals';
    const sweep = digest.groups.some((g) => g.label !== '');
    const end = Math.max(...digest.groups.flatMap((g) => g.buckets.map((b) => b.timeS))) + digest.bucketS;
    const unit = timeUnit(end);
    const at = (c: string): number => digest.columns.indexOf(c);
    const series = (columns: readonly string[], name: (c: string) => string = label): Datum[] =>
      digest.groups.flatMap((g) => columns.filter((c) => at(c) >= 0).flatMap((c) => g.buckets.map((b) => ({ point: g.label, t: b.timeS / unit.seconds, series: name(c), value: b.values[at(c)]! }))));
    const roles = digest.columns.filter((c) => c.endsWith('_running'));
    const desired = digest.columns.filter((c) => c.endsWith('_desired'));
    const causes = FAILURE_CAUSES.map((c) => `failed_rps_${c}`);
    const traffic = series(['demand_rps', 'served_rps']);
    const failedByCause = series(causes, (c) => c.slice('failed_rps_'.length).replace(/_/g, ' '));
    const failedTotal = digest.groups.flatMap((g) => g.buckets.map((b) => ({ point: g.label, t: b.timeS / unit.seconds, series: 'failed', value: causes.reduce((a, c) => a + (at(c) >= 0 ? b.values[at(c)]! : 0), 0) })));
    const misdirected = series(['misdirected_rps'], () => 'misdirected');
    const latency = series(sweep ? ['latency_p95_s'] : ['latency_mean_s', 'latency_p95_s']);
    const instances = series([...roles, ...desired]);
    const x = { field: 't', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } };
    const colour = sweep ? { field: 'point', type: 'nominal', title: digest.title || 'point', sort: digest.groups.map((g) => g.label) } : { field: 'series', type: 'nominal', title: null };
    const panel = (title: string, data: readonly Datum[], y: Record<string, unknown>, mark: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      title: { text: title, anchor: 'start', fontSize: 12 },
      width: 560,
      height: 130,
      data: { values: data },
      mark,
      encoding: { x, y: { field: 'value', type: 'quantitative', ...y }, color: colour, ...(sweep ? { strokeDash: { field: 'series', type: 'nominal', title: null } } : {}), ...extra },
    });
    const rate = quantity('timeseries', 'demand_rps', traffic.map((d) => d.value), { zero: true });
    const failRate = quantity('timeseries', 'failed_rps_dns', [...failedByCause, ...misdirected].map((d) => d.value), { zero: true });
    const lat = quantity('timeseries', 'latency_p95_s', latency.map((d) => d.value), { zero: true });
    const inst = countAxis('instances');
    const line = { type: 'line', strokeWidth: 1.2, interpolate: 'step-after' };
    const panels = [
      panel('Requests per second: demand and served', traffic, { title: `requests per second (${unitOf('demand_rps')})`, axis: rate.axis, scale: rate.scale }, line),
      sweep
        ? panel('Failed and misdirected requests per second', [...failedTotal, ...misdirected], { title: `requests per second (${unitOf('failed_rps_dns')})`, axis: failRate.axis, scale: failRate.scale }, line)
        : {
          title: { text: 'Failed requests per second, by cause; misdirected', anchor: 'start', fontSize: 12 },
          width: 560,
          height: 130,
          layer: [
            { data: { values: failedByCause }, mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 }, encoding: { x, y: { field: 'value', type: 'quantitative', stack: 'zero', title: `requests per second (${unitOf('failed_rps_dns')})`, axis: failRate.axis, scale: failRate.scale }, color: { field: 'series', type: 'nominal', title: 'failed: cause', sort: FAILURE_CAUSES.map((c) => c.replace(/_/g, ' ')) } } },
            { data: { values: misdirected }, mark: { ...line, color: '#000', strokeDash: [4, 3] }, encoding: { x, y: { field: 'value', type: 'quantitative' } } },
          ],
          resolve: { scale: { color: 'independent' } },
        },
      panel('Latency', latency, { title: `latency (${unitOf('latency_p95_s')})`, axis: lat.axis, scale: lat.scale }, line),
      panel('Instances per role (and desired capacity of groups)', instances, { title: inst.title, axis: inst.axis, scale: inst.scale }, line, sweep ? { detail: { field: 'series', type: 'nominal' } } : {}),
    ];
    const spec = { vconcat: panels, spacing: 18, resolve: { scale: { color: 'independent', strokeDash: 'independent' } } } as unknown as TopLevelSpec;
    const side: Cell[][] = digest.groups.flatMap((g) => {
      const mean = (c: string): number => (at(c) < 0 || g.buckets.length === 0 ? Number.NaN : g.buckets.reduce((a, b) => a + b.values[at(c)]!, 0) / g.buckets.length);
      const max = (c: string): number => (at(c) < 0 ? Number.NaN : Math.max(...g.buckets.map((b) => b.values[at(c)]!)));
      return ['demand_rps', 'served_rps', ...causes, 'misdirected_rps', 'latency_mean_s', 'latency_p95_s', ...roles, ...desired].filter((c) => at(c) >= 0).map((c) => [...(sweep ? [g.label] : []), c, g.replications, mean(c), max(c)]);
    });
    const bucket = digest.bucketS === digest.intervalS ? `each interval (${digest.intervalS} s)` : `buckets of ${digest.bucketS / digest.intervalS} intervals (${digest.bucketS} s)`;
    return {
      spec,
      marks: sweep ? ['line'] : ['line', 'area'],
      side: { name: 'service over time', columns: [...(sweep ? [digest.title || 'point'] : []), 'column', 'replications', 'mean', 'max_of_bucket_means'], rows: side },
      caption: `timeseries.csv (${digest.rows} rows), the mean over replications in ${bucket}: demand and served requests per second; failed requests per second by cause${sweep ? ' (their sum, per point)' : ' (stacked)'} and misdirected requests per second (dashed); latency (${sweep ? 'p95' : 'mean and p95'}: bucket means of each interval's figure); instances running per role and groups' desired capacity.`,
    };
  },
};
