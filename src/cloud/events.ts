import type { Host, HostDownCause } from './host.js';

/** Domain events the cloud model emits; observers (faults, billing, metrics) subscribe to them. */
export interface CloudEvents {
  'host.down': { readonly timeMs: number; readonly host: Host; readonly cause: HostDownCause };
  'host.up': { readonly timeMs: number; readonly host: Host; readonly downMs: number };
}
