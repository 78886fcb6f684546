import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Host } from '../cloud/host.js';
import { HostState } from '../cloud/host.js';

/**
 * Watches host state changes and reports total host downtime and the fraction of host-time
 * up. Downtime still open at the end of the run is counted up to the end. (Failures are
 * counted by the faults table, which sees each fault even on a host already down.)
 */
export class HostAvailability {
  #downMs = 0;

  constructor(bus: EventBus<CloudEvents>) {
    bus.on('host.up', (e) => {
      this.#downMs += e.downMs;
    });
  }

  /** Summary metrics at `endMs` over `hosts`. */
  summary(hosts: readonly Host[], endMs: number): { host_downtime_s: number; availability: number } {
    let downMs = this.#downMs;
    for (const h of hosts) if (h.state === HostState.Down) downMs += endMs - h.sinceMs;
    const totalMs = hosts.length * endMs;
    return {
      host_downtime_s: downMs / 1000,
      availability: totalMs > 0 ? 1 - downMs / totalMs : 1,
    };
  }
}
