import type { MigrationLink } from '../cloud/cloud.js';
import type { Host } from '../cloud/host.js';
import type { Instance } from '../cloud/instance.js';

/** What took hosts down; each is also the `end_reason` of the instances it killed. */
export const FaultKind = {
  HardwareFailure: 'hardware-failure',
  Maintenance: 'maintenance',
  PowerOutage: 'power-outage',
  RackFailure: 'rack-failure',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

/** Every fault kind, in documentation order (trace files use these names). */
export const FAULT_KINDS: readonly FaultKind[] = Object.values(FaultKind);

/** What a fault does to the guests of a host it takes down. */
export type GuestPolicy =
  /** Guests die with the host (EC2 in 2008). */
  | { readonly kind: 'terminate' }
  /** Guests move to other hosts of the zone by pre-copy live migration over `link`; those that find no room die. */
  | { readonly kind: 'live-migrate'; readonly link: MigrationLink };

/** One fault: a set of hosts down together for a while. */
export interface Fault {
  /** 1-based, in the order faults began. */
  readonly id: number;
  readonly kind: FaultKind;
  /** What was hit, as people name it: a host id, `zone/rackN`, or a zone. */
  readonly scope: string;
  readonly hosts: readonly Host[];
  /** When it began and when it is (or was) over, ms. The end may lie beyond the run. */
  readonly startMs: number;
  readonly endMs: number;
}

/** The domain events of the faults layer. */
export interface FaultEvents {
  /** A fault began: `killed` are the live guests that died, `migrated` those live migration saved. */
  'fault.started': { readonly timeMs: number; readonly fault: Fault; readonly killed: readonly Instance[]; readonly migrated: readonly Instance[] };
  /** A fault is over; its hosts come back unless another fault still holds them down. */
  'fault.ended': { readonly timeMs: number; readonly fault: Fault };
  /** Maintenance was announced `notice` ahead: the hosts go down at `atMs`. */
  'fault.notice': { readonly timeMs: number; readonly kind: FaultKind; readonly scope: string; readonly hosts: readonly Host[]; readonly atMs: number };
}
