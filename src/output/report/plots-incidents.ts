import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../metrics/table.js';
import { firstRun, keyColumns, numberAt, pointLabeller, timeUnit, type PlotSection } from './report-input.js';

const MAX_INCIDENTS = 40;
const PHASES = [['detect_s', 'detect'], ['replace_s', 'replace'], ['dns_update_s', 'DNS update']] as const;
/** Drawn as points; the max (often a resolver that overstays by hours) stays in the table, so the phases remain visible. */
const OUTAGE_MARKS = [['outage_p50_s', 'outage p50'], ['outage_mean_s', 'outage mean'], ['outage_p95_s', 'outage p95']] as const;

/**
 * The infrastructure timeline of each incident (incidents.csv) of the first run: detection,
 * replacement and DNS update as consecutive bars from the failure (`detect_s`, `replace_s`
 * and `dns_update_s` are read as seconds after the incident's start), with the clients'
 * outage p50, mean and p95 as points.
 */
export const incidentTimeline: PlotSection = {
  id: 'incident-timeline',
  title: 'Incident timeline',
  needs: ['incidents.csv'],
  marks: ['rect', 'symbol'],
  build({ tables }) {
    const t = tables.get('incidents');
    if (t === undefined) return 'needs incidents.csv (from a scenario with DNS and recovery)';
    const rows = firstRun(t).slice(0, MAX_INCIDENTS);
    if (rows.length === 0) return 'incidents.csv has no incidents';
    const incident = numberAt(t, 'incident');
    const start = numberAt(t, 'start_s');
    const label = (row: readonly Cell[], i: number): string => `#${incident(row) ?? i} at ${((start(row) ?? 0) / 3600).toFixed(1)} h`;
    const all = [...PHASES, ...OUTAGE_MARKS].flatMap(([c]) => rows.map((r) => numberAt(t, c)(r) ?? 0));
    const unit = timeUnit(Math.max(1, ...all));
    const bars: { incident: string; phase: string; from: number; to: number; order: number }[] = [];
    const dots: { incident: string; stat: string; at: number }[] = [];
    rows.forEach((r, i) => {
      let from = 0;
      PHASES.forEach(([c, name], k) => {
        const to = numberAt(t, c)(r);
        if (to === undefined) return;
        bars.push({ incident: label(r, i), phase: name, from: from / unit.seconds, to: to / unit.seconds, order: k });
        from = to;
      });
      for (const [c, name] of OUTAGE_MARKS) {
        const v = numberAt(t, c)(r);
        if (v !== undefined) dots.push({ incident: label(r, i), stat: name, at: v / unit.seconds });
      }
    });
    const y = { field: 'incident', type: 'nominal', title: null, sort: null } as const;
    const spec: TopLevelSpec = {
      width: 520,
      height: { step: 18 },
      layer: [
        {
          data: { values: bars },
          mark: 'bar',
          encoding: {
            y,
            x: { field: 'from', type: 'quantitative', title: `${unit.name} after the failure` },
            x2: { field: 'to' },
            color: { field: 'phase', type: 'nominal', sort: PHASES.map(([, n]) => n), title: 'phase' },
          },
        },
        {
          data: { values: dots },
          mark: { type: 'point', filled: true, size: 50 },
          encoding: { y, x: { field: 'at', type: 'quantitative' }, shape: { field: 'stat', type: 'nominal', title: 'clients' } },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    };
    const cols = [...keyColumns(t), 'incident', 'start_s', ...PHASES.map(([c]) => c), 'outage_mean_s', 'outage_p50_s', 'outage_p95_s', 'outage_p99_s', 'outage_max_s'].filter((c) => t.columns.includes(c));
    return {
      spec,
      side: { name: 'incidents.csv', columns: cols, rows: t.rows.map((r) => cols.map((c) => r[t.columns.indexOf(c)] ?? null)) },
      caption: `The first run's ${rows.length} incident(s): detection, replacement and DNS update after the failure, and how long clients were cut off.`,
    };
  },
};

/** Sorted values' quantiles at 0, 1/n, ..., 1 (n = `steps`), by linear interpolation. */
export function quantiles(sorted: readonly number[], steps: number): { q: number; p: number }[] {
  const out: { q: number; p: number }[] = [];
  const n = sorted.length;
  for (let k = 0; k <= steps; k++) {
    const p = k / steps;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = sorted[lo]!;
    const b = sorted[Math.min(n - 1, lo + 1)]!;
    out.push({ q: a + (h - lo) * (b - a), p });
  }
  return out;
}

/** The distribution of per-client outage (outages.csv) as a CDF, one line per point of a sweep. */
export const outageCdf: PlotSection = {
  id: 'outage-cdf',
  title: 'Per-client outage (CDF)',
  needs: ['outages.csv'],
  marks: ['line'],
  build({ tables }) {
    const t = tables.get('outages');
    if (t === undefined) return 'needs outages.csv (from a scenario with DNS and recovery)';
    const outage = numberAt(t, 'outage_s');
    const points = pointLabeller(t);
    const groups = new Map<string, number[]>();
    for (const r of t.rows) {
      const v = outage(r);
      if (v === undefined || !Number.isFinite(v)) continue;
      const key = points.sweep ? points.label(r) : 'all clients';
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [v]);
      else list.push(v);
    }
    if (groups.size === 0) return 'outages.csv has no outage_s values';
    const data: { group: string; outage: number; fraction: number }[] = [];
    const side: Cell[][] = [];
    for (const [group, values] of groups) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const { q, p } of quantiles(sorted, 200)) data.push({ group, outage: q, fraction: p });
      const fine = quantiles(sorted, 1000);
      const at = (p: number): number => fine[Math.round(p * 1000)]!.q;
      side.push([group, sorted.length, sorted.reduce((a, b) => a + b, 0) / sorted.length, at(0.5), at(0.95), at(0.99), sorted[sorted.length - 1]!]);
    }
    const spec: TopLevelSpec = {
      width: 520,
      height: 300,
      data: { values: data },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'outage', type: 'quantitative', title: 'outage per client (s, log scale)', scale: data.every((d) => d.outage > 0) ? { type: 'log' } : { type: 'symlog', constant: 10 } },
        y: { field: 'fraction', type: 'quantitative', title: 'fraction of clients', scale: { domain: [0, 1] } },
        color: { field: 'group', type: 'nominal', title: points.sweep ? points.title : null, sort: null, legend: { labelLimit: 320 } },
      },
    };
    return {
      spec,
      side: { name: 'outage statistics', columns: ['clients', 'n', 'mean_s', 'p50_s', 'p95_s', 'p99_s', 'max_s'], rows: side },
      caption: t.columns.includes('quantile')
        ? 'Share of client outages no longer than x: each incident\'s outage quantiles (outages.csv), pooled over incidents and replications.'
        : 'Share of client outages no longer than x, over every incident and replication (outages.csv).',
    };
  },
};
