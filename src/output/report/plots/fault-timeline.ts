import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { numberAt, runLabel, textAt, timeUnit, type PlotSection } from '../report-input.js';
import { runEnd } from './instances-over-time.js';

/** Runs drawn at most, one row each. */
const MAX_RUNS = 60;

/**
 * The faults of every run (faults.csv) on the run's timeline: each fault a bar from its start
 * for as long as its hosts stayed down, coloured by kind, with a dot sized by the instances
 * it killed; one row per replication (and point of a sweep).
 */
export const faultTimeline: PlotSection = {
  id: 'fault-timeline',
  title: 'Fault timeline',
  needs: ['faults.csv'],
  build({ tables, manifest }) {
    const t = tables.get('faults');
    if (t === undefined) return 'needs faults.csv (from a scenario with faults)';
    if (t.rows.length === 0) return 'faults.csv has no faults';
    const end = runEnd(manifest, t, ['time_s']);
    const unit = timeUnit(end);
    const run = runLabel(t);
    const at = numberAt(t, 'time_s');
    const duration = numberAt(t, 'duration_s');
    const killed = numberAt(t, 'instances_killed');
    const kind = textAt(t, 'kind');
    const scope = textAt(t, 'scope');
    const runs = [...new Set(t.rows.map(run))];
    const shown = new Set(runs.slice(0, MAX_RUNS));
    const data = t.rows.filter((r) => shown.has(run(r))).map((r) => {
      const from = at(r) ?? 0;
      return { run: run(r), kind: kind(r), scope: scope(r), from: from / unit.seconds, to: Math.min(end, from + (duration(r) ?? 0)) / unit.seconds, killed: killed(r) ?? 0 };
    });
    const y = { field: 'run', type: 'nominal', title: 'replication', sort: [...shown], axis: { labelLimit: 120 } };
    const x = { field: 'from', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } };
    const spec = {
      width: 520,
      height: { step: 14 },
      data: { values: data },
      layer: [
        { mark: { type: 'bar', height: 8, opacity: 0.8 }, encoding: { y, x, x2: { field: 'to' }, color: { field: 'kind', type: 'nominal', title: 'fault' } } },
        { mark: { type: 'point', filled: true, color: '#222' }, encoding: { y, x, size: { field: 'killed', type: 'quantitative', title: 'instances killed', scale: { range: [8, 160], zero: true }, legend: { format: ',d', tickMinStep: 1 } } } },
      ],
    } as unknown as TopLevelSpec;
    const byKind = new Map<string, { n: number; killed: number; down: number }>();
    for (const r of t.rows) {
      const e = byKind.get(kind(r)) ?? { n: 0, killed: 0, down: 0 };
      e.n++;
      e.killed += killed(r) ?? 0;
      e.down += duration(r) ?? 0;
      byKind.set(kind(r), e);
    }
    const side: Cell[][] = [...byKind].map(([k, e]) => [k, e.n, e.n / runs.length, e.killed, e.down / e.n]);
    return {
      spec,
      marks: ['rect', 'symbol'],
      side: { name: 'faults', columns: ['kind', 'faults', 'per_run', 'instances_killed', 'mean_duration_s'], rows: side },
      caption: `Every fault of ${Math.min(runs.length, MAX_RUNS)}${runs.length > MAX_RUNS ? ` of ${runs.length}` : ''} run(s) (faults.csv): a bar for as long as its hosts stayed down, a dot sized by the instances it killed. Beside, per kind over all runs.`,
    };
  },
};
