import type { Host, HostDownCause } from './host.js';
import type { EndReason, Instance, LaunchSpec } from './instance.js';

/** Domain events the cloud model emits; observers (faults, billing, metrics) subscribe to them. */
export interface CloudEvents {
  'host.down': { readonly timeMs: number; readonly host: Host; readonly cause: HostDownCause };
  'host.up': { readonly timeMs: number; readonly host: Host; readonly downMs: number };
  /** Placed on a host; the image fetch begins. Billing starts here; the network assigns addresses. */
  'instance.pending': { readonly timeMs: number; readonly instance: Instance };
  /** Booted (or back from a reboot). */
  'instance.running': { readonly timeMs: number; readonly instance: Instance; readonly reboot: boolean };
  'instance.rebooting': { readonly timeMs: number; readonly instance: Instance };
  'instance.shutting-down': { readonly timeMs: number; readonly instance: Instance };
  /**
   * Moved by pre-copy live migration to another host of its zone, resuming now on `to`: the
   * migration took `totalMs` in `rounds` pre-copy rounds, the last `pauseMs` of it paused.
   */
  'instance.migrated': { readonly timeMs: number; readonly instance: Instance; readonly from: Host; readonly to: Host; readonly pauseMs: number; readonly totalMs: number; readonly rounds: number };
  /** Gone, with its instance store; the network takes its addresses back. */
  'instance.terminated': { readonly timeMs: number; readonly instance: Instance; readonly reason: EndReason };
  /** A launch the cloud refused (e.g. InsufficientInstanceCapacity); nothing was started. */
  'launch.failed': { readonly timeMs: number; readonly spec: LaunchSpec; readonly code: string; readonly message: string };
}

/** A call made through the EC2 API (an action of the scenario's timeline), with its outcome. */
export interface ApiCallEvent {
  readonly timeMs: number;
  /** The command line as run. */
  readonly command: string;
  /** `ok`, or the EC2 error code (InsufficientInstanceCapacity, InvalidInstanceID.NotFound, ...). */
  readonly status: string;
  /** A one-line result: instance ids started, the error message, ... */
  readonly result: string;
  /** Text the command printed (console output, describe listing), with a file name for it. */
  readonly output?: { readonly file: string; readonly text: string };
}

/** Events of the API layer. */
export interface ApiEvents {
  'api.call': ApiCallEvent;
}
