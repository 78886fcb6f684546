import { EntityStreams, type Distribution, type Simulation, type StreamFamily } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import type { Host } from '../cloud/host.js';
import { FaultKind, type GuestPolicy } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';

/** Periodic host maintenance (times in ms). */
export interface PeriodicMaintenanceSpec {
  /** Each host is maintained once per period, at its own phase. */
  readonly everyMs: number;
  /** Announcement ahead of each maintenance (0 in 2008: none). */
  readonly noticeMs: number;
  /** How long a host stays down. */
  readonly duration: Distribution;
  /** What happens to its guests. */
  readonly policy: GuestPolicy;
}

/**
 * Periodic maintenance: host h goes down at phase_h + k × every (k = 0, 1, ...) for a
 * drawn duration, so hosts do not all go at once; phase_h is uniform on [0, every). With a
 * notice, `fault.notice` is emitted `notice` before (or at time 0 when that is earlier).
 * Each host draws from its own streams of `family` (`faults.maintenance`, entity = host
 * index): its phase from substream 0, its durations from substream 1. Each host keeps one
 * pending event (plus the end of a maintenance under way).
 */
export class PeriodicMaintenance {
  readonly #sim: Simulation;
  readonly #cloud: Cloud;
  readonly #ledger: FaultLedger;
  readonly #spec: PeriodicMaintenanceSpec;
  readonly #family: StreamFamily;
  readonly #durations: EntityStreams;

  constructor(sim: Simulation, cloud: Cloud, ledger: FaultLedger, spec: PeriodicMaintenanceSpec, family: StreamFamily) {
    if (!(spec.everyMs > 0)) throw new RangeError(`maintenance period must be > 0 ms, got ${spec.everyMs}`);
    this.#sim = sim;
    this.#cloud = cloud;
    this.#ledger = ledger;
    this.#spec = spec;
    this.#family = family;
    this.#durations = new EntityStreams(family, 1, cloud.hosts.length);
  }

  /** Draws every host's phase and schedules its first maintenance. */
  start(): void {
    for (const host of this.#cloud.hosts) this.#schedule(host, Math.round(this.#spec.everyMs * this.#family.uniform(host.index, 0, 0)));
  }

  #schedule(host: Host, atMs: number): void {
    const { noticeMs } = this.#spec;
    if (noticeMs <= 0) {
      this.#sim.at(atMs, () => this.#begin(host, atMs));
      return;
    }
    this.#sim.at(Math.max(this.#sim.now, atMs - noticeMs), () => {
      this.#ledger.notice(FaultKind.Maintenance, host.id, [host], atMs);
      this.#sim.at(atMs, () => this.#begin(host, atMs));
    });
  }

  #begin(host: Host, atMs: number): void {
    this.#ledger.strike(FaultKind.Maintenance, host.id, [host], this.#spec.duration.sample(this.#durations.rng(host.index)), this.#spec.policy);
    this.#schedule(host, atMs + this.#spec.everyMs);
  }
}
