import type { TopLevelSpec } from 'vega-lite';
import type { Cell, Table } from '../../../metrics/table.js';
import { countAxis } from '../axes.js';
import { numberAt, pointLabeller, sweepPoints, textAt, timeUnit, type PlotSection } from '../report-input.js';

/** One step of a count over time: `value` from `t` on. */
export interface Step {
  readonly t: number;
  readonly value: number;
}

/** A count that goes up at each `up` time and down at each `down` time, as steps from 0 (changes at one time merged). */
export function countSteps(up: readonly number[], down: readonly number[]): Step[] {
  const changes = [...up.map((t) => [t, 1] as const), ...down.map((t) => [t, -1] as const)].sort((a, b) => a[0] - b[0]);
  const out: Step[] = [{ t: 0, value: 0 }];
  let v = 0;
  for (const [t, d] of changes) {
    v += d;
    if (out[out.length - 1]!.t === t) out[out.length - 1] = { t, value: v };
    else out.push({ t, value: v });
  }
  return out;
}

/** The end of the run, s: manifest.json's duration_s, or the last time in the table. */
export function runEnd(manifest: Readonly<Record<string, unknown>> | undefined, table: Table, columns: readonly string[]): number {
  const d = manifest?.['duration_s'];
  if (typeof d === 'number' && d > 0) return d;
  return Math.max(1, ...columns.flatMap((c) => table.rows.map((r) => numberAt(table, c)(r) ?? 0)));
}

/**
 * Instances running (boot finished, not yet terminated) per role over time, from
 * instances.csv: one line per replication, so every run shows; one panel per point of a sweep.
 */
export const instancesOverTime: PlotSection = {
  id: 'instances-over-time',
  title: 'Instances running, by role',
  needs: ['instances.csv'],
  build({ tables, manifest }) {
    const t = tables.get('instances');
    if (t === undefined) return 'needs instances.csv (from a scenario that launches instances)';
    if (t.rows.length === 0) return 'instances.csv has no instances';
    const end = runEnd(manifest, t, ['launched_s', 'running_s', 'terminated_s']);
    const unit = timeUnit(end);
    const points = pointLabeller(t);
    const order = sweepPoints(t);
    const role = textAt(t, 'role');
    const rep = textAt(t, 'replication');
    const running = numberAt(t, 'running_s');
    const terminated = numberAt(t, 'terminated_s');
    const series = new Map<string, { point: string; rep: string; role: string; up: number[]; down: number[] }>();
    for (const r of t.rows) {
      const from = running(r);
      if (from === undefined) continue; // never finished booting
      const key = `${points.label(r)}\0${rep(r)}\0${role(r)}`;
      const s = series.get(key) ?? { point: points.label(r), rep: rep(r), role: role(r), up: [], down: [] };
      s.up.push(from);
      const to = terminated(r);
      if (to !== undefined) s.down.push(to);
      series.set(key, s);
    }
    if (series.size === 0) return 'no instance of instances.csv finished booting';
    const data: { point: string; run: string; role: string; t: number; n: number }[] = [];
    const stats = new Map<string, { point: string; role: string; runs: number; mean: number; max: number }>();
    for (const s of series.values()) {
      const steps = countSteps(s.up, s.down);
      let area = 0;
      steps.forEach((st, i) => {
        const next = steps[i + 1]?.t ?? end;
        area += st.value * (Math.min(end, next) - Math.min(end, st.t));
        // Each step drawn as a horizontal segment (step-after), ending at the end of the run.
        data.push({ point: s.point, run: `${s.point}#${s.rep}:${s.role}`, role: s.role, t: st.t / unit.seconds, n: st.value });
      });
      data.push({ point: s.point, run: `${s.point}#${s.rep}:${s.role}`, role: s.role, t: end / unit.seconds, n: steps[steps.length - 1]!.value });
      const k = `${s.point}\0${s.role}`;
      const e = stats.get(k) ?? { point: s.point, role: s.role, runs: 0, mean: 0, max: 0 };
      e.runs++;
      e.mean += area / end;
      e.max = Math.max(e.max, ...steps.map((x) => x.value));
      stats.set(k, e);
    }
    const y = countAxis('instances running');
    const layer = {
      width: points.sweep ? 260 : 520,
      height: 200,
      mark: { type: 'line', interpolate: 'step-after', opacity: 0.55, strokeWidth: 1.2 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } },
        y: { field: 'n', type: 'quantitative', title: y.title, axis: y.axis, scale: y.scale },
        color: { field: 'role', type: 'nominal', title: 'role' },
        detail: { field: 'run', type: 'nominal' },
      },
    };
    const spec = (points.sweep
      ? { data: { values: data }, facet: { field: 'point', type: 'nominal', title: points.title, sort: [...order.labels.values()] }, columns: 2, spec: layer }
      : { data: { values: data }, ...layer }) as unknown as TopLevelSpec;
    const side: Cell[][] = [...stats.values()].map((e) => [...(points.sweep ? [e.point] : []), e.role, e.runs, e.mean / e.runs, e.max]);
    return {
      spec,
      marks: ['line'],
      side: { name: 'instances', columns: [...(points.sweep ? [points.title] : []), 'role', 'runs', 'mean_running', 'max_running'], rows: side },
      caption: `Instances running (from boot to termination) per role over time, one line per replication (instances.csv)${points.sweep ? ', per point of the sweep' : ''}; beside, the time-average and the most at once.`,
    };
  },
};
