import type { TopLevelSpec } from 'vega-lite';
import { firstRun, keyColumns, numberAt, textAt, timeUnit, type PlotSection } from './report-input.js';

const MAX_INSTANCES = 80;

/** The first run's instances (instances.csv) from launch to termination, coloured by role. */
export const instancesTimeline: PlotSection = {
  id: 'instances-timeline',
  title: 'Instances',
  needs: ['instances.csv'],
  marks: ['rect'],
  build({ tables, manifest }) {
    const t = tables.get('instances');
    if (t === undefined) return 'needs instances.csv (from a scenario that launches instances)';
    const all = firstRun(t);
    if (all.length === 0) return 'instances.csv has no instances';
    const rows = all.slice(0, MAX_INSTANCES);
    const launched = numberAt(t, 'launched_s');
    const running = numberAt(t, 'running_s');
    const terminated = numberAt(t, 'terminated_s');
    // Instances alive at the end run to the run's duration (manifest.json), or else to the last time in the table.
    const duration = typeof manifest?.['duration_s'] === 'number' ? manifest['duration_s'] : undefined;
    const end = Math.max(1, duration ?? 0, ...all.flatMap((r) => [launched(r) ?? 0, running(r) ?? 0, terminated(r) ?? 0]));
    const unit = timeUnit(end);
    const id = textAt(t, 'instance_id');
    const role = textAt(t, 'role');
    const reason = textAt(t, 'end_reason');
    const data = rows.map((r) => ({
      instance: `${id(r)} (${role(r)})`,
      role: role(r),
      from: (launched(r) ?? 0) / unit.seconds,
      to: (terminated(r) ?? end) / unit.seconds,
      end: reason(r) === '' ? 'alive at the end' : reason(r),
    }));
    const spec: TopLevelSpec = {
      width: 520,
      height: { step: 12 },
      data: { values: data },
      mark: 'bar',
      encoding: {
        y: { field: 'instance', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 9 } },
        x: { field: 'from', type: 'quantitative', title: `${unit.name} from the start` },
        x2: { field: 'to' },
        color: { field: 'role', type: 'nominal' },
      },
    };
    const cols = [...keyColumns(t), 'instance_id', 'role', 'type', 'zone', 'launched_s', 'running_s', 'terminated_s', 'end_reason'].filter((c) => t.columns.includes(c));
    return {
      spec,
      side: { name: 'instances.csv', columns: cols, rows: all.map((r) => cols.map((c) => r[t.columns.indexOf(c)] ?? null)) },
      caption: `The first run's instances from launch to termination${all.length > MAX_INSTANCES ? ` (the first ${MAX_INSTANCES} of ${all.length})` : ''}; those alive at the end are drawn to ${duration === undefined ? 'the last time in instances.csv (manifest.json gives no duration_s)' : 'the end of the run'}.`,
    };
  },
};
