import { EntityStreams, type Distribution, type Simulation, type StreamFamily } from '../engine/index.js';
import type { FaultKind } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';
import type { Host } from '../cloud/host.js';
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
 * times and down times (an alternating renewal process) and keeps one pending event. Each
 * unit draws from its own streams of `family` (entity = the unit's index): up times from
 * substream 0, down times from substream 1. So a variant with other repair times keeps every
 * unit's sequence of up times, and every unit's first fault, exactly (common random numbers
 * that survive a change of the fault process).
 */
export class RenewalFaults {
  readonly #sim: Simulation;
  readonly #ledger: FaultLedger;
  readonly #kind: FaultKind;
  readonly #units: readonly FaultUnit[];
  readonly #spec: RenewalSpec;
  readonly #up: EntityStreams;
  readonly #down: EntityStreams;
  /** Per unit, its scope and its hosts (the unit's own array, which every fault of it shares): read without going through the unit's objects. */
  readonly #scopes: readonly string[];
  readonly #hosts: readonly (readonly Host[])[];
  /** A unit's fault (the event at the end of an up time), for every unit: the unit's index is the event's argument. */
  readonly #fail = (u: number): void => {
    const down = this.#spec.downTime.sample(this.#down.rng(u));
    this.#ledger.strike(this.#kind, this.#scopes[u]!, this.#hosts[u]!, down, undefined, this.#restart, u);
  };
  /** What follows the end of unit `u`'s fault: its next up time. */
  readonly #restart = (u: number): void => this.#scheduleFault(u);

  constructor(sim: Simulation, ledger: FaultLedger, kind: FaultKind, units: readonly FaultUnit[], spec: RenewalSpec, family: StreamFamily) {
    this.#sim = sim;
    this.#ledger = ledger;
    this.#kind = kind;
    this.#units = units;
    this.#spec = spec;
    this.#up = new EntityStreams(family, 0, units.length);
    this.#down = new EntityStreams(family, 1, units.length);
    this.#scopes = units.map((x) => x.scope);
    this.#hosts = units.map((x) => x.hosts);
  }

  /** Schedules every unit's first fault. */
  start(): void {
    for (let u = 0; u < this.#units.length; u++) this.#scheduleFault(u);
  }

  #scheduleFault(u: number): void {
    this.#sim.scheduleWith(this.#spec.upTime.sample(this.#up.rng(u)), this.#fail, u);
  }
}
