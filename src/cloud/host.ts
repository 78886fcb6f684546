import { transition, type Transitions } from '../engine/index.js';

/** A physical Xen host's lifecycle. */
export const HostState = {
  /** Powered and serving guests. */
  Up: 'up',
  /** Broken or without power; hosts no guests until repaired. */
  Down: 'down',
} as const;
export type HostState = (typeof HostState)[keyof typeof HostState];

const HOST_TRANSITIONS: Transitions<HostState> = {
  up: ['down'],
  down: ['up'],
};

/** Why a host went down. */
export type HostDownCause = 'hardware-failure';

/** A physical machine in a rack of a zone. Plain data plus its state; it schedules nothing. */
export class Host {
  readonly index: number;
  readonly id: string;
  readonly zone: string;
  readonly rack: number;
  #state: HostState = HostState.Up;
  /** Time (ms) the host last changed state. */
  sinceMs = 0;

  constructor(index: number, id: string, zone: string, rack: number) {
    this.index = index;
    this.id = id;
    this.zone = zone;
    this.rack = rack;
  }

  get state(): HostState {
    return this.#state;
  }

  /** Moves to `to`; throws InvalidTransitionError when the lifecycle forbids it. */
  moveTo(to: HostState, nowMs: number): void {
    this.#state = transition(`host ${this.id}`, HOST_TRANSITIONS, this.#state, to);
    this.sinceMs = nowMs;
  }
}
