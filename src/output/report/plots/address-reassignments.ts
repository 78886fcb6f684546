import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { countAxis } from '../axes.js';
import { numberAt, pointLabeller, sweepPoints, textAt, timeUnit, type PlotSection } from '../report-input.js';
import { runEnd } from './instances-over-time.js';

const OURS = 'public addresses we got';
const TAKEN = 'ours taken by other customers';

/**
 * Address reassignments over time (addresses.csv): per run, how many public addresses our
 * instances have been given so far (each replacement comes back at a new one), and how many
 * of the addresses we let go another customer has taken (where stale DNS sends users to a
 * stranger); one line per replication, one panel per point of a sweep.
 */
export const addressReassignments: PlotSection = {
  id: 'address-reassignments',
  title: 'Address reassignments over time',
  needs: ['addresses.csv'],
  build({ tables, manifest }) {
    const t = tables.get('addresses');
    if (t === undefined) return 'needs addresses.csv (from a scenario that launches instances)';
    const end = runEnd(manifest, t, ['from_s', 'to_s']);
    const unit = timeUnit(end);
    const points = pointLabeller(t);
    const order = sweepPoints(t);
    const kind = textAt(t, 'kind');
    const holder = textAt(t, 'holder');
    const rep = textAt(t, 'replication');
    const from = numberAt(t, 'from_s');
    const series = new Map<string, { point: string; run: string; event: string; times: number[] }>();
    const runsOf = new Map<string, Set<string>>();
    for (const r of t.rows) {
      const runs = runsOf.get(points.label(r)) ?? new Set<string>();
      runs.add(rep(r));
      runsOf.set(points.label(r), runs);
      const h = holder(r);
      const event = h === 'tenant' ? TAKEN : kind(r) !== 'private' && h.startsWith('i-') ? OURS : undefined;
      if (event === undefined) continue;
      const run = `${points.label(r)}#${rep(r)}`;
      const key = `${run}\0${event}`;
      const s = series.get(key) ?? { point: points.label(r), run, event, times: [] };
      s.times.push(from(r) ?? 0);
      series.set(key, s);
    }
    if (series.size === 0) return 'addresses.csv records no public address';
    const data: { point: string; line: string; event: string; t: number; n: number }[] = [];
    const stats = new Map<string, { point: string; event: string; runs: number; total: number; max: number }>();
    for (const s of series.values()) {
      const times = [...s.times].sort((a, b) => a - b);
      const line = `${s.run}:${s.event}`;
      data.push({ point: s.point, line, event: s.event, t: 0, n: 0 });
      times.forEach((x, i) => data.push({ point: s.point, line, event: s.event, t: x / unit.seconds, n: i + 1 }));
      data.push({ point: s.point, line, event: s.event, t: end / unit.seconds, n: times.length });
      const k = `${s.point}\0${s.event}`;
      const e = stats.get(k) ?? { point: s.point, event: s.event, runs: runsOf.get(s.point)?.size ?? 1, total: 0, max: 0 };
      e.total += times.length;
      e.max = Math.max(e.max, times.length);
      stats.set(k, e);
    }
    const y = countAxis('addresses, cumulative');
    const layer = {
      width: points.sweep ? 260 : 520,
      height: 200,
      mark: { type: 'line', interpolate: 'step-after', opacity: 0.55, strokeWidth: 1.2 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } },
        y: { field: 'n', type: 'quantitative', title: y.title, axis: y.axis, scale: y.scale },
        color: { field: 'event', type: 'nominal', title: null, sort: [OURS, TAKEN], legend: { orient: 'bottom', direction: 'vertical', labelLimit: 300 } },
        detail: { field: 'line', type: 'nominal' },
      },
    };
    const spec = (points.sweep
      ? { data: { values: data }, facet: { field: 'point', type: 'nominal', title: points.title, sort: [...order.labels.values()] }, columns: 2, spec: layer }
      : { data: { values: data }, ...layer }) as unknown as TopLevelSpec;
    const side: Cell[][] = [...stats.values()].map((e) => [...(points.sweep ? [e.point] : []), e.event, e.runs, e.total / e.runs, e.max]);
    return {
      spec,
      marks: ['line'],
      side: { name: 'address reassignments', columns: [...(points.sweep ? [points.title] : []), 'event', 'runs', 'mean_per_run', 'max_per_run'], rows: side },
      caption: `Public (and elastic) addresses given to our instances, and addresses we released that another customer took, counted from the start of each run (addresses.csv); one line per replication${points.sweep ? ', per point of the sweep' : ''}.`,
    };
  },
};
