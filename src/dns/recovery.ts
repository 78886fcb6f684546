import type { EventBus, Simulation } from '../engine/index.js';
import type { Ec2Api } from '../cloud/ec2-api.js';
import type { CloudEvents } from '../cloud/events.js';
import { Ec2ApiError } from '../cloud/images.js';
import type { Instance } from '../cloud/instance.js';
import type { ElasticIp, ElasticIps } from '../network/elastic-ips.js';
import type { ServingLog } from './serving-log.js';
import type { AuthoritativeZone } from './zone.js';

/** How the service recovers when a front end stops (times in ms). */
export interface RecoverySpec {
  /** The role users reach. */
  readonly frontEnd: string;
  /** Health checks every `everyMs`; `failures` missed in a row declare the front end dead. */
  readonly checkEveryMs: number;
  readonly failures: number;
  /** Launch a replacement for a dead front end (or a new standby after a takeover). */
  readonly replace: boolean;
  /** `dns`: the automation updates the A record; `self-register`: the replacement does at boot; `elastic-ip`: remap. */
  readonly method: 'dns' | 'self-register' | 'elastic-ip';
  /** From the decision to change the record until the authoritative servers answer with it. */
  readonly dnsUpdateMs: number;
  /** Front-end instances kept running outside the record, ready to take over. */
  readonly standby: number;
  /** The A record(s) that list the front ends. */
  readonly records: readonly string[];
}

/** One front end's stop and the infrastructure's answer to it. */
export interface Incident {
  readonly index: number;
  readonly instance: Instance;
  readonly cause: string;
  readonly startMs: number;
  detectMs: number | undefined;
  /** A replacement (or promoted standby) serving. */
  replacedMs: number | undefined;
  replacement: Instance | undefined;
  /** The authoritative answer (or elastic IP) reaches the service again. */
  recoveredMs: number | undefined;
}

/**
 * Recovery automation as administrators scripted it in 2008: health checks notice a dead
 * front end, a replacement is launched (or a standby promoted), and then the A record is
 * changed or the elastic IP remapped. Detection needs no polling events: checks run at a
 * fixed phase every `checkEveryMs`, so the time of the `failures`-th missed check is known
 * when the front end stops.
 */
export class Recovery {
  readonly incidents: Incident[] = [];
  /** When the record was first published (clients start then); undefined until it is. */
  publishedMs: number | undefined;
  /** Called once, when the record is first published. */
  onPublished: ((timeMs: number) => void) | undefined;
  /** Called when the front ends in the record change (published, dropped at detection, replaced). */
  onActiveChange: (() => void) | undefined;
  readonly #sim: Simulation;
  readonly #api: Ec2Api;
  readonly #zone: AuthoritativeZone;
  readonly #spec: RecoverySpec;
  readonly #eips: ElasticIps | undefined;
  readonly #serving: ServingLog;
  readonly #rng: () => number;
  readonly #active: Instance[] = [];
  readonly #standby: Instance[] = [];
  readonly #eipOf = new Map<Instance, ElasticIp>();
  readonly #phase = new Map<Instance, number>();
  readonly #awaiting = new Map<Instance, Incident>();
  #publishing = false;
  /** Launches that could not be placed; retried at each health check. */
  launchFailures = 0;

  /** `initialActive`: how many of the role's first launches serve; the ones after them are standbys. */
  constructor(sim: Simulation, bus: EventBus<CloudEvents>, api: Ec2Api, zone: AuthoritativeZone, spec: RecoverySpec, serving: ServingLog, eips: ElasticIps | undefined, initialActive: number) {
    this.#sim = sim;
    this.#api = api;
    this.#zone = zone;
    this.#spec = spec;
    this.#eips = eips;
    this.#serving = serving;
    this.#rng = sim.random('dns.recovery');
    // The fleet's first front ends serve (in the record); the last `standby` of them wait.
    bus.on('instance.pending', (e) => {
      const inst = e.instance;
      if (inst.spec.role !== spec.frontEnd || this.publishedMs !== undefined || this.#awaiting.has(inst)) return;
      if (this.#active.length < initialActive) this.#active.push(inst);
      else this.#standby.push(inst);
    });
    bus.on('instance.running', (e) => this.#running(e.instance));
    serving.onStop = (inst, t) => this.#stopped(inst, t);
  }

  #running(inst: Instance): void {
    if (inst.spec.role !== this.#spec.frontEnd) return;
    if (!this.#phase.has(inst)) this.#phase.set(inst, this.#rng() * this.#spec.checkEveryMs);
    if (this.publishedMs === undefined) {
      if (this.#active.length > 0 && this.#active.every((i) => this.#serving.serving(i, this.#sim.now))) this.#publishInitial();
      return;
    }
    const incident = this.#awaiting.get(inst);
    if (incident === undefined) return;
    this.#awaiting.delete(inst);
    if (this.#standby.includes(inst)) return; // a new standby: nothing to publish
    incident.replacedMs = this.#sim.now;
    this.#active.push(inst);
    this.onActiveChange?.();
    this.#publish(incident);
  }

  #publishInitial(): void {
    if (this.#publishing) return;
    this.#publishing = true;
    const now = this.#sim.now;
    if (this.#spec.method === 'elastic-ip') {
      let effective = now;
      for (const inst of this.#active) {
        const eip = this.#eips!.allocate();
        this.#eipOf.set(inst, eip);
        effective = Math.max(effective, this.#eips!.associate(eip, inst));
      }
      const addresses = [...this.#eipOf.values()].map((e) => e.address);
      this.#sim.at(effective, () => {
        for (const r of this.#spec.records) this.#zone.set(r, addresses, this.#sim.now);
        this.#published(this.#sim.now);
      });
      return;
    }
    for (const r of this.#spec.records) this.#zone.set(r, this.#addresses(), now);
    this.#published(now);
  }

  #published(timeMs: number): void {
    this.publishedMs = timeMs;
    this.onPublished?.(timeMs);
    this.onActiveChange?.();
  }

  /** Whether `inst` is a front end in the record (users can reach it once the record says so). */
  isActive(inst: Instance): boolean {
    return this.publishedMs !== undefined && this.#active.includes(inst);
  }

  /**
   * The front ends' public addresses. With `self-register`, each instance's own boot script
   * reads it from the metadata service (public-ipv4), as administrators scripted it in 2008.
   */
  #addresses(): string[] {
    const own = (i: Instance): string | undefined => (this.#spec.method === 'self-register' ? i.metadata()['public-ipv4'] || undefined : i.publicIp);
    return this.#active.map(own).filter((a): a is string => a !== undefined);
  }

  #stopped(inst: Instance, t: number): void {
    if (this.publishedMs === undefined || !this.#active.includes(inst)) return;
    const incident: Incident = {
      index: this.incidents.length, instance: inst, cause: inst.endReason ?? (inst.state === 'rebooting' ? 'reboot' : inst.state === 'shutting-down' ? 'user-terminated' : inst.state), startMs: t,
      detectMs: undefined, replacedMs: undefined, replacement: undefined, recoveredMs: undefined,
    };
    this.incidents.push(incident);
    // Checks run at phase + k * every; the first one after the stop misses, and so do the next ones.
    const every = this.#spec.checkEveryMs;
    const phase = this.#phase.get(inst) ?? 0;
    const firstMiss = phase + (Math.floor((t - phase) / every) + 1) * every;
    this.#sim.at(firstMiss + (this.#spec.failures - 1) * every, () => this.#detected(incident));
  }

  #detected(incident: Incident): void {
    const inst = incident.instance;
    incident.detectMs = this.#sim.now;
    if (this.#serving.serving(inst, this.#sim.now)) {
      // It came back (a reboot) before the checks gave up on it.
      incident.recoveredMs = this.#sim.now;
      return;
    }
    this.#active.splice(this.#active.indexOf(inst), 1);
    this.onActiveChange?.();
    const standby = this.#standby.find((s) => this.#serving.serving(s, this.#sim.now));
    if (standby !== undefined) {
      this.#standby.splice(this.#standby.indexOf(standby), 1);
      this.#active.push(standby);
      this.onActiveChange?.();
      incident.replacement = standby;
      incident.replacedMs = this.#sim.now;
      this.#publish(incident, inst);
      if (this.#spec.replace) this.#launch(incident, true);
      return;
    }
    if (this.#spec.replace) this.#launch(incident, false);
    else if (this.#spec.method !== 'elastic-ip' && this.#active.length > 0) this.#publish(incident);
  }

  /** Launches a replacement (or a new standby); retries at the next health check when there is no room. */
  #launch(incident: Incident, asStandby: boolean): void {
    const dead = incident.instance;
    const s = dead.spec;
    let inst: Instance | undefined;
    try {
      inst = this.#api.runInstances({ image: s.image.id, count: 1, type: s.type.name, groups: s.groups, key: s.keyName, userData: s.userData, role: s.role, cpu: s.cpu, dirtyBytesPerMs: s.dirtyBytesPerMs, diskWriteBytesPerMs: s.diskWriteBytesPerMs, backupEveryMs: s.backupEveryMs }).instances[0];
    } catch (e) {
      // Refused outright (e.g. its key pair was deleted: InvalidKeyPair.NotFound): retried like no room.
      if (!(e instanceof Ec2ApiError)) throw e;
    }
    if (inst === undefined) {
      this.launchFailures++;
      this.#sim.schedule(this.#spec.checkEveryMs, () => this.#launch(incident, asStandby));
      return;
    }
    if (asStandby) this.#standby.push(inst);
    else incident.replacement = inst;
    this.#awaiting.set(inst, incident);
    if (this.#spec.method === 'elastic-ip' && !asStandby) this.#eipOf.set(inst, this.#eipOf.get(dead)!);
  }

  /** Points the service at the current front ends: record update after the DNS delay, or an elastic IP remap. */
  #publish(incident: Incident, replaced?: Instance): void {
    if (this.#spec.method === 'elastic-ip') {
      const target = incident.replacement;
      const eip = this.#eipOf.get(replaced ?? incident.instance) ?? this.#eipOf.get(target!);
      if (target === undefined || eip === undefined) return;
      this.#eipOf.set(target, eip);
      const effective = this.#eips!.remap(eip, target);
      this.#sim.at(effective, () => {
        if (incident.recoveredMs === undefined) incident.recoveredMs = this.#sim.now;
      });
      return;
    }
    const addresses = this.#addresses();
    this.#sim.schedule(this.#spec.dnsUpdateMs, () => {
      for (const r of this.#spec.records) this.#zone.set(r, addresses, this.#sim.now);
      if (incident.recoveredMs === undefined) incident.recoveredMs = this.#sim.now;
    });
  }
}
