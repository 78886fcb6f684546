import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';

/**
 * When each front-end instance was able to serve: from `running` until it reboots, starts
 * shutting down or dies. Intervals per instance, [fromMs, toMs).
 */
export class ServingLog {
  readonly #roles: ReadonlySet<string>;
  readonly #intervals = new Map<Instance, [number, number][]>();
  /** Called when a front-end instance stops serving (it died, was stopped or reboots). */
  onStop: ((inst: Instance, timeMs: number) => void) | undefined;

  constructor(bus: EventBus<CloudEvents>, roles: ReadonlySet<string>) {
    this.#roles = roles;
    bus.on('instance.running', (e) => {
      if (!this.#roles.has(e.instance.spec.role)) return;
      const list = this.#intervals.get(e.instance) ?? [];
      list.push([e.timeMs, Infinity]);
      this.#intervals.set(e.instance, list);
    });
    const stop = (inst: Instance, t: number): void => {
      const last = this.#intervals.get(inst)?.at(-1);
      if (last === undefined || last[1] !== Infinity) return;
      last[1] = t;
      this.onStop?.(inst, t);
    };
    bus.on('instance.rebooting', (e) => stop(e.instance, e.timeMs));
    bus.on('instance.shutting-down', (e) => stop(e.instance, e.timeMs));
    bus.on('instance.terminated', (e) => stop(e.instance, e.timeMs));
  }

  /** Whether `inst` serves at `timeMs`, and the span [fromMs, toMs) around it over which that holds. */
  spanAt(inst: Instance, timeMs: number): { fromMs: number; toMs: number; serving: boolean } {
    const list = this.#intervals.get(inst) ?? [];
    let from = -Infinity;
    for (const [a, b] of list) {
      if (timeMs < a) return { fromMs: from, toMs: a, serving: false };
      if (timeMs < b) return { fromMs: a, toMs: b, serving: true };
      from = b;
    }
    return { fromMs: from, toMs: Infinity, serving: false };
  }

  /** True when `inst` is a front end serving at `timeMs`. */
  serving(inst: Instance, timeMs: number): boolean {
    const list = this.#intervals.get(inst);
    if (list === undefined) return false;
    for (const [a, b] of list) if (a <= timeMs && timeMs < b) return true;
    return false;
  }
}
