import { EntityStreams, EventQueue, sampleTruncatedPoisson, type StreamFamily } from '../../engine/index.js';
import { cidrContains, formatIpv4, type Cidr } from '../ipv4.js';
import { AddressIndex } from '../address-index.js';
import { OffsetSet } from '../offset-set.js';
import { TenantOccupancy } from '../tenant-occupancy.js';
import type { ChurnOptions, TenantSink } from './pool.js';

/** What an observed address is doing. */
export const Use = { Ours: 0, Tenant: 1, Free: 2 } as const;
export type Use = (typeof Use)[keyof typeof Use];

const NO_SINK: TenantSink = { tenantTook: () => {}, tenantGave: () => {} };

/**
 * The state both shared-pool policies keep: the block, the addresses observed so far (by
 * index, in typed arrays: offset, use, pending handle), the offsets never observed, the
 * counts, other customers' holdings of observed addresses (a private queue of their
 * returns) and the stationary occupancy of the rest.
 *
 * Random draws, per observed address i (family `network.churn`, entity i): substream 0 for
 * its waits until a take, substream 1 for other customers' holding times.
 */
export class ObservedAddresses {
  readonly cidr: Cidr;
  readonly capacity: number;
  readonly first: number;
  readonly churn: ChurnOptions;
  readonly occupancy: TenantOccupancy;
  sink: TenantSink = NO_SINK;
  /** Churn started (before that, other customers take nothing). */
  active = false;
  /** Per observed index: offset in the block, use, and the handle of its pending entry (a return, or a take). */
  offset = new Uint32Array(64);
  use = new Uint8Array(64);
  handle = new Float64Array(64);
  count = 0;
  ours = 0;
  tenants = 0;
  free = 0;
  /** Changes of state so far (a take decided at one version is valid while it lasts). */
  version = 0;
  readonly unobserved: OffsetSet;
  /** Other customers' returns of observed addresses, by time. */
  readonly returns = new EventQueue<number>();
  readonly waits: EntityStreams;
  readonly #holds: EntityStreams;
  readonly #index = new AddressIndex();

  constructor(cidr: Cidr, churn: ChurnOptions, family: StreamFamily) {
    this.cidr = cidr;
    const reserved = cidr.prefix <= 30 ? 2 : 0;
    this.capacity = cidr.size - reserved;
    this.first = cidr.base + reserved / 2;
    this.churn = churn;
    this.occupancy = new TenantOccupancy(churn.ratePerMs, churn.hold.mean);
    this.unobserved = new OffsetSet(this.capacity);
    this.waits = new EntityStreams(family, 0);
    this.#holds = new EntityStreams(family, 1);
  }

  /** Churn rate now, per ms (0 before `start`). */
  get rate(): number {
    return this.active ? this.churn.ratePerMs : 0;
  }

  contains(ip: number): boolean {
    return cidrContains(this.cidr, ip) && ip >= this.first && ip < this.first + this.capacity;
  }

  ipOf(i: number): number {
    return this.first + this.offset[i]!;
  }

  /** The observed index of `ip`, or -1. */
  indexOf(ip: number): number {
    return this.#index.get(ip);
  }

  /** Addresses never observed. */
  get unobservedCount(): number {
    return this.unobserved.size;
  }

  /**
   * Mean number of free addresses among the unobserved ones: the stationary mean number
   * free in the whole pool (with ours taken out) less the observed free ones, within
   * [0, unobserved]. Before the churn starts, every unobserved address is free.
   */
  meanUnobservedFree(): number {
    const u = this.unobserved.size;
    if (!this.active) return u;
    const f = this.occupancy.meanFree(this.capacity - this.ours) - this.free;
    return Math.min(u, Math.max(0, f));
  }

  /**
   * A draw of the number of free addresses now, observed ones included, at least `minFree`:
   * the pool's stationary law F = c - N with N, the addresses other customers hold, Poisson
   * with mean the offered load truncated to what the observed addresses allow (at least the
   * observed ones they hold, at most everything but `minFree`), c the pool less ours.
   * Before the churn starts every address not ours is free.
   */
  sampleFree(minFree: number, rng: () => number): number {
    const c = this.capacity - this.ours;
    if (!this.active) return c;
    const hi = c - Math.max(minFree, this.free);
    const lo = Math.min(this.tenants, hi);
    return c - sampleTruncatedPoisson(this.occupancy.load, lo, hi, rng);
  }

  /** Starts following a uniformly chosen unobserved address (`u` uniform on [0, 1)) in `use`; returns its index. */
  addRandom(u: number, use: Use): number {
    const offset = this.unobserved.takeRandom(u);
    if (offset === undefined) throw new Error(`pool ${this.cidr.text}: no unobserved address left`);
    return this.#follow(offset, use);
  }

  /** Starts following the unobserved address at `offset` in `use`; returns its index. */
  add(offset: number, use: Use): number {
    if (!this.unobserved.remove(offset)) throw new Error(`pool ${this.cidr.text}: offset ${offset} observed twice`);
    return this.#follow(offset, use);
  }

  #follow(offset: number, use: Use): number {
    if (this.count === this.offset.length) this.#grow();
    const i = this.count++;
    this.offset[i] = offset;
    this.use[i] = use;
    this.handle[i] = -1;
    this.#index.set(this.first + offset, i);
    this.#count(use, 1);
    this.version++;
    return i;
  }

  /** Changes the use of observed address i. */
  set(i: number, use: Use): void {
    this.#count(this.use[i]! as Use, -1);
    this.use[i] = use;
    this.#count(use, 1);
    this.version++;
  }

  /** Another customer takes free observed address i at `timeMs`; its return is queued. */
  tenantTakes(i: number, timeMs: number): void {
    this.set(i, Use.Tenant);
    const holdMs = Math.max(0, Math.round(this.churn.hold.sample(this.#holds.rng(i))));
    this.handle[i] = this.returns.push(timeMs + holdMs, 0, i);
    this.sink.tenantTook(this.ipOf(i), timeMs);
  }

  /** Another customer's return of observed address i at `timeMs` (popped from `returns`). */
  tenantGives(i: number, timeMs: number): void {
    this.set(i, Use.Free);
    this.handle[i] = -1;
    this.sink.tenantGave(this.ipOf(i), timeMs);
  }

  /** An Exp(1) wait budget for observed address i. */
  budget(i: number): number {
    return -Math.log(1 - this.waits.rng(i)());
  }

  /** Checks that `ip` is one of ours and returns its index. */
  oursIndex(ip: number): number {
    const i = this.indexOf(ip);
    if (i < 0 || this.use[i] !== Use.Ours) throw new Error(`pool ${this.cidr.text}: ${formatIpv4(ip)} was not handed out to us`);
    return i;
  }

  get storedEntries(): number {
    return this.count + this.unobserved.storedEntries + this.returns.size;
  }

  #count(use: Use, d: number): void {
    if (use === Use.Ours) this.ours += d;
    else if (use === Use.Tenant) this.tenants += d;
    else this.free += d;
  }

  #grow(): void {
    const n = this.offset.length * 2;
    const offset = new Uint32Array(n);
    offset.set(this.offset);
    this.offset = offset;
    const use = new Uint8Array(n);
    use.set(this.use);
    this.use = use;
    const handle = new Float64Array(n);
    handle.set(this.handle);
    this.handle = handle;
  }
}
