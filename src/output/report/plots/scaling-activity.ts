import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { countAxis } from '../axes.js';
import { numberAt, pointLabeller, sweepPoints, textAt, timeUnit, type PlotSection } from '../report-input.js';
import { runEnd } from './instances-over-time.js';

/**
 * What the auto scaling groups did (scaling.csv): each group's desired capacity over time,
 * one line per replication, and each activity (a launch, a refused launch, a termination)
 * as a mark at the capacity it left, by cause; one panel per point of a sweep.
 */
export const scalingActivity: PlotSection = {
  id: 'scaling-activity',
  title: 'Scaling activity',
  needs: ['scaling.csv'],
  build({ tables, manifest }) {
    const t = tables.get('scaling');
    if (t === undefined) return 'needs scaling.csv (from a scenario with autoscaling:)';
    if (t.rows.length === 0) return 'scaling.csv has no activity';
    const end = runEnd(manifest, t, ['time_s']);
    const unit = timeUnit(end);
    const points = pointLabeller(t);
    const order = sweepPoints(t);
    const at = numberAt(t, 'time_s');
    const after = numberAt(t, 'desired_after');
    const before = numberAt(t, 'desired_before');
    const group = textAt(t, 'group');
    const activity = textAt(t, 'activity');
    const cause = textAt(t, 'cause');
    const status = textAt(t, 'status');
    const rep = textAt(t, 'replication');
    const lines = new Map<string, { point: string; line: string; group: string; steps: [number, number][] }>();
    const marks: { point: string; group: string; t: number; desired: number; what: string; cause: string }[] = [];
    const stats = new Map<string, { point: string; group: string; cause: string; launches: number; refused: number; terminations: number }>();
    for (const r of t.rows) {
      const key = `${points.label(r)}#${rep(r)}:${group(r)}`;
      const l = lines.get(key) ?? { point: points.label(r), line: key, group: group(r), steps: [[0, before(r) ?? 0]] };
      l.steps.push([at(r) ?? 0, after(r) ?? 0]);
      lines.set(key, l);
      const what = activity(r) === 'launch' ? (status(r) === 'ok' ? 'launch' : 'refused launch') : 'terminate';
      marks.push({ point: points.label(r), group: group(r), t: (at(r) ?? 0) / unit.seconds, desired: after(r) ?? 0, what, cause: cause(r) });
      const k = `${points.label(r)}\0${group(r)}\0${cause(r)}`;
      const e = stats.get(k) ?? { point: points.label(r), group: group(r), cause: cause(r), launches: 0, refused: 0, terminations: 0 };
      if (what === 'launch') e.launches++;
      else if (what === 'refused launch') e.refused++;
      else e.terminations++;
      stats.set(k, e);
    }
    const steps = [...lines.values()].flatMap((l) => [...l.steps, [end, l.steps[l.steps.length - 1]![1]] as [number, number]].map(([x, d]) => ({ point: l.point, line: l.line, group: l.group, t: x / unit.seconds, desired: d })));
    const y = countAxis('desired capacity (instances)');
    const x = { field: 't', type: 'quantitative', title: `time (${unit.name})`, scale: { domain: [0, end / unit.seconds], nice: false }, axis: { labelOverlap: true } };
    const yEnc = { field: 'desired', type: 'quantitative', title: y.title, axis: y.axis, scale: y.scale };
    // One data set for both layers (a facet's layers cannot bring their own), told apart by `kind`.
    const data = [...steps.map((d) => ({ ...d, kind: 'step' })), ...marks.map((d) => ({ ...d, kind: 'activity' }))];
    const layer = {
      width: points.sweep ? 260 : 520,
      height: 200,
      layer: [
        { transform: [{ filter: "datum.kind === 'step'" }], mark: { type: 'line', interpolate: 'step-after', opacity: 0.5, strokeWidth: 1.2 }, encoding: { x, y: yEnc, color: { field: 'group', type: 'nominal', title: 'group' }, detail: { field: 'line', type: 'nominal' } } },
        { transform: [{ filter: "datum.kind === 'activity'" }], mark: { type: 'point', filled: true, size: 22, opacity: 0.7 }, encoding: { x, y: yEnc, shape: { field: 'what', type: 'nominal', title: 'activity' }, fill: { field: 'cause', type: 'nominal', title: 'cause' } } },
      ],
    };
    const spec = (points.sweep
      ? { data: { values: data }, facet: { field: 'point', type: 'nominal', title: points.title, sort: [...order.labels.values()] }, columns: 2, spec: layer }
      : { data: { values: data }, ...layer }) as unknown as TopLevelSpec;
    const side: Cell[][] = [...stats.values()].map((e) => [...(points.sweep ? [e.point] : []), e.group, e.cause, e.launches, e.refused, e.terminations]);
    return {
      spec,
      marks: ['line', 'symbol'],
      side: { name: 'scaling', columns: [...(points.sweep ? [points.title] : []), 'group', 'cause', 'launches', 'refused', 'terminations'], rows: side },
      caption: `Each group's desired capacity over time, one line per replication, and every scaling activity at the capacity it left, by cause (scaling.csv)${points.sweep ? ', per point of the sweep' : ''}; beside, the activities over all runs.`,
    };
  },
};
