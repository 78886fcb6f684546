import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { quantity } from '../axes.js';
import { digestTimeseries, type TimeseriesDigest } from '../timeseries-digest.js';
import { timeUnit, type PlotSection } from '../report-input.js';

/**
 * The load on the authoritative DNS servers over the run (timeseries.csv `dns_queries_per_s`),
 * the mean over replications per time bucket; one line per point of a sweep (a TTL sweep
 * shows what a low TTL costs everyone else).
 */
export const dnsQueries: PlotSection = {
  id: 'dns-queries',
  title: 'DNS queries per second over time',
  needs: ['timeseries.csv'],
  build({ tables, timeseries }) {
    const table = tables.get('timeseries');
    const digest: TimeseriesDigest | undefined = timeseries ?? (table === undefined ? undefined : digestTimeseries(table));
    if (digest === undefined) return 'needs timeseries.csv (from a scenario with DNS clients)';
    const at = digest.columns.indexOf('dns_queries_per_s');
    if (at < 0) return 'timeseries.csv has no dns_queries_per_s (no DNS clients)';
    if (digest.groups.every((g) => g.buckets.length === 0)) return 'timeseries.csv has no intervals';
    const sweep = digest.groups.some((g) => g.label !== '');
    const end = Math.max(...digest.groups.flatMap((g) => g.buckets.map((b) => b.timeS))) + digest.bucketS;
    const unit = timeUnit(end);
    const data = digest.groups.flatMap((g) => g.buckets.map((b) => ({ point: g.label, t: b.timeS / unit.seconds, value: b.values[at]! })));
    const values = data.map((d) => d.value);
    const q = quantity('timeseries', 'dns_queries_per_s', values, { zero: true, log: sweep && values.every((v) => v > 0) ? 'auto' : false });
    const spec = {
      width: 560,
      height: 180,
      data: { values: data },
      mark: { type: 'line', strokeWidth: 1.2, interpolate: 'step-after' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } },
        y: { field: 'value', type: 'quantitative', title: q.title, axis: q.axis, scale: q.scale },
        ...(sweep ? { color: { field: 'point', type: 'nominal', title: digest.title || 'point', sort: digest.groups.map((g) => g.label), legend: { labelLimit: 200 } } } : { color: { value: '#4c78a8' } }),
      },
    } as unknown as TopLevelSpec;
    const side: Cell[][] = digest.groups.map((g) => {
      const xs = g.buckets.map((b) => b.values[at]!);
      const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      return [...(sweep ? [g.label] : []), g.replications, mean, Math.min(...xs), Math.max(...xs)];
    });
    const bucket = digest.bucketS === digest.intervalS ? `each interval (${digest.intervalS} s)` : `buckets of ${digest.bucketS / digest.intervalS} intervals (${digest.bucketS} s)`;
    return {
      spec,
      marks: ['line'],
      side: { name: 'DNS queries per second', columns: [...(sweep ? [digest.title || 'point'] : []), 'replications', 'mean', 'min_of_buckets', 'max_of_buckets'], rows: side },
      caption: `timeseries.csv, the mean over replications in ${bucket}: queries per second the authoritative servers answered (counted request by request in per-request mode and in the sampled mode's windows around incidents, the renewal expectation per resolver elsewhere). The mean over the run is dns_queries_per_s of summary.csv.`,
    };
  },
};
