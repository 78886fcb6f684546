import type { EventBus, Simulation } from '../engine/index.js';
import type { Cloud, HostDownOutcome } from '../cloud/cloud.js';
import type { Host } from '../cloud/host.js';
import type { Fault, FaultEvents, FaultKind, GuestPolicy } from './fault.js';

const TERMINATE: GuestPolicy = { kind: 'terminate' };
const NO_OPTIONS = {};
const NOTHING: HostDownOutcome = { killed: [], migrated: [] };

/**
 * The faults layer's book of why each host is down. Several faults may hold one host at
 * once (a failed host inside a zone that loses power): the ledger counts them, takes a host
 * down when its first fault begins and brings it back only when its last one is over. Every
 * fault process goes through `strike`; hosts carry no fault logic of their own.
 */
export class FaultLedger {
  readonly #sim: Simulation;
  readonly #cloud: Cloud;
  readonly #bus: EventBus<FaultEvents>;
  /** Faults currently holding each host down, by host index. */
  readonly #holds: Uint32Array;
  #nextId = 1;
  /**
   * Faults not yet over, by a recycled index (the argument of their end event), with what
   * follows each one's end: one end handler serves every fault, no closure per fault.
   */
  #active: (Fault | undefined)[] = [];
  #onEnd: (((arg: number) => void) | undefined)[] = [];
  #onEndArg: number[] = [];
  #freeActive: number[] = [];
  readonly #end = (a: number): void => {
    const fault = this.#active[a]!;
    const onEnd = this.#onEnd[a];
    const arg = this.#onEndArg[a]!;
    this.#active[a] = undefined;
    this.#onEnd[a] = undefined;
    this.#freeActive.push(a);
    this.#release(fault);
    onEnd?.(arg);
  };

  constructor(sim: Simulation, cloud: Cloud, bus: EventBus<FaultEvents>) {
    this.#sim = sim;
    this.#cloud = cloud;
    this.#bus = bus;
    this.#holds = new Uint32Array(cloud.hosts.length);
  }

  /** Number of faults holding `host` down now (0 when it is up). */
  holds(host: Host): number {
    return this.#holds[host.index] ?? 0;
  }

  /**
   * Begins a fault now: holds `hosts` down for `durationMs` (rounded to whole ms), then
   * releases them and calls `onEnd(onEndArg)`. Hosts that were up go down, and their guests die or
   * move as `policy` says; hosts already down stay down until every fault on them is over.
   * Emits `fault.started` (with the guests killed and moved) and, later, `fault.ended`.
   */
  strike(kind: FaultKind, scope: string, hosts: readonly Host[], durationMs: number, policy: GuestPolicy = TERMINATE, onEnd?: (arg: number) => void, onEndArg = 0): Fault {
    const now = this.#sim.now;
    const duration = Math.max(0, Math.round(durationMs));
    const fault: Fault = { id: this.#nextId++, kind, scope, hosts, startMs: now, endMs: now + duration };
    let up = 0;
    for (const h of hosts) if (this.#holds[h.index]!++ === 0) up++;
    let outcome: HostDownOutcome = NOTHING;
    if (up > 0) {
      const goingDown = up === hosts.length ? hosts : hosts.filter((h) => this.#holds[h.index] === 1);
      outcome = this.#cloud.hostsDown(goingDown, kind, policy.kind === 'live-migrate' ? { migrate: policy.link } : NO_OPTIONS);
    }
    if (this.#bus.has('fault.started')) this.#bus.emit('fault.started', { timeMs: now, fault, killed: outcome.killed, migrated: outcome.migrated });
    const a = this.#freeActive.pop() ?? this.#active.length;
    this.#active[a] = fault;
    this.#onEnd[a] = onEnd;
    this.#onEndArg[a] = onEndArg;
    this.#sim.scheduleWith(duration, this.#end, a);
    return fault;
  }

  /** Announces a fault that will begin at `atMs` (maintenance notice). */
  notice(kind: FaultKind, scope: string, hosts: readonly Host[], atMs: number): void {
    this.#bus.emit('fault.notice', { timeMs: this.#sim.now, kind, scope, hosts, atMs });
  }

  #release(fault: Fault): void {
    for (const h of fault.hosts) {
      const left = --this.#holds[h.index]!;
      if (left === 0) this.#cloud.hostUp(h);
    }
    if (this.#bus.has('fault.ended')) this.#bus.emit('fault.ended', { timeMs: this.#sim.now, fault });
  }
}
