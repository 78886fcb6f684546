import { transition, type Transitions } from '../engine/index.js';
import type { HostType } from './catalog.js';
import type { Instance } from './instance.js';

/** A physical Xen host's lifecycle. */
export const HostState = {
  /** Powered and serving guests. */
  Up: 'up',
  /** Broken, without power or in maintenance; hosts no guests until it comes back. */
  Down: 'down',
} as const;
export type HostState = (typeof HostState)[keyof typeof HostState];

const HOST_TRANSITIONS: Transitions<HostState> = {
  up: ['down'],
  down: ['up'],
};

/** Why a host went down (each also ends its guests with that reason). */
export type HostDownCause = 'hardware-failure' | 'maintenance' | 'power-outage' | 'rack-failure';

const NO_GUESTS: ReadonlySet<Instance> = new Set<Instance>();

/** A physical machine in a rack of a zone. Plain data plus its state; it schedules nothing. */
export class Host {
  readonly index: number;
  readonly id: string;
  readonly zone: string;
  /** Rack number, global across zones. */
  readonly rack: number;
  readonly type: HostType;
  /** Guests placed here and not yet terminated; made with the first (most hosts of a large zone never hold one). */
  #guests: Set<Instance> | undefined;
  #state: HostState = HostState.Up;
  /** When each host of the topology last changed state, ms, by index: one array for all (not a boxed number per host). */
  readonly #since: Float64Array;
  /** Why it is down (undefined while up). */
  downCause: HostDownCause | undefined;

  /** `since`: the topology's array of state-change times (index `index` is this host's); default, one of its own. */
  constructor(index: number, id: string, zone: string, rack: number, type: HostType, since: Float64Array = new Float64Array(index + 1)) {
    this.index = index;
    this.id = id;
    this.zone = zone;
    this.rack = rack;
    this.type = type;
    this.#since = since;
  }

  /** Time (ms) the host last changed state. */
  get sinceMs(): number {
    return this.#since[this.index]!;
  }

  /** Guests placed here and not yet terminated (read-only: the cloud places and removes them). */
  get guests(): ReadonlySet<Instance> {
    return this.#guests ?? NO_GUESTS;
  }

  /** Places `inst` here (the cloud's bookkeeping). */
  addGuest(inst: Instance): void {
    (this.#guests ??= new Set()).add(inst);
  }

  /** Removes `inst` from here (the cloud's bookkeeping); false when it was not here. */
  removeGuest(inst: Instance): boolean {
    return this.#guests?.delete(inst) ?? false;
  }

  get state(): HostState {
    return this.#state;
  }

  /** Moves to `to`; throws InvalidTransitionError when the lifecycle forbids it. */
  moveTo(to: HostState, nowMs: number): void {
    this.#state = transition('host', this.id, HOST_TRANSITIONS, this.#state, to);
    this.#since[this.index] = nowMs;
  }
}
