import type { EventBus, Simulation } from '../engine/index.js';
import type { Ec2Api, RunRequest } from '../cloud/ec2-api.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import type { LiveMetrics } from '../service/live-metrics.js';
import type { ServiceTiers } from '../service/tiers.js';
import type { ScalingActivity, ScalingCause, ScalingEvents } from './events.js';
import { clamp, type PolicyContext, type ScalingMetric, type ScalingPolicy } from './policy.js';
import { intoPaidHourMs, type Candidate, type TerminationPolicy } from './termination/index.js';

/** An auto scaling group as the scenario declares it (times in ms). */
export interface GroupSpec {
  readonly role: string;
  /** The launch template: every member is launched with it (one at a time, `count` 1). */
  readonly template: Omit<RunRequest, 'count' | 'zone'>;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  /** Zones to balance members over, in order of preference for ties. */
  readonly zones: readonly string[];
  /** How often the group checks its members and asks its policies. */
  readonly periodMs: number;
  /** After a policy changes the desired capacity, policies wait this long (scheduled actions do not). */
  readonly cooldownMs: number;
  /** A new member warms up this long after it starts serving: meanwhile the group does not scale in. */
  readonly warmupMs: number;
  /** `service`: a member the front end's checks dropped is unhealthy too (after `graceMs` from launch). */
  readonly health: 'ec2' | 'service';
  readonly graceMs: number;
  /** A leaving member is out of rotation this long before it is terminated. */
  readonly drainMs: number;
  readonly termination: TerminationPolicy;
  /** Scale in only members at least this far into their paid hour (0: at any minute). */
  readonly scaleInAfterMs: number;
  readonly policies: readonly ScalingPolicy[];
}

interface Member {
  readonly inst: Instance;
  leaving: boolean;
}

/**
 * An EC2 auto scaling group (2009, configurable beyond): it keeps `desired` members of its
 * role, balanced over its zones, launching and terminating through the EC2 API exactly as
 * a user's script would (placement, InsufficientInstanceCapacity, boot, billing from
 * launch). Every period it drops members a fault killed (or the front end's checks dropped,
 * with `health: service`), asks its policies for a desired capacity (the largest proposal
 * wins; a cooldown holds policies back after a change, scheduled actions excepted), and
 * launches or terminates the difference: leaving members are chosen by the termination
 * policy among those in the zone with the most members, drained from the rotation first.
 * Nothing in the service layer knows that groups exist.
 */
export class AutoScalingGroup {
  readonly spec: GroupSpec;
  desired: number;
  /** Policy-driven changes of the desired capacity, and replacements of lost members launched. */
  scaleOuts = 0;
  scaleIns = 0;
  replacements = 0;
  /** Every desired capacity the group had, from when: [timeMs, desired]. */
  readonly desiredLog: [number, number][] = [];
  readonly #sim: Simulation;
  readonly #bus: EventBus<ScalingEvents>;
  readonly #api: Ec2Api;
  readonly #tiers: ServiceTiers;
  readonly #tier: number;
  readonly #metrics: LiveMetrics;
  readonly #members: Member[] = [];
  #cooldownUntil = Number.NEGATIVE_INFINITY;
  /** A change of the desired capacity not yet carried out (no room, or nobody far enough into its hour). */
  #owed: { cause: ScalingCause; reason: string; before: number } | undefined;
  readonly #lastAsked: number[];

  constructor(sim: Simulation, bus: EventBus<CloudEvents & ScalingEvents>, api: Ec2Api, tiers: ServiceTiers, metrics: LiveMetrics, spec: GroupSpec) {
    this.#sim = sim;
    this.#bus = bus;
    this.#api = api;
    this.#tiers = tiers;
    this.#metrics = metrics;
    this.spec = spec;
    this.desired = spec.desired;
    this.#lastAsked = spec.policies.map(() => Number.NEGATIVE_INFINITY);
    const tier = tiers.tierOf(spec.role);
    if (tier === undefined) throw new RangeError(`group ${spec.role}: the role is not on the service path`);
    this.#tier = tier;
    bus.on('instance.terminated', (e) => {
      const i = this.#members.findIndex((m) => m.inst === e.instance);
      if (i >= 0) this.#members.splice(i, 1);
    });
  }

  /** Launches the initial capacity and starts the periodic checks (call at time 0, after every observer is attached). */
  start(): void {
    this.desiredLog.push([this.#sim.now, this.desired]);
    this.#owed = { cause: 'scale-out', reason: 'initial capacity', before: 0 };
    this.#reconcile('scale-out', 'initial capacity', 0);
    const tick = (): void => {
      this.#tick();
      this.#sim.schedule(this.spec.periodMs, tick);
    };
    this.#sim.schedule(this.spec.periodMs, tick);
  }

  /** Members launched and not leaving, pending ones included. */
  get size(): number {
    return this.#members.filter((m) => !m.leaving).length;
  }

  /** Members in service: running, in the front end's rotation, not leaving (the capacity the metrics measure). */
  inService(): number {
    return this.#members.filter((m) => !m.leaving && m.inst.state === 'running' && this.#tiers.inRotation(m.inst)).length;
  }

  /** True while some member is booting or has served for less than the warm-up. */
  #warming(now: number): boolean {
    return this.#members.some((m) => !m.leaving && (m.inst.runningMs === undefined || now - m.inst.runningMs < this.spec.warmupMs));
  }

  #tick(): void {
    const now = this.#sim.now;
    // Health: a member the front end's checks dropped while it should serve is replaced.
    if (this.spec.health === 'service') {
      for (const m of this.#members) {
        if (m.leaving || m.inst.state !== 'running' || now - m.inst.launchedMs < this.spec.graceMs) continue;
        if (!this.#tiers.inRotation(m.inst)) this.#terminate(m, 'replace-unhealthy', 'out of the front end\'s rotation (failed its health checks)', this.desired);
      }
    }
    // Policies: the largest proposal; a scheduled one sets the capacity whatever the others say.
    const before = this.desired;
    const ctx = this.#context(now);
    let wanted: number | undefined;
    let reason: () => string = () => '';
    let scheduled = false;
    this.spec.policies.forEach((p, i) => {
      if (now - this.#lastAsked[i]! < p.periodMs - 1e-6) return;
      this.#lastAsked[i] = now;
      const out = p.evaluate(ctx);
      if (out === undefined) return;
      if (out.scheduled === true) {
        wanted = out.desired;
        reason = out.reason;
        scheduled = true;
      } else if (!scheduled && now >= this.#cooldownUntil && (wanted === undefined || out.desired > wanted)) {
        // Members still booting or warming up count toward the capacity: no scale-in below them yet.
        if (out.desired < this.desired && this.#warming(now)) return;
        wanted = out.desired;
        reason = out.reason;
      }
    });
    if (wanted !== undefined) {
      const next = clamp(wanted, this.spec.min, this.spec.max);
      if (next !== before) {
        this.desired = next;
        this.desiredLog.push([now, next]);
        if (next > before) this.scaleOuts++;
        else this.scaleIns++;
        if (!scheduled) this.#cooldownUntil = now + this.spec.cooldownMs;
        this.#owed = { cause: scheduled ? 'scheduled' : next > before ? 'scale-out' : 'scale-in', reason: reason(), before };
      }
    }
    const o = this.#owed;
    if (o !== undefined) this.#reconcile(o.cause, o.reason, o.before);
    else this.#reconcile('replace-unhealthy', 'replacing a member that was lost', before);
  }

  #context(now: number): PolicyContext {
    const inService = this.inService();
    return {
      nowMs: now,
      desired: this.desired,
      min: this.spec.min,
      max: this.spec.max,
      inService,
      metric: (name: ScalingMetric, periodMs: number): number => {
        const t = this.#metrics.tier(this.#tier, now, periodMs);
        switch (name) {
          case 'cpu': return t.servers === 0 ? (t.visitRate > 0 ? 1 : Number.NaN) : t.utilization;
          case 'requests_per_instance': return inService === 0 ? (t.visitRate > 0 ? t.visitRate : Number.NaN) : t.visitRate / inService;
          case 'latency_p95': return t.latencyP95S();
        }
      },
    };
  }

  /** Launches or terminates members until the group holds `desired`. */
  #reconcile(cause: ScalingCause, reason: string, before: number): void {
    const live = this.#members.filter((m) => !m.leaving);
    if (live.length < this.desired) {
      for (let k = live.length; k < this.desired; k++) {
        if (!this.#launch(cause, reason, before)) return; // no room: try again next period
        if (cause === 'replace-unhealthy') this.replacements++;
      }
    } else {
      for (let excess = live.length - this.desired; excess > 0; excess--) {
        const victim = this.#victim(live);
        if (victim === undefined) return; // none far enough into its paid hour: later
        this.#terminate(victim, cause, reason, before);
        live.splice(live.indexOf(victim), 1);
      }
    }
    this.#owed = undefined;
  }

  /** The next member to scale in: in the zone with the most members, first by the termination policy. */
  #victim(live: readonly Member[]): Member | undefined {
    const now = this.#sim.now;
    const eligible = live.filter((m) => intoPaidHourMs(candidate(m.inst), now) >= this.spec.scaleInAfterMs);
    if (eligible.length === 0) return undefined;
    const perZone = new Map<string, number>();
    for (const m of live) perZone.set(m.inst.spec.zone, (perZone.get(m.inst.spec.zone) ?? 0) + 1);
    const most = Math.max(...eligible.map((m) => perZone.get(m.inst.spec.zone)!));
    const pool = eligible.filter((m) => perZone.get(m.inst.spec.zone) === most);
    const first = this.spec.termination.order(pool.map((m) => candidate(m.inst)), now)[0]!;
    return pool.find((m) => m.inst.id === first.id);
  }

  #launch(cause: ScalingCause, reason: string, before: number): boolean {
    const zone = this.#zoneForLaunch();
    const out = this.#api.runInstances({ ...this.spec.template, count: 1, zone });
    const inst = out.instances[0];
    this.#emit({ activity: 'launch', cause, instanceId: inst?.id ?? '', status: inst === undefined ? out.failures[0] ?? 'refused' : 'ok', desiredBefore: before, reason });
    if (inst === undefined) return false;
    this.#members.push({ inst, leaving: false });
    return true;
  }

  /** Drains `m` from the rotation, then terminates it `drainMs` later (at once when `drainMs` is 0). */
  #terminate(m: Member, cause: ScalingCause, reason: string, before: number): void {
    m.leaving = true;
    this.#tiers.drain(m.inst);
    this.#emit({ activity: 'terminate', cause, instanceId: m.inst.id, status: 'ok', desiredBefore: before, reason });
    if (this.spec.drainMs > 0) this.#sim.schedule(this.spec.drainMs, () => this.#api.terminateInstances([m.inst]));
    else this.#api.terminateInstances([m.inst]);
  }

  #zoneForLaunch(): string {
    const counts = new Map(this.spec.zones.map((z) => [z, 0]));
    for (const m of this.#members) if (!m.leaving && counts.has(m.inst.spec.zone)) counts.set(m.inst.spec.zone, counts.get(m.inst.spec.zone)! + 1);
    let best = this.spec.zones[0]!;
    for (const z of this.spec.zones) if (counts.get(z)! < counts.get(best)!) best = z;
    return best;
  }

  #emit(a: Omit<ScalingActivity, 'timeMs' | 'group' | 'desiredAfter'>): void {
    this.#bus.emit('scaling.activity', { ...a, timeMs: this.#sim.now, group: this.spec.role, desiredAfter: this.desired });
  }
}

function candidate(inst: Instance): Candidate {
  return { id: inst.id, launchedMs: inst.launchedMs, launchOrder: inst.launchOrder };
}
