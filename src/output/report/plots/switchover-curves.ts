import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { columnInfo } from '../../../metrics/metric-catalogue.js';
import { numberAt, pointLabeller, sweepPoints, type PlotSection } from '../report-input.js';

/** The curves drawn, by column: requests on the live address, clients still cut off (dead + foreign). */
const CURVES = [
  ['requests_live_share', 'requests served (live address)'],
  ['clients_cut_off_share', 'clients cut off (dead or foreign address)'],
] as const;

/**
 * The switch-over curves (switchover.csv): after each incident's recovery (DNS update,
 * elastic-IP remap or standby takeover), on a log time axis, the share of requests that
 * reach the live address and the share of clients still cut off, the mean over every
 * incident of every replication; one line per point of a sweep (or per scenario of a
 * merged folder).
 */
export const switchoverCurves: PlotSection = {
  id: 'switchover-curves',
  title: 'Switch-over after the DNS update',
  needs: ['switchover.csv'],
  build({ tables }) {
    const t = tables.get('switchover');
    if (t === undefined) return 'needs switchover.csv (from a scenario with DNS clients and recovery)';
    if (t.rows.length === 0) return 'switchover.csv has no rows (no incident recovered)';
    const labeller = pointLabeller(t);
    const points = sweepPoints(t);
    const after = numberAt(t, 'after_s');
    const live = numberAt(t, 'requests_live_share');
    const dead = numberAt(t, 'clients_dead_share');
    const foreign = numberAt(t, 'clients_foreign_share');
    // Mean over incidents and replications, per (point, after_s, curve).
    const sums = new Map<string, { point: string; after: number; curve: string; sum: number; n: number }>();
    const add = (point: string, a: number, curve: string, v: number | undefined): void => {
      if (v === undefined || !Number.isFinite(v)) return;
      const key = `${point}\u0000${a}\u0000${curve}`;
      const s = sums.get(key) ?? { point, after: a, curve, sum: 0, n: 0 };
      s.sum += v;
      s.n++;
      sums.set(key, s);
    };
    for (const r of t.rows) {
      const a = after(r);
      if (a === undefined || !(a > 0)) continue;
      const p = labeller.label(r);
      add(p, a, CURVES[0][1], live(r));
      const d = dead(r);
      const f = foreign(r);
      add(p, a, CURVES[1][1], d === undefined || f === undefined ? undefined : d + f);
    }
    const data = [...sums.values()].map((s) => ({ point: s.point, after: s.after, curve: s.curve, share: s.sum / s.n, n: s.n }));
    if (data.length === 0) return 'switchover.csv has no times';
    data.sort((x, y) => x.point.localeCompare(y.point) || x.curve.localeCompare(y.curve) || x.after - y.after);
    const label = columnInfo('switchover', 'after_s')?.label ?? 'time after recovery';
    const x = { field: 'after', type: 'quantitative', title: `${label} (s, log scale)`, scale: { type: 'log' }, axis: { format: ',~r', labelOverlap: true, grid: true } };
    const y = { field: 'share', type: 'quantitative', title: 'share (0..1)', scale: { domain: [0, 1] }, axis: { format: '.1~f' } };
    const order = [...points.labels.values()];
    const encoding = points.sweep
      ? { x, y, color: { field: 'point', type: 'nominal', title: points.title, sort: order, legend: { labelLimit: 200 } }, strokeDash: { field: 'curve', type: 'nominal', title: null, sort: CURVES.map((c) => c[1]), legend: null }, detail: { field: 'curve' } }
      : { x, y, color: { field: 'curve', type: 'nominal', title: null, sort: CURVES.map((c) => c[1]), legend: { orient: 'bottom', labelLimit: 300 } } };
    const spec = {
      ...(points.sweep ? { title: { text: `solid: ${CURVES[0][1]}; dashed: ${CURVES[1][1]}`, anchor: 'start', fontSize: 11, fontWeight: 'normal' } } : {}),
      width: 520,
      height: 240,
      data: { values: data },
      mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.6 },
      encoding,
    } as unknown as TopLevelSpec;
    // Beside: the shares at a few landmark times, per point.
    const landmarks = [60, 300, 3600];
    const side: Cell[][] = [];
    for (const p of points.sweep ? order : ['']) {
      for (const at of landmarks) {
        const get = (curve: string): number => data.find((d) => d.point === p && d.after === at && d.curve === curve)?.share ?? Number.NaN;
        const l = get(CURVES[0][1]);
        const c = get(CURVES[1][1]);
        if (Number.isNaN(l) && Number.isNaN(c)) continue;
        side.push([...(points.sweep ? [p] : []), at, l, c]);
      }
    }
    const incidents = new Set(t.rows.map((r) => `${labeller.label(r)}:${String(r[t.columns.indexOf('replication')])}:${String(r[t.columns.indexOf('incident')])}`)).size;
    return {
      spec,
      marks: ['line', 'symbol'],
      side: { name: 'switch-over', columns: [...(points.sweep ? [points.title] : []), 'after_s', 'requests_live_share', 'clients_cut_off_share'], rows: side },
      caption: `switchover.csv, the mean over ${incidents} incident(s)${points.sweep ? ' per point' : ''}: at t seconds after the recovery (the DNS update, elastic-IP remap or standby takeover), the share of requests sent since the previous time that were served by the live address, and the share of all clients still cut off at that instant (their latest request failed, on a dead address or another customer's machine). Beside, the shares at 60 s, 5 min and 1 h where the curve reaches them.`,
    };
  },
};
