import type { Table } from '../metrics/table.js';
import { replicationFilePath, type ReplicationOutput } from './replication.js';
import type { SweepPlan } from './sweep-plan.js';
import { UnionTable } from './union-table.js';

/** Tables and files of a sweep's jobs, assembled in job order. */
export interface SweepTables {
  /** `summary` first, then the per-replication tables by name. */
  readonly tables: readonly Table[];
  /** Text files by path: `console/<point>/<replication>/<instance>.txt`, ... */
  readonly files: ReadonlyMap<string, string>;
}

/** A job's output with the point it belongs to. */
export interface JobOutput {
  readonly job: number;
  readonly point: number;
  readonly output: ReplicationOutput;
}

/**
 * Assembles summary.csv (`scenario, point, <varied paths>, replication, seed, <metrics>`)
 * and every other table (`point, <varied paths>, replication, <columns>`) from job outputs
 * given in job order. The result depends only on the outputs, never on which thread or
 * machine ran them.
 */
export function sweepTables(plan: SweepPlan, jobs: readonly JobOutput[]): SweepTables {
  const varied = plan.varies.map((v) => v.path);
  const summary = new UnionTable('summary');
  const others = new Map<string, UnionTable>();
  const files = new Map<string, string>();
  for (const { point, output } of jobs) {
    const p = plan.points[point]!;
    const key = [point, ...p.values];
    summary.add(
      ['scenario', 'point', ...varied, 'replication', 'seed', ...output.summary.map(([c]) => c)],
      [[p.scenario.name, ...key, output.replication, output.seed, ...output.summary.map(([, v]) => v)]],
    );
    for (const t of output.tables) {
      let u = others.get(t.name);
      if (u === undefined) {
        u = new UnionTable(t.name);
        others.set(t.name, u);
      }
      u.add(['point', ...varied, 'replication', ...t.columns], t.rows.map((r) => [...key, output.replication, ...r]));
    }
    for (const [path, text] of output.files) files.set(replicationFilePath(path, point, output.replication), text);
  }
  const sorted = [...others.keys()].sort();
  return { tables: [summary.table(), ...sorted.map((n) => others.get(n)!.table())], files };
}
