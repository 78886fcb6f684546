import type { Distribution, Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import type { Host } from '../cloud/host.js';

/** Parameters of the per-host failure/repair renewal process (times in ms). */
export interface HardwareFailureSpec {
  readonly ttf: Distribution;
  readonly repair: Distribution;
}

/**
 * Independent hardware failures: each host alternates up periods drawn from `ttf` and
 * repair periods drawn from `repair` (an alternating renewal process). It acts on the
 * cloud from outside, keeping one pending event per host. Draws come from the
 * `faults.hardware` stream.
 */
export class HardwareFailures {
  readonly #sim: Simulation;
  readonly #cloud: Cloud;
  readonly #spec: HardwareFailureSpec;
  readonly #rng: () => number;

  constructor(sim: Simulation, cloud: Cloud, spec: HardwareFailureSpec) {
    this.#sim = sim;
    this.#cloud = cloud;
    this.#spec = spec;
    this.#rng = sim.random('faults.hardware');
  }

  /** Schedules the first failure of every host. */
  start(): void {
    for (const host of this.#cloud.hosts) this.#scheduleFailure(host);
  }

  #scheduleFailure(host: Host): void {
    this.#sim.schedule(this.#spec.ttf.sample(this.#rng), () => {
      this.#cloud.hostDown(host, 'hardware-failure');
      this.#sim.schedule(this.#spec.repair.sample(this.#rng), () => {
        this.#cloud.hostUp(host);
        this.#scheduleFailure(host);
      });
    });
  }
}
