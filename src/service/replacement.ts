import type { EventBus, Simulation } from '../engine/index.js';
import type { Ec2Api } from '../cloud/ec2-api.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';

/** Which roles to keep whole, and how dead instances are noticed (times in ms). */
export interface ReplacementSpec {
  readonly roles: readonly string[];
  /** Health checks every `everyMs` at each instance's own phase; `failures` missed in a row declare it dead. */
  readonly everyMs: number;
  readonly failures: number;
}

/**
 * Recovery automation for any role, as administrators scripted it in 2008: health checks
 * notice an instance that a fault killed (hardware, maintenance, power, rack), and a
 * replacement with the same launch specification (image, type, groups, key, user-data
 * resolved afresh, so it points at the current database) is started through the EC2 API;
 * with no room, the launch is retried at each later check. Instances a user terminated are
 * not replaced (that was a decision, not a failure). Detection needs no polling: the time of
 * the `failures`-th missed check is known when the instance dies.
 */
export class Replacement {
  /** Replacements started, launches refused (retried), and detection delays (ms) summed. */
  replaced = 0;
  launchFailures = 0;
  detectMsTotal = 0;
  readonly #sim: Simulation;
  readonly #api: Ec2Api;
  readonly #spec: ReplacementSpec;
  readonly #roles: ReadonlySet<string>;
  readonly #phase = new Map<Instance, number>();
  readonly #rng: () => number;

  constructor(sim: Simulation, bus: EventBus<CloudEvents>, api: Ec2Api, spec: ReplacementSpec) {
    this.#sim = sim;
    this.#api = api;
    this.#spec = spec;
    this.#roles = new Set(spec.roles);
    this.#rng = sim.random('service.replacement');
    bus.on('instance.running', (e) => {
      if (this.#roles.has(e.instance.spec.role) && !this.#phase.has(e.instance)) this.#phase.set(e.instance, this.#rng() * spec.everyMs);
    });
    bus.on('instance.terminated', (e) => {
      const inst = e.instance;
      if (!this.#roles.has(inst.spec.role) || e.reason === 'user-terminated') return;
      const phase = this.#phase.get(inst);
      if (phase === undefined) {
        // Never ran: the launch itself is retried at once (nothing checked it yet).
        this.#launch(inst);
        return;
      }
      const every = spec.everyMs;
      const firstMiss = phase + (Math.floor((e.timeMs - phase) / every) + 1) * every;
      const at = firstMiss + (spec.failures - 1) * every;
      this.detectMsTotal += at - e.timeMs;
      this.#sim.at(at, () => this.#launch(inst));
    });
  }

  #launch(dead: Instance): void {
    const s = dead.spec;
    const out = this.#api.runInstances({
      image: s.image.id, count: 1, type: s.type.name, groups: s.groups, key: s.keyName, userData: s.userData,
      role: s.role, cpu: s.cpu, diskWriteBytesPerMs: s.diskWriteBytesPerMs, backupEveryMs: s.backupEveryMs,
    });
    if (out.instances.length > 0) {
      this.replaced++;
      return;
    }
    this.launchFailures++;
    this.#sim.schedule(this.#spec.everyMs, () => this.#launch(dead));
  }
}
