import { appendWithLead, type ResultsSink } from '../metrics/results-sink.js';
import type { Cell } from '../metrics/table.js';
import { replicationFilePath, type ReplicationOutput } from './replication.js';
import type { SweepPlan } from './sweep-plan.js';
import { appendParts } from './worker-job.js';
import type { WorkerOutput } from './worker-protocol.js';

/**
 * Appends one finished job of a sweep to `sink`: its summary.csv row (`scenario, point,
 * <varied paths>, replication, seed, <metrics>`), its rows of every other table (`point,
 * <varied paths>, replication, <columns>`) and its text files under
 * `<folder>/<point>/<replication>/`, then ends the unit `job`. Called in job order, the
 * result depends only on the outputs, never on which thread or machine ran them.
 */
export function appendJob(sink: ResultsSink, plan: SweepPlan, job: number, point: number, output: ReplicationOutput | WorkerOutput): void {
  const varied = plan.varies.map((v) => v.path);
  const p = plan.points[point]!;
  const key: Cell[] = [point, ...p.values];
  sink.append(
    'summary',
    ['scenario', 'point', ...varied, 'replication', 'seed', ...output.summary.map(([c]) => c)],
    [[p.scenario.name, ...key, output.replication, output.seed, ...output.summary.map(([, v]) => v)]],
  );
  if ('streamed' in output) appendParts(sink, [...output.streamed, ...output.tables]); // a worker's, laid out there (sweepLeads)
  else for (const t of output.tables) appendWithLead(sink, t.name, ['point', ...varied, 'replication', ...t.columns], [...key, output.replication], t.rows);
  for (const [path, text] of output.files) sink.file(replicationFilePath(path, point, output.replication), text);
  sink.endUnit(job);
}

/** The lead columns of a sweep's tables (`point, <varied paths>, replication`) and each point's cells of them before the replication. */
export function sweepLeads(plan: SweepPlan): { readonly leadColumns: readonly string[]; readonly pointLeads: readonly (readonly Cell[])[] } {
  return { leadColumns: ['point', ...plan.varies.map((v) => v.path), 'replication'], pointLeads: plan.points.map((p) => [p.index, ...p.values]) };
}
