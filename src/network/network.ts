import type { EventBus, Simulation } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import { AddressLedger, type HistoryView, type Holder } from './address-ledger.js';
import { AddressPlane } from './address-plane.js';
import { AddressPool } from './address-pool.js';
import { ElasticIps, type ElasticIpOptions } from './elastic-ips.js';
import type { NetworkEvents } from './events.js';
import { parseIpv4, type Cidr } from './ipv4.js';
import { Reachability } from './reachability.js';
import { createReusePolicy, type ReusePolicyName } from './reuse/index.js';
import { SecurityGroups } from './security-groups.js';
import { PeerTrafficMeter, type PeerFlow } from './peer-traffic.js';
import { createSharedPool, type ChurnOptions } from './shared-pool/index.js';
import { TrafficMeter, type TrafficRates } from './traffic-meter.js';

/** How the network is set up. */
export interface NetworkOptions {
  /** RFC 1918 block our instances' private addresses come from. */
  readonly privatePool: Cidr;
  /** Public block shared by our dynamic addresses, elastic IPs and other customers. */
  readonly publicPool: Cidr;
  readonly reuse: ReusePolicyName;
  readonly churn: ChurnOptions;
  readonly elastic: ElasticIpOptions;
  /** Traffic figures by role, bytes per ms per direction. */
  readonly traffic: ReadonlyMap<string, TrafficRates>;
  /** Traffic between roles (free in a zone on private addresses, regional otherwise). */
  readonly peers?: readonly PeerFlow[];
  /** Calendar instant of simulated time 0, epoch ms (for monthly totals). */
  readonly startEpochMs: number;
  /** Keep every address's holder history, not only ours (tests). */
  readonly recordAll?: boolean;
}

/**
 * The network of a 2008 EC2 region as one of its customers meets it. Every instance gets,
 * as it is placed (`instance.pending`), a private address and a dynamic public one mapped
 * by 1:1 NAT, and gives both back when it terminates (a reboot keeps them). Other
 * customers churn through the same public pool. Elastic IPs, security groups, the
 * reachability of flows and the traffic meters hang off this object, which the DNS and
 * billing layers use.
 *
 * An exhausted pool is an outcome, not a crash: the instance runs without the address
 * (unreachable) and `address.exhausted` says why. `admission()` tells a launch in advance
 * whether the pools can serve it, for a cloud that checks before placing.
 *
 * Other customers' churn costs in proportion to the addresses the results can see (ours,
 * and any somebody asks about), not to its rate: see SharedPool.
 *
 * Random streams: `network.reuse.private` (which free private address a random pool hands
 * out), `network.reuse.public` (which public address our takes get), `network.churn` (per
 * followed public address: waits and other customers' holding times) and
 * `network.churn.arrivals` (counts of other customers' takes, oldest-first).
 */
export class Network {
  readonly groups = new SecurityGroups();
  readonly plane: AddressPlane;
  readonly eips: ElasticIps;
  readonly meter: TrafficMeter;
  readonly reach: Reachability;
  readonly #sim: Simulation;

  constructor(sim: Simulation, bus: EventBus<CloudEvents & NetworkEvents>, options: NetworkOptions) {
    this.#sim = sim;
    const privatePool = new AddressPool(options.privatePool, (n) => createReusePolicy(options.reuse, n, sim.random('network.reuse.private')));
    const publicPool = createSharedPool(options.reuse, options.publicPool, options.churn, {
      choice: sim.random('network.reuse.public'), arrivals: sim.random('network.churn.arrivals'), family: sim.family('network.churn'),
    });
    this.plane = new AddressPlane(() => sim.now, bus, { privatePool, publicPool }, new AddressLedger({ recordAll: options.recordAll ?? false }));
    this.eips = new ElasticIps(sim, bus, this.plane, options.elastic);
    this.meter = new TrafficMeter(bus, options.traffic, options.startEpochMs);
    new PeerTrafficMeter(bus, this.meter, options.peers ?? [], options.startEpochMs);
    this.reach = new Reachability(this.plane, this.groups);
    bus.on('instance.pending', (e) => this.plane.attach(e.instance));
    bus.on('instance.terminated', (e) => {
      this.eips.instanceTerminated(e.instance);
      this.plane.detach(e.instance);
    });
  }

  /** Starts the other customers' churn (call once, at time 0, before any launch). */
  start(): void {
    this.plane.publicPool.start(this.#sim.now);
  }

  /** Brings other customers' takes and releases of followed addresses up to now (before reading results). */
  settle(): void {
    this.plane.sync();
  }

  /** What the DNS layer reads: every recorded holding of an address, up to now. */
  ledgerView(): { history(ip: number): HistoryView } {
    return { history: (ip) => this.plane.history(ip) };
  }

  /**
   * Who holds `ip` (dotted) now: one of our instances (and through which kind of address),
   * another customer, our unmapped elastic IP, or nobody. A public address nobody followed
   * so far is followed from now on, starting in the state a stationary pool gives it.
   */
  currentHolder(ip: string): Holder {
    return this.plane.holderNow(parseIpv4(ip));
  }

  /** Who held `ip` (dotted) at `timeMs`; undefined where no history was kept (an address we never held, before its current holder). */
  holderAt(ip: string, timeMs: number): Holder | undefined {
    this.plane.sync();
    return this.plane.ledger.holderAt(parseIpv4(ip), timeMs);
  }

  /** "Whose machine is at this address now?": our instance behind `ip` (public, elastic or private), or undefined. */
  instanceAt(ip: string): Instance | undefined {
    const h = this.currentHolder(ip);
    return h.kind === 'instance' ? h.instance : undefined;
  }

  /** Whether a new instance could get both its addresses now: undefined, or EC2's error code and a message. */
  admission(): { readonly code: string; readonly message: string } | undefined {
    const { privatePool, publicPool } = this.plane;
    if (privatePool.free === 0) return { code: 'InsufficientAddressCapacity', message: `no free address in ${privatePool.cidr.text}` };
    this.plane.sync();
    if (!publicPool.admits(this.#sim.now)) return { code: 'InsufficientAddressCapacity', message: `no free address in ${publicPool.cidr.text}` };
    return undefined;
  }
}
