import type { Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import type { FaultKind, GuestPolicy } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';
import { findHost } from './scope.js';

/** One interval of a failure trace: a host down from `startMs` to `endMs`. */
export interface TraceRow {
  /** Host id as ephemera names hosts (`us-east-1a-h00042`). */
  readonly host: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly kind: FaultKind;
  /** Line of the trace file it came from (for messages). */
  readonly line: number;
}

/**
 * Replays a failure trace exactly: each host goes down at each of its rows' start and
 * comes back at the end (unless another fault still holds it). Rows of one host must not
 * overlap (the scenario loader checks). No randomness; each host keeps one pending event.
 * `policyOf(kind)` says what happens to the guests (maintenance may live-migrate).
 */
export function replayTrace(sim: Simulation, cloud: Cloud, ledger: FaultLedger, rows: readonly TraceRow[], policyOf: (kind: FaultKind) => GuestPolicy): void {
  const byHost = new Map<string, TraceRow[]>();
  for (const r of rows) {
    const host = findHost(cloud, r.host);
    if (host === undefined) throw new RangeError(`trace line ${r.line}: no host ${r.host}`);
    const list = byHost.get(host.id) ?? [];
    list.push(r);
    byHost.set(host.id, list);
  }
  for (const [id, list] of byHost) {
    const host = findHost(cloud, id)!;
    list.sort((a, b) => a.startMs - b.startMs);
    const next = (k: number): void => {
      const r = list[k];
      if (r === undefined) return;
      sim.at(Math.max(sim.now, r.startMs), () => {
        ledger.strike(r.kind, host.id, [host], r.endMs - r.startMs, policyOf(r.kind), () => next(k + 1));
      });
    };
    next(0);
  }
}
