import type { EventBus, Simulation } from '../engine/index.js';
import type { CloudEvents } from './events.js';
import { Host, HostState, type HostDownCause } from './host.js';

/** One availability zone as the scenario declares it. */
export interface ZoneSpec {
  readonly name: string;
  readonly hosts: number;
  readonly racks: number;
}

/**
 * The provider's data centres: zones of racks of hosts. Hosts are plain objects in one
 * array (indexed by `host.index`), so a 10,000-host zone costs no events until something
 * happens to a host.
 */
export class Cloud {
  readonly sim: Simulation;
  readonly bus: EventBus<CloudEvents>;
  readonly hosts: readonly Host[];
  readonly zones: readonly ZoneSpec[];

  constructor(sim: Simulation, bus: EventBus<CloudEvents>, zones: readonly ZoneSpec[]) {
    this.sim = sim;
    this.bus = bus;
    this.zones = zones;
    const hosts: Host[] = [];
    for (const z of zones) {
      for (let i = 0; i < z.hosts; i++) {
        const rack = Math.floor((i * z.racks) / z.hosts);
        hosts.push(new Host(hosts.length, `${z.name}-h${String(i).padStart(5, '0')}`, z.name, rack));
      }
    }
    this.hosts = hosts;
  }

  /** Takes a running host down (a fault injector calls this); emits `host.down`. */
  hostDown(host: Host, cause: HostDownCause): void {
    host.moveTo(HostState.Down, this.sim.now);
    this.bus.emit('host.down', { timeMs: this.sim.now, host, cause });
  }

  /** Brings a down host back into service; emits `host.up` with how long it was down. */
  hostUp(host: Host): void {
    const downMs = this.sim.now - host.sinceMs;
    host.moveTo(HostState.Up, this.sim.now);
    this.bus.emit('host.up', { timeMs: this.sim.now, host, downMs });
  }
}
