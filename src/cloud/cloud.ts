import { EntityStreams, type Distribution, type EventBus, type Simulation } from '../engine/index.js';
import { guestCapacity } from './catalog.js';
import { CapacityIndex } from './capacity-index.js';
import { bootLog } from './console-log.js';
import { CpuAccounting, type CpuTotals } from './cpu-accounting.js';
import type { CloudEvents } from './events.js';
import { Host, HostState, type HostDownCause } from './host.js';
import { Instance, InstanceState, type EndReason, type LaunchSpec } from './instance.js';
import { createPlacementPolicy } from './placement/index.js';
import { preCopy } from './pre-copy.js';
import type { PlacementPolicy, PlacementPolicyName, PlacementRequest } from './placement/policy.js';
import { buildTopology, type ZoneLayout, type ZoneSpec } from './topology.js';

/** How the cloud boots and stops instances. */
export interface CloudOptions {
  readonly zones: readonly ZoneSpec[];
  readonly placement: PlacementPolicyName;
  /** S3 to host image fetch rate, bytes per ms. */
  readonly s3BytesPerMs: number;
  /** Kernel and init time after the fetch, ms (an image may override it). */
  readonly kernelBoot: Distribution;
  /** Time from a terminate request to `terminated`, ms. */
  readonly shutdownMs: number;
  /** Time of day (ms after midnight UTC) at simulated time 0, for hourly CPU demand. */
  readonly dayOffsetMs: number;
}

/** Identity the API gives an instance before it is placed. */
export interface InstanceIdentity {
  readonly id: string;
  readonly reservationId: string;
  readonly roleIndex: number;
  readonly launchOrder: number;
}

/**
 * The provider's data centres and what runs in them: zones of racks of Xen hosts, their
 * free capacity, and every instance's lifecycle (placement, boot, reboot, termination,
 * death with its host). Fault injectors call `hostDown`/`hostUp` from outside; observers
 * watch the events on `bus`.
 */
export class Cloud {
  readonly sim: Simulation;
  readonly bus: EventBus<CloudEvents>;
  readonly hosts: readonly Host[];
  readonly zones: readonly ZoneLayout[];
  readonly #options: CloudOptions;
  readonly #capacity: CapacityIndex;
  readonly #placement: PlacementPolicy;
  /** Kernel boot times: one stream per instance (entity = launch order), `cloud.boot`. */
  readonly #boots: EntityStreams;
  readonly #cpu: CpuAccounting;
  readonly #admission: ((spec: LaunchSpec) => { readonly code: string; readonly message: string } | undefined)[] = [];

  constructor(sim: Simulation, bus: EventBus<CloudEvents>, options: CloudOptions) {
    this.sim = sim;
    this.bus = bus;
    this.#options = options;
    const { hosts, layouts } = buildTopology(options.zones);
    this.hosts = hosts;
    this.zones = layouts;
    this.#capacity = new CapacityIndex(hosts.length);
    for (const h of hosts) this.#resetCapacity(h);
    this.#placement = createPlacementPolicy(options.placement, this.#capacity, sim.random('cloud.placement'), (i) => hosts[i]!.rack);
    this.#boots = new EntityStreams(sim.family('cloud.boot'), 0);
    this.#cpu = new CpuAccounting(options.dayOffsetMs);
  }

  /** CPU an instance wanted and had stolen so far (after `settleCpu`); undefined if it declared no demand. */
  cpuTotals(inst: Instance): CpuTotals | undefined {
    return this.#cpu.totals(inst);
  }

  /** Per hour of the day, the share of its wanted CPU Xen steals from `inst` now (undefined: no declared demand). */
  stealShares(inst: Instance): Float64Array | undefined {
    return this.#cpu.stealShares(inst);
  }

  /** S3 to instance transfer rate, bytes per ms (image fetches, restores from backups). */
  get s3BytesPerMs(): number {
    return this.#options.s3BytesPerMs;
  }

  /** Brings every host's CPU accounting up to now (call before reading totals). */
  settleCpu(): void {
    for (const h of this.hosts) if (h.guests.size > 0) this.#cpu.guestsChanged(h, this.sim.now);
  }

  /**
   * Adds a check every launch must pass before placement (e.g. the network's: is there a
   * free address?). A refusal is a failed launch with the check's EC2 error code.
   */
  addAdmissionCheck(check: (spec: LaunchSpec) => { readonly code: string; readonly message: string } | undefined): void {
    this.#admission.push(check);
  }

  /** The zone called `name`, or undefined. */
  zone(name: string): ZoneLayout | undefined {
    return this.zones.find((z) => z.name === name);
  }

  /**
   * Places and starts an instance. Returns it in `pending` (booting), or the EC2 error code
   * when an admission check refuses it (e.g. `InsufficientAddressCapacity`) or no host in
   * the zone has room (`InsufficientInstanceCapacity`), which is also emitted as `launch.failed`.
   */
  launch(spec: LaunchSpec, identity: InstanceIdentity): Instance | string {
    const zone = this.zone(spec.zone);
    if (zone === undefined) throw new RangeError(`no zone ${spec.zone}`);
    for (const check of this.#admission) {
      const refusal = check(spec);
      if (refusal !== undefined) {
        this.bus.emit('launch.failed', { timeMs: this.sim.now, spec, code: refusal.code, message: refusal.message });
        return refusal.code;
      }
    }
    const req = requestOf(spec);
    const hostIndex = this.#placement.choose(req, zone);
    if (hostIndex < 0) {
      this.bus.emit('launch.failed', { timeMs: this.sim.now, spec, code: 'InsufficientInstanceCapacity', message: `no host in ${spec.zone} has room for a ${spec.type.name}` });
      return 'InsufficientInstanceCapacity';
    }
    const host = this.hosts[hostIndex]!;
    const inst = new Instance({ ...identity, spec, host, launchedMs: this.sim.now });
    host.addGuest(inst);
    this.#take(host, req, -1);
    if (spec.cpu !== undefined) this.#cpu.guestsChanged(host, this.sim.now);
    this.#placement.placed(hostIndex, req);
    this.bus.emit('instance.pending', { timeMs: this.sim.now, instance: inst });
    const fetchMs = spec.image.sizeBytes / this.#options.s3BytesPerMs;
    const kernelMs = Math.round((spec.image.kernelBoot ?? this.#options.kernelBoot).sample(this.#boots.rng(inst.launchOrder)));
    inst.pendingEvent = this.sim.schedule(fetchMs + kernelMs, () => this.#booted(inst, kernelMs, false));
    return inst;
  }

  /** Restarts a running instance in place: disks and addresses are kept. False if it is not running. */
  reboot(inst: Instance): boolean {
    if (inst.state !== InstanceState.Running) return false;
    inst.moveTo(InstanceState.Rebooting);
    inst.store.reboots++;
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(inst.host, this.sim.now);
    this.bus.emit('instance.rebooting', { timeMs: this.sim.now, instance: inst });
    const kernelMs = Math.round((inst.spec.image.kernelBoot ?? this.#options.kernelBoot).sample(this.#boots.rng(inst.launchOrder)));
    inst.pendingEvent = this.sim.schedule(kernelMs, () => this.#booted(inst, kernelMs, true));
    return true;
  }

  /** Asks an instance to shut down; it is terminated after the shutdown delay. False if already going. */
  terminate(inst: Instance): boolean {
    if (!inst.alive) return false;
    this.#cancelPending(inst);
    inst.moveTo(InstanceState.ShuttingDown);
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(inst.host, this.sim.now);
    this.bus.emit('instance.shutting-down', { timeMs: this.sim.now, instance: inst });
    inst.pendingEvent = this.sim.schedule(this.#options.shutdownMs, () => this.#end(inst, 'user-terminated'));
    return true;
  }

  /** Takes one host down: `hostsDown([host], cause, options)`. */
  hostDown(host: Host, cause: HostDownCause, options: HostDownOptions = {}): HostDownOutcome {
    return this.hostsDown([host], cause, options);
  }

  /**
   * Takes hosts down together (a fault injector calls this): every live (pending, running,
   * rebooting) guest dies at once, disks wiped, ending with `cause`. With `migrate`, live
   * guests first move to other hosts of their zone, outside `hosts`, chosen by the placement
   * policy, by pre-copy live migration over the given link (`instance.migrated` with the
   * pause and total time; see pre-copy.ts); a guest that finds no room dies. Guests already shutting down end too, as `user-terminated`. Returns the live guests
   * that died and those that moved. Throws if a host is already down.
   */
  hostsDown(hosts: readonly Host[], cause: HostDownCause, options: HostDownOptions = {}): HostDownOutcome {
    for (const host of hosts) {
      host.moveTo(HostState.Down, this.sim.now);
      host.downCause = cause;
      this.#capacity.setUnavailable(host.index);
    }
    let outcome: { killed: Instance[]; migrated: Instance[] } | undefined;
    for (const host of hosts) {
      if (host.guests.size > 0) this.#evict(host, cause, options.migrate, (outcome ??= { killed: [], migrated: [] }));
      if (this.bus.has('host.down')) this.bus.emit('host.down', { timeMs: this.sim.now, host, cause });
    }
    return outcome ?? NO_GUESTS;
  }

  /** Moves (when `migratePauseMs` is set and there is room) or ends every guest of a host going down. */
  #evict(host: Host, cause: HostDownCause, migrate: MigrationLink | undefined, outcome: { killed: Instance[]; migrated: Instance[] }): void {
    for (const inst of [...host.guests]) {
      const alive = inst.alive;
      if (alive && migrate !== undefined && this.#migrate(inst, host, migrate)) {
        outcome.migrated.push(inst);
        continue;
      }
      // A guest already shutting down was ending at its user's request: it keeps that reason.
      this.#end(inst, alive ? cause : 'user-terminated');
      if (alive) outcome.killed.push(inst);
    }
  }

  /** Brings a down host back, empty; emits `host.up` with how long it was down. */
  hostUp(host: Host): void {
    const downMs = this.sim.now - host.sinceMs;
    host.moveTo(HostState.Up, this.sim.now);
    host.downCause = undefined;
    this.#resetCapacity(host);
    this.bus.emit('host.up', { timeMs: this.sim.now, host, downMs });
  }

  #booted(inst: Instance, kernelMs: number, reboot: boolean): void {
    inst.pendingEvent = undefined;
    inst.moveTo(InstanceState.Running);
    if (!reboot) inst.runningMs = this.sim.now;
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(inst.host, this.sim.now);
    inst.console.push(...bootLog(inst, kernelMs, reboot));
    this.bus.emit('instance.running', { timeMs: this.sim.now, instance: inst, reboot });
  }

  #end(inst: Instance, reason: EndReason): void {
    this.#cancelPending(inst);
    inst.moveTo(InstanceState.Terminated);
    inst.terminatedMs = this.sim.now;
    inst.endReason = reason;
    inst.store.wiped = true;
    const host = inst.host;
    host.removeGuest(inst);
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(host, this.sim.now, inst);
    const req = requestOf(inst.spec);
    if (host.state === HostState.Up) this.#take(host, req, +1);
    this.#placement.released(host.index, req);
    for (const d of inst.dependents) if (d.alive && d.staleSinceMs === undefined) d.staleSinceMs = this.sim.now;
    this.bus.emit('instance.terminated', { timeMs: this.sim.now, instance: inst, reason });
  }

  /**
   * Moves a live guest off `from` (already unavailable) to a host of its zone; false when none
   * has room. The pre-copy is taken to have run just before, while the guest still ran on
   * `from`; the move is the moment it resumes on `to`. Its pause is recorded, not simulated.
   */
  #migrate(inst: Instance, from: Host, link: MigrationLink): boolean {
    const req = requestOf(inst.spec);
    const toIndex = this.#placement.choose(req, this.zone(from.zone)!);
    if (toIndex < 0) return false;
    const to = this.hosts[toIndex]!;
    from.removeGuest(inst);
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(from, this.sim.now, inst);
    this.#placement.released(from.index, req);
    inst.host = to;
    to.addGuest(inst);
    this.#take(to, req, -1);
    if (inst.spec.cpu !== undefined) this.#cpu.guestsChanged(to, this.sim.now);
    this.#placement.placed(toIndex, req);
    const copy = preCopy({
      memoryBytes: inst.spec.type.memoryMb * MIB,
      bandwidthBytesPerMs: link.bandwidthBytesPerMs,
      dirtyBytesPerMs: inst.spec.dirtyBytesPerMs ?? link.dirtyBytesPerMs,
    });
    inst.lastMigration = { atMs: this.sim.now, from: from.id, to: to.id, rounds: copy.rounds, pauseMs: copy.pauseMs, totalMs: copy.totalMs };
    this.bus.emit('instance.migrated', { timeMs: this.sim.now, instance: inst, from, to, pauseMs: copy.pauseMs, totalMs: copy.totalMs, rounds: copy.rounds });
    return true;
  }

  #cancelPending(inst: Instance): void {
    if (inst.pendingEvent !== undefined) this.sim.cancel(inst.pendingEvent);
    inst.pendingEvent = undefined;
  }

  /** Adds (sign +1) or removes (sign -1) a request's needs to a host's free capacity. */
  #take(host: Host, req: PlacementRequest, sign: 1 | -1): void {
    const f = this.#capacity.free(host.index);
    this.#capacity.set(host.index, f.memoryMb + sign * req.memoryMb, f.milliEcu + sign * req.milliEcu, f.diskGb + sign * req.diskGb);
  }

  #resetCapacity(host: Host): void {
    const c = guestCapacity(host.type);
    this.#capacity.set(host.index, c.memoryMb, c.milliEcu, c.diskGb);
  }
}

/** The link a live migration copies memory over, and how fast guests dirty it. */
export interface MigrationLink {
  /** Bytes per ms the copy gets. */
  readonly bandwidthBytesPerMs: number;
  /** Bytes per ms a running guest dirties, unless its launch says otherwise (`LaunchSpec.dirtyBytesPerMs`). */
  readonly dirtyBytesPerMs: number;
}

/** How `hostsDown` treats the guests. */
export interface HostDownOptions {
  /** Live-migrate guests instead of killing them, by pre-copy over this link. */
  readonly migrate?: MigrationLink;
}

const MIB = 1024 * 1024;

/** What `hostsDown` did to the hosts' guests. */
export interface HostDownOutcome {
  /** Live guests that died with the host. */
  readonly killed: readonly Instance[];
  /** Guests moved to another host by live migration. */
  readonly migrated: readonly Instance[];
}

/** The outcome when the hosts had no guests (shared: the common case of a failure). */
const NO_GUESTS: HostDownOutcome = Object.freeze({ killed: Object.freeze([]), migrated: Object.freeze([]) });

/** What a launch needs from a host. */
function requestOf(spec: LaunchSpec): PlacementRequest {
  return { memoryMb: spec.type.memoryMb, milliEcu: Math.round(spec.type.ecu * 1000), diskGb: spec.type.storageGb, group: spec.role };
}
