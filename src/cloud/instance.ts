import { transition, type EventHandle, type Transitions } from '../engine/index.js';
import type { InstanceType } from './catalog.js';
import type { Host } from './host.js';
import type { MachineImage } from './images.js';

/** EC2's instance states (2008), plus `rebooting` while a reboot is under way. */
export const InstanceState = {
  Pending: 'pending',
  Running: 'running',
  Rebooting: 'rebooting',
  ShuttingDown: 'shutting-down',
  Terminated: 'terminated',
} as const;
export type InstanceState = (typeof InstanceState)[keyof typeof InstanceState];

const INSTANCE_TRANSITIONS: Transitions<InstanceState> = {
  pending: ['running', 'shutting-down', 'terminated'],
  running: ['rebooting', 'shutting-down', 'terminated'],
  rebooting: ['running', 'shutting-down', 'terminated'],
  'shutting-down': ['terminated'],
  terminated: [],
};

/** Why an instance ended. The fault kinds come from whoever took its host down. */
export type EndReason = 'user-terminated' | 'hardware-failure' | 'maintenance' | 'power-outage' | 'rack-failure';

/** CPU an instance's workload asks for, in ECUs: constant, or one value per hour of the day (24). */
export type CpuDemand = { readonly kind: 'constant'; readonly ecu: number } | { readonly kind: 'hourly'; readonly ecu: readonly number[] };

/** What a launch asks for. */
export interface LaunchSpec {
  readonly role: string;
  readonly image: MachineImage;
  readonly type: InstanceType;
  readonly zone: string;
  readonly keyName?: string | undefined;
  readonly groups: readonly string[];
  /** User-data as written; `${role.field}` references are resolved at launch. */
  readonly userData?: string | undefined;
  readonly cpu?: CpuDemand | undefined;
  /** Memory the running guest dirties, bytes per ms, for live migration (undefined: the maintenance default). */
  readonly dirtyBytesPerMs?: number | undefined;
  /** Instance-store writes, bytes per ms, and the S3 backup interval, ms (undefined: none). */
  readonly diskWriteBytesPerMs?: number | undefined;
  readonly backupEveryMs?: number | undefined;
}

/**
 * A virtual machine. Its state changes only through `moveTo`, which enforces the
 * lifecycle; the cloud and the EC2 API drive it, observers only read it.
 */
export class Instance {
  readonly id: string;
  readonly reservationId: string;
  readonly spec: LaunchSpec;
  /** Position among the role's launches (0-based) and in the whole run (1-based). */
  readonly roleIndex: number;
  readonly launchOrder: number;
  /** The host it runs on; changes only when live migration moves it. */
  host: Host;
  readonly launchedMs: number;
  #state: InstanceState = InstanceState.Pending;
  runningMs: number | undefined;
  terminatedMs: number | undefined;
  endReason: EndReason | undefined;
  /** Addresses, set by the network when it assigns them (undefined without one). */
  privateIp: string | undefined;
  publicIp: string | undefined;
  privateDns: string | undefined;
  publicDns: string | undefined;
  /** User-data after resolving references, and the instances it refers to. */
  userData = '';
  readonly userDataRefs: Instance[] = [];
  /** Instances whose user-data refers to this one. */
  readonly dependents: Instance[] = [];
  /** When a referenced instance went away (or never existed): the user-data is stale from then. */
  staleSinceMs: number | undefined;
  /** Fingerprint of the key pair (`-k`) installed for root at boot, as the account held it at launch; undefined without -k. */
  keyFingerprint: string | undefined;
  /** The last live migration: when it resumed, from and to which host, its rounds, pause and total time (ms). */
  lastMigration: { readonly atMs: number; readonly from: string; readonly to: string; readonly rounds: number; readonly pauseMs: number; readonly totalMs: number } | undefined;
  /** The instance store: the same object across reboots, wiped at termination. */
  readonly store = { wiped: false, reboots: 0 };
  /** Read-only console output (the boot log). */
  readonly console: string[] = [];
  /** The pending boot/reboot/shutdown completion, cancelled if the host dies first. */
  pendingEvent: EventHandle | undefined;

  constructor(init: { id: string; reservationId: string; spec: LaunchSpec; roleIndex: number; launchOrder: number; host: Host; launchedMs: number }) {
    this.id = init.id;
    this.reservationId = init.reservationId;
    this.spec = init.spec;
    this.roleIndex = init.roleIndex;
    this.launchOrder = init.launchOrder;
    this.host = init.host;
    this.launchedMs = init.launchedMs;
  }

  get state(): InstanceState {
    return this.#state;
  }

  /** True until the instance is shutting down or terminated. */
  get alive(): boolean {
    return this.#state !== InstanceState.ShuttingDown && this.#state !== InstanceState.Terminated;
  }

  /** Moves to `to`; throws InvalidTransitionError when the lifecycle forbids it. */
  moveTo(to: InstanceState): void {
    this.#state = transition('instance', this.id, INSTANCE_TRANSITIONS, this.#state, to);
  }

  /** The EC2 metadata service's view (http://169.254.169.254/latest/meta-data/), read at boot. */
  metadata(): Readonly<Record<string, string>> {
    return {
      'ami-id': this.spec.image.id,
      'instance-id': this.id,
      'instance-type': this.spec.type.name,
      'reservation-id': this.reservationId,
      'placement/availability-zone': this.spec.zone,
      'local-ipv4': this.privateIp ?? '',
      'public-ipv4': this.publicIp ?? '',
      'local-hostname': this.privateDns ?? '',
      'public-hostname': this.publicDns ?? '',
      'security-groups': this.spec.groups.join('\n'),
      'public-keys/0/openssh-key': this.spec.keyName ?? '',
      'user-data': this.userData,
    };
  }
}
