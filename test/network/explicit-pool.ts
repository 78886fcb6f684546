/**
 * The explicit model of a shared public pool, for tests: every arrival of another customer
 * is simulated (Poisson, exponential gaps), takes an address through the reuse policy and
 * keeps it for a drawn time. It implements the SharedPool interface, reporting other
 * customers' takes and releases of observed addresses (ours, or asked about) to the sink, so
 * the lazy pools can be checked against it through the same plane and the same workload. Its
 * cost is proportional to the churn rate; ephemera's lazy pools replaced it.
 */
import seedrandom from 'seedrandom';
import { EventQueue } from '../../src/engine/index.js';
import { cidrContains, formatIpv4, type Cidr } from '../../src/network/ipv4.js';
import { createReusePolicy, type ReusePolicy, type ReusePolicyName } from '../../src/network/reuse/index.js';
import type { ChurnOptions, SharedPool, TenantSink } from '../../src/network/shared-pool/index.js';

const OURS = 1;
const TENANT = 2;

export class ExplicitSharedPool implements SharedPool {
  readonly name: ReusePolicyName;
  readonly cidr: Cidr;
  readonly capacity: number;
  readonly #first: number;
  readonly #policy: ReusePolicy;
  readonly #churn: ChurnOptions;
  readonly #rng: () => number;
  /** Holder by offset (OURS or TENANT); absent: free. */
  readonly #holder = new Map<number, number>();
  readonly #observed = new Set<number>();
  readonly #returns = new EventQueue<number>();
  #sink: TenantSink = { tenantTook: () => {}, tenantGave: () => {} };
  #nextArrival = Infinity;
  ours = 0;
  /** Other customers' arrivals so far, and those that found the pool full. */
  arrivals = 0;
  refused = 0;

  constructor(name: ReusePolicyName, cidr: Cidr, churn: ChurnOptions, seed: string) {
    this.name = name;
    this.cidr = cidr;
    const reserved = cidr.prefix <= 30 ? 2 : 0;
    this.capacity = cidr.size - reserved;
    this.#first = cidr.base + reserved / 2;
    this.#rng = seedrandom(`explicit:${seed}`);
    this.#policy = createReusePolicy(name, this.capacity, seedrandom(`explicit-reuse:${seed}`));
    this.#churn = churn;
  }

  get held(): number {
    let n = 0;
    for (const o of this.#holder.keys()) if (this.#observed.has(o)) n++;
    return n;
  }

  get expectedFree(): number {
    return this.#policy.free;
  }

  get storedEntries(): number {
    return this.#holder.size + this.#policy.storedEntries;
  }

  get observed(): number {
    return this.#observed.size;
  }

  /** Addresses other customers hold now. */
  get tenants(): number {
    return this.#holder.size - this.ours;
  }

  attach(sink: TenantSink): void {
    this.#sink = sink;
  }

  start(nowMs: number): void {
    const { ratePerMs, hold } = this.#churn;
    if (!(ratePerMs > 0)) return;
    const steady = ratePerMs * hold.mean;
    const initial = Number.isFinite(steady) ? Math.min(Math.round(steady), this.#policy.free) : this.#policy.free;
    for (let i = 0; i < initial; i++) this.#arrive(nowMs);
    this.#nextArrival = nowMs + this.#gap();
  }

  advance(nowMs: number): void {
    for (;;) {
      const back = this.#returns.peekTime() ?? Infinity;
      const arrival = Math.ceil(this.#nextArrival);
      if (Math.min(back, arrival) > nowMs) break;
      if (back <= arrival) {
        const o = this.#returns.pop()!;
        this.#holder.delete(o);
        this.#policy.give(o);
        if (this.#observed.has(o)) this.#sink.tenantGave(this.#first + o, back);
      } else {
        this.arrivals++;
        this.#arrive(arrival);
        this.#nextArrival += this.#gap();
      }
    }
  }

  contains(ip: number): boolean {
    return cidrContains(this.cidr, ip) && ip >= this.#first && ip < this.#first + this.capacity;
  }

  isHeld(ip: number): boolean {
    const o = ip - this.#first;
    return this.#observed.has(o) && this.#holder.has(o);
  }

  admits(nowMs: number): boolean {
    this.advance(nowMs);
    return this.#policy.free > 0;
  }

  take(nowMs: number): number | undefined {
    this.advance(nowMs);
    const o = this.#policy.take();
    if (o === undefined) return undefined;
    this.#holder.set(o, OURS);
    this.#observed.add(o);
    this.ours++;
    return this.#first + o;
  }

  give(ip: number, nowMs: number): void {
    this.advance(nowMs);
    const o = ip - this.#first;
    if (this.#holder.get(o) !== OURS) throw new Error(`${formatIpv4(ip)} is not ours`);
    this.#holder.delete(o);
    this.#policy.give(o);
    this.ours--;
  }

  observe(ip: number, nowMs: number): void {
    const o = ip - this.#first;
    if (!this.contains(ip) || this.#observed.has(o)) return;
    this.advance(nowMs);
    this.#observed.add(o);
    if (this.#holder.get(o) === TENANT) this.#sink.tenantTook(ip, nowMs);
  }

  #gap(): number {
    return -Math.log(1 - this.#rng()) / this.#churn.ratePerMs;
  }

  #arrive(timeMs: number): void {
    const holdMs = Math.round(this.#churn.hold.sample(this.#rng));
    const o = this.#policy.take();
    if (o === undefined) {
      this.refused++;
      return;
    }
    this.#holder.set(o, TENANT);
    this.#returns.push(timeMs + holdMs, 0, o);
    if (this.#observed.has(o)) this.#sink.tenantTook(this.#first + o, timeMs);
  }
}
