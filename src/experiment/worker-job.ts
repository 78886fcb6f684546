import { encodeRows } from '../metrics/csv-bytes.js';
import { withLead, type ResultsSink } from '../metrics/results-sink.js';
import type { Cell } from '../metrics/table.js';
import type { Scenario } from '../scenario/schema.js';
import type { StreamTarget } from '../scenario/world.js';
import { runReplication } from './replication.js';
import type { TablePart, WorkerOutput, WorkerRequest, WorkerSetup } from './worker-protocol.js';

/**
 * Runs one job as a worker process does (sweep-worker.ts calls it; it needs no thread):
 * replication `req.replication` of `scenario`, every table but the summary laid out with
 * the setup's lead columns in front and, with `setup.encode`, formatted as CSV records
 * here, so the main process only writes bytes.
 */
export function runWorkerJob(setup: WorkerSetup, scenario: Scenario, req: WorkerRequest): { readonly output: WorkerOutput } {
  const lead: Cell[] = [...(setup.pointLeads[req.point] ?? []), req.replication];
  const part = (name: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): TablePart => {
    const all = [...setup.leadColumns, ...columns];
    if (!setup.encode) return { name, columns: all, cells: Array.from(withLead(lead, rows)) };
    const e = encodeRows(lead, rows);
    return { name, columns: all, body: e.body, rows: e.rows };
  };
  const streamed: TablePart[] = [];
  const target: StreamTarget | undefined = setup.stream ? { put: (name, columns, rows) => void streamed.push(part(name, columns, rows)) } : undefined;
  const out = runReplication(scenario, setup.seed, req.replication, { keepLazy: true, ...(target !== undefined ? { target } : {}) });
  const tables: TablePart[] = [];
  for (const name of out.tableOrder) {
    const lazy = out.lazyTables.find((t) => t.name === name);
    const t = lazy ?? out.tables.find((x) => x.name === name);
    if (t !== undefined) tables.push(part(name, t.columns, lazy ?? t.rows));
  }
  return { output: { replication: out.replication, seed: out.seed, summary: out.summary, streamed, tables, files: out.files, events: out.events } };
}

/** Appends tables a worker sent (see `runWorkerJob`) to `sink`, in order. */
export function appendParts(sink: ResultsSink, parts: readonly TablePart[]): void {
  for (const p of parts) {
    if ('cells' in p) sink.append(p.name, p.columns, p.cells);
    else if (sink.appendEncoded !== undefined) sink.appendEncoded(p.name, p.columns, p.body, p.rows);
    else throw new Error(`table ${p.name} came formatted from a worker, but this sink takes rows only`);
  }
}

/** Whether workers should format CSV for `sink` (it takes formatted records). */
export function sinkTakesEncoded(sink: ResultsSink): boolean {
  return typeof sink.appendEncoded === 'function';
}
