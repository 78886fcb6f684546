import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import { userDataRefs } from '../cloud/user-data.js';
import { monthSpans } from './calendar.js';
import type { TrafficMeter } from './traffic-meter.js';

/** Bytes one role sends to another, bytes per ms, split evenly over every pair of their running instances. */
export interface PeerFlow {
  readonly from: string;
  readonly to: string;
  readonly bytesPerMs: number;
}

/**
 * True when `inst` reaches instances of `role` by a public address: its user-data names
 * `${role.public_ip}` or `${role.public_dns}`. (ephemera takes the public DNS name to resolve
 * to the public address from inside EC2 as well.)
 */
export function reachesByPublicAddress(inst: Instance, role: string): boolean {
  const template = inst.spec.userData;
  if (template === undefined) return false;
  return userDataRefs(template).some((r) => r.role === role && (r.field === 'public_ip' || r.field === 'public_dns'));
}

/**
 * For each instance of `side`, how many instances of `other` it reaches at the regional
 * rate: all of them when it reaches `otherRole` by a public address, else those in another
 * zone or that reach `role` by a public address themselves (replies go back the way the
 * connection came). O(side + other).
 */
export function regionalPairs(side: readonly Instance[], other: readonly Instance[], otherRole: string, role: string): number[] {
  const privateByZone = new Map<string, number>();
  for (const o of other) if (!reachesByPublicAddress(o, role)) privateByZone.set(o.spec.zone, (privateByZone.get(o.spec.zone) ?? 0) + 1);
  return side.map((i) => (reachesByPublicAddress(i, otherRole) ? other.length : other.length - (privateByZone.get(i.spec.zone) ?? 0)));
}

interface FlowState {
  readonly flow: PeerFlow;
  lastMs: number;
}

/**
 * Meters the traffic between our roles (`traffic: { web: { to: { db: 40GB/d } } }`) as EC2
 * billed it from 2009 at the latest: free between two instances of one availability zone on
 * their private addresses, at the regional rate otherwise, that is between zones, or when
 * either side reaches the other by its public (or elastic) address, through the NAT. A pair
 * is public when the sender's user-data names the receiver's role by `public_ip`/`public_dns`
 * or the receiver's names the sender's (replies go back the way the connection came).
 *
 * A flow's rate is split evenly over every (sender, receiver) pair of running instances, so
 * its total does not depend on how many run; while either role has none running, nothing
 * flows. Each byte is counted at both ends, as EC2 charged it "in/out": the sender's and the
 * receiver's `regional` (or, when free, `internal`) bytes in the traffic meter. Bytes are
 * settled exactly whenever a role of a flow starts or stops running, and at the end: no
 * event is scheduled, nothing polls. A settlement costs O(senders + receivers).
 */
export class PeerTrafficMeter {
  readonly #meter: TrafficMeter;
  readonly #startEpochMs: number;
  readonly #flows: FlowState[];
  /** Running instances per role, in the order they started. */
  readonly #running = new Map<string, Set<Instance>>();

  constructor(bus: EventBus<CloudEvents>, meter: TrafficMeter, flows: readonly PeerFlow[], startEpochMs: number) {
    this.#meter = meter;
    this.#startEpochMs = startEpochMs;
    this.#flows = flows.filter((f) => f.bytesPerMs > 0).map((flow) => {
      if (flow.from === flow.to) throw new RangeError(`a role's traffic to itself is not modelled (${flow.from})`);
      return { flow, lastMs: 0 };
    });
    if (this.#flows.length === 0) return;
    for (const f of this.#flows) for (const r of [f.flow.from, f.flow.to]) this.#running.set(r, new Set());
    bus.on('instance.running', (e) => this.#change(e.instance, e.timeMs, true));
    for (const type of ['instance.rebooting', 'instance.shutting-down', 'instance.terminated'] as const) {
      bus.on(type, (e) => this.#change(e.instance, e.timeMs, false));
    }
    meter.addSettler((endMs) => this.settle(endMs));
  }

  /** Meters every flow up to `timeMs` (idempotent; the traffic meter calls it before it reports). */
  settle(timeMs: number): void {
    for (const f of this.#flows) this.#settleFlow(f, timeMs);
  }

  #change(inst: Instance, timeMs: number, join: boolean): void {
    const set = this.#running.get(inst.spec.role);
    if (set === undefined || set.has(inst) === join) return;
    for (const f of this.#flows) if (f.flow.from === inst.spec.role || f.flow.to === inst.spec.role) this.#settleFlow(f, timeMs);
    if (join) set.add(inst);
    else set.delete(inst);
  }

  /** Meters `f` over [lastMs, timeMs) with the running instances of now (they did not change in between). */
  #settleFlow(f: FlowState, timeMs: number): void {
    if (timeMs <= f.lastMs) return;
    const from = f.lastMs;
    f.lastMs = timeMs;
    const senders = [...this.#running.get(f.flow.from)!];
    const receivers = [...this.#running.get(f.flow.to)!];
    if (senders.length === 0 || receivers.length === 0) return;
    const pairs = senders.length * receivers.length;
    // Per sender: how many receivers it reaches at the regional rate (and per receiver the same).
    const sendRegional = regionalPairs(senders, receivers, f.flow.to, f.flow.from);
    const recvRegional = regionalPairs(receivers, senders, f.flow.from, f.flow.to);
    for (const m of monthSpans(this.#startEpochMs, from, timeMs)) {
      const perPair = (f.flow.bytesPerMs * (m.toMs - m.fromMs)) / pairs;
      const book = (inst: Instance, regional: number, total: number): void => {
        if (regional > 0) this.#meter.add(inst, 'regional', perPair * regional, m.fromMs);
        if (total > regional) this.#meter.add(inst, 'internal', perPair * (total - regional), m.fromMs);
      };
      senders.forEach((s, k) => book(s, sendRegional[k]!, receivers.length));
      receivers.forEach((r, k) => book(r, recvRegional[k]!, senders.length));
    }
  }
}
