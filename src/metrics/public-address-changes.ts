import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import type { NetworkEvents } from '../network/events.js';

/**
 * Counts how often a role's public face changed: `public_ip_changes`. A role is published
 * at its elastic IPs if it ever had one mapped, else at its instances' dynamic public
 * addresses; its changes are the distinct published addresses beyond the most instances
 * of the role that ran at once (at least 1). One balancer replaced twice with new dynamic
 * addresses: 3 − 1 = 2; the same behind an elastic IP remapped each time: 1 − 1 = 0; four
 * web servers, one replaced: 5 − 4 = 1; a scale-out from 4 to 8: 8 − 8 = 0.
 */
export class PublicAddressChanges {
  readonly #dynamic = new Map<string, Set<string>>();
  readonly #elastic = new Map<string, Set<string>>();
  readonly #running = new Map<string, number>();
  readonly #peak = new Map<string, number>();
  readonly #isRunning = new Set<Instance>();

  constructor(bus: EventBus<CloudEvents & NetworkEvents>) {
    bus.on('address.assigned', (e) => {
      if (e.holder.kind !== 'instance' || e.holder.via === 'private') return;
      const map = e.holder.via === 'elastic' ? this.#elastic : this.#dynamic;
      const role = e.holder.instance.spec.role;
      const set = map.get(role) ?? new Set<string>();
      set.add(e.ip);
      map.set(role, set);
    });
    bus.on('instance.running', (e) => this.#set(e.instance, true));
    bus.on('instance.rebooting', (e) => this.#set(e.instance, false));
    bus.on('instance.shutting-down', (e) => this.#set(e.instance, false));
    bus.on('instance.terminated', (e) => this.#set(e.instance, false));
  }

  /** The total over roles. */
  get changes(): number {
    let n = 0;
    for (const role of new Set([...this.#dynamic.keys(), ...this.#elastic.keys()])) {
      const published = this.#elastic.get(role) ?? this.#dynamic.get(role)!;
      n += Math.max(0, published.size - Math.max(1, this.#peak.get(role) ?? 0));
    }
    return n;
  }

  #set(inst: Instance, running: boolean): void {
    if (this.#isRunning.has(inst) === running) return;
    const role = inst.spec.role;
    const n = (this.#running.get(role) ?? 0) + (running ? 1 : -1);
    if (running) this.#isRunning.add(inst);
    else this.#isRunning.delete(inst);
    this.#running.set(role, n);
    this.#peak.set(role, Math.max(n, this.#peak.get(role) ?? 0));
  }
}
