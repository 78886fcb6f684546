import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { quantity } from '../axes.js';
import { numberAt, pointLabeller, textAt, type PlotSection } from '../report-input.js';

/** Summary metrics that measure client outage, most wanted first. */
const OUTAGE_METRICS = ['outage_mean_s', 'outage_p50_s', 'outage_p95_s'];
const DNS_METRIC = 'dns_queries_per_s';

/**
 * The trade-off a TTL sweep shows: mean client outage (with its 95% CI) against the load on
 * the authoritative DNS servers, one point per point of the sweep, joined in sweep order.
 */
export const ttlTradeoff: PlotSection = {
  id: 'ttl-tradeoff',
  title: 'Outage vs DNS queries per second',
  needs: ['aggregate.csv'],
  build({ tables }) {
    const agg = tables.get('aggregate');
    if (agg === undefined) return 'needs aggregate.csv of a sweep (e.g. over a record\'s TTL)';
    const metric = textAt(agg, 'metric');
    const names = new Set(agg.rows.map(metric));
    const outageMetric = OUTAGE_METRICS.find((m) => names.has(m));
    if (!names.has(DNS_METRIC) || outageMetric === undefined) return `needs aggregate.csv with ${DNS_METRIC} and an outage metric (a sweep of a scenario with DNS)`;
    const points = pointLabeller(agg);
    const mean = numberAt(agg, 'mean');
    const lo = numberAt(agg, 'ci95_low');
    const hi = numberAt(agg, 'ci95_high');
    const byPoint = new Map<number, { point: number; label: string; qps?: number | undefined; outage?: number | undefined; lo?: number | undefined; hi?: number | undefined }>();
    for (const row of agg.rows) {
      const m = metric(row);
      if (m !== DNS_METRIC && m !== outageMetric) continue;
      const p = points.point(row);
      const e = byPoint.get(p) ?? { point: p, label: points.label(row) };
      if (m === DNS_METRIC) e.qps = mean(row);
      else Object.assign(e, { outage: mean(row), lo: lo(row), hi: hi(row) });
      byPoint.set(p, e);
    }
    const data = [...byPoint.values()].filter((e) => e.qps !== undefined && e.outage !== undefined);
    if (data.length === 0) return `aggregate.csv has no point with both ${DNS_METRIC} and ${outageMetric}`;
    const qx = quantity('summary', DNS_METRIC, data.map((e) => e.qps!), { log: true });
    const qy = quantity('summary', outageMetric, data.flatMap((e) => [e.lo ?? e.outage!, e.hi ?? e.outage!]));
    const x = { field: 'qps', type: 'quantitative', title: `${qx.title}${(qx.scale as { type?: string }).type === 'log' ? ', log scale' : ''}`, axis: qx.axis, scale: qx.scale } as const;
    const y = { field: 'outage', type: 'quantitative', title: `${qy.title}: mean, 95% CI`, axis: qy.axis, scale: qy.scale } as const;
    const spec = {
      width: 520,
      height: 320,
      data: { values: data },
      layer: [
        { mark: { type: 'line', color: '#888' }, encoding: { x, y, order: { field: 'point' } } },
        { mark: 'rule', encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y } },
        { mark: { type: 'text', dx: 8, align: 'left', fontSize: 11 }, encoding: { x, y, text: { field: 'label' } } },
      ],
    } as unknown as TopLevelSpec;
    const side: Cell[][] = data.map((e) => [e.label, e.qps ?? null, e.outage ?? null, e.lo ?? null, e.hi ?? null]);
    return {
      spec,
      marks: ['line', 'symbol', 'rule', 'text'],
      side: { name: 'trade-off', columns: [points.title, DNS_METRIC, outageMetric, 'ci95_low', 'ci95_high'], rows: side },
      caption: `Each point of the sweep: the mean ${outageMetric} clients saw against the queries per second the authoritative servers answered. A low TTL cuts outage and costs everyone DNS load.`,
    };
  },
};
