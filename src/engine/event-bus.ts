/**
 * A typed, synchronous publish/subscribe bus for domain events. `Events` maps each event
 * type to its payload. Listeners run in subscription order, at the simulated instant
 * the event is emitted; they observe and must not throw. A bus of more events is usable
 * where a bus of fewer is expected (each layer declares only the events it knows).
 */
export class EventBus<Events extends object> {
  readonly #listeners = new Map<PropertyKey, ((e: never) => void)[]>();

  /** Subscribes `listener` to `type`; returns a function that unsubscribes it. */
  on<K extends keyof Events>(type: K, listener: (event: Events[K]) => void): () => void {
    let list = this.#listeners.get(type);
    if (list === undefined) {
      list = [];
      this.#listeners.set(type, list);
    }
    list.push(listener as (e: never) => void);
    return () => {
      const l = this.#listeners.get(type);
      if (l !== undefined) this.#listeners.set(type, l.filter((f) => f !== listener));
    };
  }

  /** True when somebody listens to `type` (lets emitters skip building payloads nobody reads). */
  has<K extends keyof Events>(type: K): boolean {
    const l = this.#listeners.get(type);
    return l !== undefined && l.length > 0;
  }

  /** Delivers `event` to every listener of `type`. */
  emit<K extends keyof Events>(type: K, event: Events[K]): void {
    const list = this.#listeners.get(type) as ((e: Events[K]) => void)[] | undefined;
    if (list === undefined) return;
    for (const f of list) f(event);
  }
}
