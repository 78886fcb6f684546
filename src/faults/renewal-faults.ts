import type { Distribution, Simulation } from '../engine/index.js';
import type { FaultKind } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';
import type { FaultUnit } from './scope.js';

/** An alternating renewal process: up times and down times, both in ms. */
export interface RenewalSpec {
  /** Time from the start of the run, or from the end of the last fault, to the next fault. */
  readonly upTime: Distribution;
  /** How long each fault lasts (repair, restoration of power). */
  readonly downTime: Distribution;
}

/**
 * Independent faults of a set of units (hosts, racks or zones): each unit alternates up
 * times and down times (an alternating renewal process) and keeps one pending event. Draws
 * come from `rng`, one named stream per process: an up time when a unit comes back (or at
 * the start), a down time when it fails.
 */
export class RenewalFaults {
  readonly #sim: Simulation;
  readonly #ledger: FaultLedger;
  readonly #kind: FaultKind;
  readonly #units: readonly FaultUnit[];
  readonly #spec: RenewalSpec;
  readonly #rng: () => number;

  constructor(sim: Simulation, ledger: FaultLedger, kind: FaultKind, units: readonly FaultUnit[], spec: RenewalSpec, rng: () => number) {
    this.#sim = sim;
    this.#ledger = ledger;
    this.#kind = kind;
    this.#units = units;
    this.#spec = spec;
    this.#rng = rng;
  }

  /** Schedules every unit's first fault. */
  start(): void {
    for (const unit of this.#units) this.#scheduleFault(unit);
  }

  #scheduleFault(unit: FaultUnit): void {
    this.#sim.schedule(this.#spec.upTime.sample(this.#rng), () => {
      const down = this.#spec.downTime.sample(this.#rng);
      this.#ledger.strike(this.#kind, unit.scope, unit.hosts, down, undefined, () => this.#scheduleFault(unit));
    });
  }
}
