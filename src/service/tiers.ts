import type { EventBus, EventHandle, Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import { userDataRefs } from '../cloud/user-data.js';
import { CAUSE, CAUSES, type Cause } from './request-path.js';
import type { Snapshot, TierSnapshot, TierSpec, TiersSpec } from './tier-spec.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type { TierKind, TierSpec, TiersSpec, TierSnapshot, Snapshot } from './tier-spec.js';

type Rotation = 'out' | 'joining' | 'in' | 'leaving';

class Member {
  readonly inst: Instance;
  readonly tier: number;
  readonly phaseMs: number;
  serving = false;
  rotation: Rotation = 'out';
  event: EventHandle | undefined;
  /** Instances of roles further down the path that this one's configuration points at. */
  bound: Instance[];
  /** Roles further down whose reference found no live instance at launch (an empty address). */
  missing: string[];
  reconfigure: EventHandle | undefined;
  /** A database has loaded its backup (it keeps it across reboots). */
  restored = false;
  /** `bound` and `missing` have been read from the launched instance. */
  boundYet = false;
  /** Taken out of rotation on purpose (it is about to be terminated): it gets no more requests. */
  draining = false;

  constructor(inst: Instance, tier: number, phaseMs: number, bound: Instance[], missing: string[]) {
    this.inst = inst;
    this.tier = tier;
    this.phaseMs = phaseMs;
    this.bound = bound;
    this.missing = missing;
  }
}

/**
 * The service's tiers as the run goes: which instances of each role on the path serve,
 * which are in the front end's rotation (admitted after `rise` passed checks once serving,
 * dropped after `failures` missed checks once stopped, checks at each instance's own
 * phase), which point at a dead dependency, which databases are still restoring their
 * backup. It watches instance events and schedules only the check times it needs; every
 * change is recorded as a snapshot, so the accounting at the end of the run can cut time
 * exactly where the service changed.
 */
export class ServiceTiers {
  readonly spec: TiersSpec;
  /** Snapshots in time order; the first at time 0. */
  readonly log: Snapshot[] = [];
  /** When every tier first had a serving instance (the service went live); undefined until then. */
  liveMs: number | undefined;
  /** Stale backends pointed at a serving dependency by the automation. */
  reconfigurations = 0;
  /** Database restores and their total time, ms. */
  restores = 0;
  restoreMs = 0;
  /** Front ends that users can reach (the DNS layer's view); all serving ones when unset. */
  frontEndActive: ((inst: Instance) => boolean) | undefined;
  /** Extra condition for going live (e.g. the DNS record published). */
  liveGate: (() => boolean) | undefined;
  readonly #sim: Simulation;
  readonly #cloud: Cloud;
  readonly #rng: () => number;
  readonly #tierOf = new Map<string, number>();
  readonly #members: Member[][];
  readonly #byInst = new Map<Instance, Member>();
  /** Per database tier: bytes in S3 (data set plus backed-up writes of instances that ended). */
  readonly #backedUp: number[];

  constructor(sim: Simulation, bus: EventBus<CloudEvents>, cloud: Cloud, spec: TiersSpec) {
    this.#sim = sim;
    this.#cloud = cloud;
    this.spec = spec;
    this.#rng = sim.random('service.checks');
    spec.tiers.forEach((t, i) => this.#tierOf.set(t.role, i));
    this.#members = spec.tiers.map(() => []);
    this.#backedUp = spec.tiers.map((t) => t.dataBytes);
    bus.on('instance.pending', (e) => {
      const tier = this.#tierOf.get(e.instance.spec.role);
      if (tier !== undefined) this.#add(e.instance, tier);
      this.update();
    });
    bus.on('instance.running', (e) => this.#running(e.instance, e.reboot));
    const stop = (inst: Instance): void => {
      const m = this.#byInst.get(inst);
      if (m !== undefined && m.serving) this.#stopServing(m);
      else if (m !== undefined && this.spec.tiers[m.tier]!.kind === 'database') this.#cancel(m); // a restore under way stops
      this.update();
    };
    bus.on('instance.rebooting', (e) => stop(e.instance));
    bus.on('instance.shutting-down', (e) => stop(e.instance));
    bus.on('instance.terminated', (e) => {
      const m = this.#byInst.get(e.instance);
      if (m !== undefined) this.#ended(m);
      stop(e.instance);
    });
    bus.on('instance.migrated', () => this.update());
    this.update();
  }

  /** The tiers now. */
  get current(): Snapshot {
    return this.log[this.log.length - 1]!;
  }

  /** Index of `role` on the path, or undefined. */
  tierOf(role: string): number | undefined {
    return this.#tierOf.get(role);
  }

  /** Instances of tier `tier` that are serving now (oldest launch first). */
  serving(tier: number): Instance[] {
    return this.#members[tier]!.filter((m) => m.serving).map((m) => m.inst);
  }

  /**
   * Takes `inst` out of the front end's rotation at once, on purpose (connection draining
   * before a scale-in): it gets no new requests, so none fail. False if it is not a member.
   */
  drain(inst: Instance): boolean {
    const m = this.#byInst.get(inst);
    if (m === undefined) return false;
    m.draining = true;
    this.#cancel(m);
    m.rotation = 'out';
    this.update();
    return true;
  }

  /** Whether `inst` is in its tier's rotation (or, for the front end and a database, serving). */
  inRotation(inst: Instance): boolean {
    const m = this.#byInst.get(inst);
    if (m === undefined) return false;
    return this.spec.tiers[m.tier]!.kind === 'backend' ? m.rotation === 'in' || m.rotation === 'leaving' : m.serving && !m.draining;
  }

  /** Hour of the day (0-23) at simulated time `tMs`. */
  hourAt(tMs: number): number {
    return Math.floor(((((tMs + this.spec.dayOffsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  }

  /** Re-reads every tier and records a snapshot if anything changed. */
  update(): void {
    const now = this.#sim.now;
    const pools = this.#members.map((ms, i) => ms.filter((m) => this.#inPool(m, i)));
    const tiers = this.spec.tiers.map((t, i) => this.#tierSnapshot(t, i, pools));
    const last = this.log[this.log.length - 1];
    if (last !== undefined && sameTiers(last.tiers, tiers)) return;
    if (last !== undefined && last.timeMs === now) this.log[this.log.length - 1] = { timeMs: now, tiers };
    else this.log.push({ timeMs: now, tiers });
    if (this.liveMs === undefined && tiers.every((t) => t.servers > 0) && (this.liveGate?.() ?? true)) this.liveMs = now;
  }

  #add(inst: Instance, tier: number): void {
    const m = new Member(inst, tier, this.#rng() * this.spec.check.everyMs, [], []);
    this.#members[tier]!.push(m);
    this.#byInst.set(inst, m);
  }

  /** What the member's user-data points at further down the path (resolved by the API just after launch). */
  #bind(m: Member): void {
    const inst = m.inst;
    const later = new Set(this.spec.tiers.slice(m.tier + 1).map((t) => t.role));
    m.bound = inst.userDataRefs.filter((r) => later.has(r.spec.role));
    const resolved = new Set(m.bound.map((r) => r.spec.role));
    m.missing = [...new Set(userDataRefs(inst.spec.userData ?? '').map((r) => r.role))].filter((r) => later.has(r) && !resolved.has(r));
    m.boundYet = true;
  }

  #running(inst: Instance, reboot: boolean): void {
    const m = this.#byInst.get(inst);
    if (m === undefined) return this.update();
    if (!m.boundYet) this.#bind(m);
    const t = this.spec.tiers[m.tier]!;
    if (t.kind === 'database' && !m.restored) {
      // A new database loads the data set and every backed-up write from S3 before it serves
      // (a reboot keeps the instance store: only an unfinished restore starts over).
      const ms = this.#backedUp[m.tier]! / this.#cloud.s3BytesPerMs;
      if (!reboot) {
        this.restores++;
        this.restoreMs += ms;
      }
      if (ms > 0) {
        m.event = this.#sim.schedule(ms, () => {
          m.event = undefined;
          m.restored = true;
          this.#startServing(m);
          this.update();
        });
        return this.update();
      }
      m.restored = true;
    }
    this.#startServing(m);
    this.update();
  }

  #startServing(m: Member): void {
    m.serving = true;
    if (this.spec.tiers[m.tier]!.kind !== 'backend' || m.draining) return;
    const { everyMs, rise } = this.spec.check;
    if (m.rotation === 'leaving') {
      // Back before the checks gave up on it: it never left.
      this.#cancel(m);
      m.rotation = 'in';
    } else if (m.rotation === 'out') {
      const now = this.#sim.now;
      const first = m.phaseMs + Math.ceil((now - m.phaseMs) / everyMs) * everyMs;
      m.rotation = 'joining';
      m.event = this.#sim.at(first + (rise - 1) * everyMs, () => {
        m.event = undefined;
        m.rotation = 'in';
        this.update();
      });
    }
  }

  #stopServing(m: Member): void {
    m.serving = false;
    if (m.rotation === 'joining') {
      this.#cancel(m);
      m.rotation = 'out';
    } else if (m.rotation === 'in') {
      const { everyMs, failures } = this.spec.check;
      const now = this.#sim.now;
      const firstMiss = m.phaseMs + (Math.floor((now - m.phaseMs) / everyMs) + 1) * everyMs;
      m.rotation = 'leaving';
      m.event = this.#sim.at(firstMiss + (failures - 1) * everyMs, () => {
        m.event = undefined;
        m.rotation = 'out';
        this.update();
      });
    }
  }

  #ended(m: Member): void {
    const t = this.spec.tiers[m.tier]!;
    const inst = m.inst;
    if (m.reconfigure !== undefined) this.#sim.cancel(m.reconfigure);
    m.reconfigure = undefined;
    // A database's writes that reached S3 before it ended: every completed backup interval.
    const rate = inst.spec.diskWriteBytesPerMs;
    if (t.kind === 'database' && rate !== undefined && inst.runningMs !== undefined) {
      const ranMs = this.#sim.now - inst.runningMs;
      const every = inst.spec.backupEveryMs;
      if (every !== undefined) this.#backedUp[m.tier]! += rate * Math.floor(ranMs / every) * every;
    }
  }

  #cancel(m: Member): void {
    if (m.event !== undefined) this.#sim.cancel(m.event);
    m.event = undefined;
  }

  /** In the tier's pool of healthy servers (before staleness, which needs every pool). */
  #inPool(m: Member, tier: number): boolean {
    if (!m.serving || m.draining) return false;
    const kind = this.spec.tiers[tier]!.kind;
    if (kind === 'front-end') return this.frontEndActive?.(m.inst) ?? true;
    if (kind === 'database') return true;
    return m.rotation === 'in' || m.rotation === 'leaving';
  }

  /** Why a request sent through `m` fails, if its configuration points at a dead instance; else undefined. */
  #staleCause(m: Member, pools: readonly Member[][]): Cause | undefined {
    const cause = (role: string): Cause => {
      const tier = this.#tierOf.get(role)!;
      if (pools[tier]!.length > 0) return 'stale_config';
      return this.spec.tiers[tier]!.kind === 'database' ? 'db_down' : 'backend_down';
    };
    for (const ref of m.bound) if (!ref.alive) return cause(ref.spec.role);
    for (const role of m.missing) return cause(role);
    return undefined;
  }

  #tierSnapshot(t: TierSpec, i: number, pools: readonly Member[][]): TierSnapshot {
    const members = this.#members[i]!;
    const immediate = new Float64Array(CAUSES.length);
    let running = 0;
    let pending = 0;
    for (const m of members) {
      if (m.inst.state === 'running') running++;
      else if (m.inst.state === 'pending') pending++;
    }
    const healthy: Member[] = [];
    let inRotation = 0;
    if (t.kind === 'backend') {
      const rot = members.filter((m) => m.rotation === 'in' || m.rotation === 'leaving');
      inRotation = rot.length;
      for (const m of rot) {
        if (!m.serving) {
          immediate[CAUSE.backend_down]! += 1 / rot.length;
          continue;
        }
        const cause = this.#staleCause(m, pools);
        if (cause === undefined) healthy.push(m);
        else {
          immediate[CAUSE[cause]]! += 1 / rot.length;
          this.#scheduleReconfigure(m, cause);
        }
      }
      if (rot.length === 0) immediate[CAUSE.backend_down] = 1;
    } else {
      for (const m of pools[i]!) {
        const cause = this.#staleCause(m, pools);
        if (cause === undefined) healthy.push(m);
        else this.#scheduleReconfigure(m, cause);
      }
      inRotation = pools[i]!.length;
      const stale = inRotation - healthy.length;
      if (inRotation === 0) immediate[t.kind === 'database' ? CAUSE.db_down : CAUSE.backend_down] = 1;
      else if (stale > 0) {
        // A front end or database pointing at a dead dependency fails its share like a backend.
        for (const m of pools[i]!) {
          const cause = this.#staleCause(m, pools);
          if (cause !== undefined) immediate[CAUSE[cause]]! += 1 / inRotation;
        }
      }
    }
    const ratePerHour = new Float64Array(24);
    if (healthy.length > 0) {
      for (const m of healthy) {
        const base = t.perEcu ? t.capacityPerS * m.inst.spec.type.ecu : t.capacityPerS;
        const steal = this.#cloud.stealShares(m.inst);
        for (let h = 0; h < 24; h++) ratePerHour[h]! += base * (1 - (steal?.[h] ?? 0));
      }
      for (let h = 0; h < 24; h++) ratePerHour[h]! /= healthy.length;
    }
    return { running, pending, inRotation, immediate, servers: healthy.length, healthy: healthy.map((m) => m.inst), ratePerHour };
  }

  /** With `reconfigure` set, a backend pointing at a dead dependency that serves again is repointed after the delay. */
  #scheduleReconfigure(m: Member, cause: Cause): void {
    const delay = this.spec.reconfigureMs;
    if (delay === undefined || cause !== 'stale_config' || m.reconfigure !== undefined) return;
    m.reconfigure = this.#sim.schedule(delay, () => {
      m.reconfigure = undefined;
      if (!m.inst.alive) return;
      const servingOf = (role: string): Instance | undefined => this.#members[this.#tierOf.get(role)!]!.find((x) => x.serving)?.inst;
      m.bound = m.bound.map((ref) => (ref.alive ? ref : servingOf(ref.spec.role) ?? ref));
      for (const role of m.missing) {
        const inst = servingOf(role);
        if (inst !== undefined) m.bound.push(inst);
      }
      m.missing = m.missing.filter((role) => servingOf(role) === undefined);
      this.reconfigurations++;
      this.update();
    });
  }
}

function sameTiers(a: readonly TierSnapshot[], b: readonly TierSnapshot[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.running !== y.running || x.pending !== y.pending || x.inRotation !== y.inRotation || x.servers !== y.servers) return false;
    for (let k = 0; k < x.healthy.length; k++) if (x.healthy[k] !== y.healthy[k]) return false;
    for (let c = 0; c < x.immediate.length; c++) if (x.immediate[c] !== y.immediate[c]) return false;
    for (let h = 0; h < 24; h++) if (x.ratePerHour[h] !== y.ratePerHour[h]) return false;
  }
  return true;
}
