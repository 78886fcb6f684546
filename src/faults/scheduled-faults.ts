import type { Simulation } from '../engine/index.js';
import type { FaultKind, GuestPolicy } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';
import type { FaultUnit } from './scope.js';

/** A fault at a set time: a zone power outage, a rack failure, a maintenance window. */
export interface ScheduledFault {
  /** When the hosts go down, ms. */
  readonly atMs: number;
  readonly kind: FaultKind;
  readonly unit: FaultUnit;
  /** How long it lasts, ms; called when it begins (a drawn duration draws then). */
  readonly durationMs: () => number;
  readonly policy: GuestPolicy;
  /** Announcement ahead of it (`fault.notice`), ms; 0 for none. */
  readonly noticeMs: number;
}

interface Step {
  readonly atMs: number;
  readonly run: () => void;
}

/**
 * Replays a list of scheduled faults (and their notices) in time order, listed order
 * breaking ties. Only the next step is ever pending.
 */
export function scheduleFaults(sim: Simulation, ledger: FaultLedger, faults: readonly ScheduledFault[]): void {
  const steps: Step[] = [];
  for (const f of faults) {
    if (f.noticeMs > 0) steps.push({ atMs: Math.max(0, f.atMs - f.noticeMs), run: () => ledger.notice(f.kind, f.unit.scope, f.unit.hosts, f.atMs) });
    steps.push({ atMs: f.atMs, run: () => ledger.strike(f.kind, f.unit.scope, f.unit.hosts, f.durationMs(), f.policy) });
  }
  const order = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.atMs - b.s.atMs || a.i - b.i).map((x) => x.s);
  const next = (k: number): void => {
    const step = order[k];
    if (step === undefined) return;
    sim.at(Math.max(sim.now, step.atMs), () => {
      step.run();
      next(k + 1);
    });
  };
  next(0);
}
