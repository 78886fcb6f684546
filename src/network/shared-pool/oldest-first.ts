import { EventQueue, sampleBinomial, sampleGamma, samplePoisson, type StreamFamily } from '../../engine/index.js';
import type { Cidr } from '../ipv4.js';
import { ObservedAddresses, Use } from './observed.js';
import type { ChurnOptions, SharedPool, TenantSink } from './pool.js';

const EXHAUSTED = -3;
const CURSOR = -2;
const RELEASED = -1;

/**
 * `oldest-first` reuse in a pool shared with other customers: every take, theirs or ours,
 * gets the free address released longest ago, never-used addresses counting as released
 * before the run (in order, from a cursor that other customers' initial holdings have moved
 * to round(λ × mean hold)). So the free addresses form one queue: an address freed at t has
 * every address free at t ahead of it and is taken by the take after those, whoever makes it.
 *
 * Takes are counted, not simulated: each free observed address carries the number of the
 * take that will reach it, the addresses ahead being all those free when it was freed (see
 * #freeAt for how that count moves). Other
 * customers' takes are a Poisson process; the time of the d-th next one is Gamma(d) / λ, and
 * the number that fell before an instant, given that the d-th falls after it, is
 * Binomial(d - 1, elapsed share) (the first d - 1 are uniform on the span): exact, with one
 * or two draws per change of an observed address, whatever λ. Draws: `arrivals`
 * (`network.churn.arrivals`), `choice` (`network.reuse.public`) and the observed addresses'
 * own streams for holding times.
 */
export class OldestFirstSharedPool implements SharedPool {
  readonly name = 'oldest-first';
  readonly #o: ObservedAddresses;
  readonly #arrivals: () => number;
  readonly #choice: () => number;
  /** Free observed addresses by the number of the take that reaches them. */
  readonly #queue = new EventQueue<number>();
  readonly #targets = new Set<number>();
  #maxTarget = 0;
  /** Takes since time 0 (ours and other customers'), counted up to #countedMs. */
  #takes = 0;
  #countedMs = 0;
  /** Addresses other customers held at time 0: the cursor starts after them. */
  #initial = 0;
  /** Addresses other customers hold, all told, as of #heldAt, and their takes counted since. */
  #held = 0;
  #heldAt = 0;
  #newTakes = 0;
  #advancedMs = -Infinity;
  #decision = RELEASED;
  #decidedAt = -1;

  constructor(cidr: Cidr, churn: ChurnOptions, family: StreamFamily, choice: () => number, arrivals: () => number) {
    this.#o = new ObservedAddresses(cidr, churn, family);
    this.#choice = choice;
    this.#arrivals = arrivals;
  }

  get cidr(): Cidr {
    return this.#o.cidr;
  }

  get capacity(): number {
    return this.#o.capacity;
  }

  get ours(): number {
    return this.#o.ours;
  }

  get held(): number {
    return this.#o.ours + this.#o.tenants;
  }

  get observed(): number {
    return this.#o.count;
  }

  get expectedFree(): number {
    return this.#o.active ? this.#o.capacity - this.#o.ours - this.#held : this.#o.capacity - this.#o.ours;
  }

  get storedEntries(): number {
    return this.#o.storedEntries + this.#queue.size;
  }

  attach(sink: TenantSink): void {
    this.#o.sink = sink;
  }

  start(nowMs: number): void {
    this.advance(nowMs);
    const o = this.#o;
    o.active = true;
    this.#initial = Math.min(o.capacity - this.#takes, Math.round(Math.min(o.occupancy.load, o.capacity)));
    this.#countedMs = nowMs;
    this.#held = this.#initial;
    this.#heldAt = nowMs;
  }

  contains(ip: number): boolean {
    return this.#o.contains(ip);
  }

  isHeld(ip: number): boolean {
    const i = this.#o.indexOf(ip);
    return i >= 0 && this.#o.use[i] !== Use.Free;
  }

  advance(nowMs: number): void {
    if (nowMs <= this.#advancedMs) return;
    const o = this.#o;
    for (;;) {
      const back = o.returns.peekTime() ?? Infinity;
      const lambda = o.rate;
      let arrival = Infinity;
      let target = 0;
      if (o.free > 0 && lambda > 0) {
        target = this.#queue.peekTime()!;
        arrival = this.#countedMs + sampleGamma(target - this.#takes, this.#arrivals) / lambda;
      }
      const arrivalMs = Math.ceil(arrival);
      if (Math.min(back, arrivalMs) > nowMs) {
        this.#count(nowMs, arrival, target);
        break;
      }
      if (arrivalMs <= back) {
        this.#newTakes += target - this.#takes;
        this.#takes = target;
        this.#countedMs = arrival;
        const i = this.#dequeue();
        o.tenantTakes(i, arrivalMs);
      } else {
        this.#count(back, arrival, target);
        const i = o.returns.pop()!;
        o.tenantGives(i, back);
        this.#enqueueLast(i);
      }
    }
    this.#advancedMs = nowMs;
  }

  admits(nowMs: number): boolean {
    this.advance(nowMs);
    return this.#decide() !== EXHAUSTED;
  }

  take(nowMs: number): number | undefined {
    this.advance(nowMs);
    const d = this.#decide();
    this.#decidedAt = -1;
    if (d === EXHAUSTED) return undefined;
    const o = this.#o;
    let i: number;
    if (d >= 0) {
      i = this.#dequeue();
      o.set(i, Use.Ours);
    } else if (d === CURSOR) {
      i = o.add(this.#initial + this.#takes, Use.Ours);
    } else {
      i = o.addRandom(this.#choice(), Use.Ours);
    }
    this.#takes++;
    return o.ipOf(i);
  }

  give(ip: number, nowMs: number): void {
    this.advance(nowMs);
    const o = this.#o;
    const i = o.oursIndex(ip);
    o.set(i, Use.Free);
    this.#enqueueLast(i);
  }

  observe(ip: number, nowMs: number): void {
    const o = this.#o;
    if (!o.contains(ip) || o.indexOf(ip) >= 0) return;
    this.advance(nowMs);
    const offset = ip - o.first;
    const cursor = this.#initial + this.#takes;
    if (offset >= cursor) {
      // Never used: free, and reached when the cursor gets there.
      const i = o.add(offset, Use.Free);
      this.#enqueue(i, this.#takes + (offset - cursor) + 1);
      return;
    }
    // Used before: free with the share of free ones among the unobserved used addresses.
    const used = o.unobservedCount - this.#neverUsed();
    const freeUsed = Math.max(0, this.#freeAt(this.#countedMs) - o.free - this.#neverUsed());
    const i = o.add(offset, Use.Free);
    if (o.rate === 0 || this.#choice() < (used <= 0 ? 1 : Math.min(1, freeUsed / used))) {
      // Released earlier: somewhere behind the never-used ones, uniformly.
      const from = this.#takes + this.#neverUsed() + 1;
      let t = from + Math.floor(this.#choice() * (freeUsed + 1));
      while (this.#targets.has(t)) t++;
      this.#enqueue(i, t);
    } else {
      o.tenantTakes(i, nowMs);
    }
  }

  /** Never-used addresses left at the cursor. */
  #neverUsed(): number {
    return Math.max(0, this.#o.capacity - this.#initial - this.#takes);
  }

  /** Counts other customers' takes in (#countedMs, t], given that the next one due to reach the queue falls at `arrival` (Infinity: none is). */
  #count(t: number, arrival: number, target: number): void {
    const span = t - this.#countedMs;
    if (span <= 0) return;
    const lambda = this.#o.rate;
    if (lambda > 0) {
      const n = arrival === Infinity
        ? samplePoisson(lambda * span, this.#arrivals)
        : sampleBinomial(target - this.#takes - 1, span / (arrival - this.#countedMs), this.#arrivals);
      this.#takes += n;
      this.#newTakes += n;
    }
    this.#countedMs = t;
  }

  /**
   * Free addresses at `t` (takes counted up to t): the pool less ours less what other
   * customers hold, H. H moves as an M/M/∞ system would between two looks Δ apart: each
   * address held at the last look is still held with probability e^(-Δ/h), each of the takes
   * counted since (uniform over Δ) with probability (1 - e^(-Δ/h)) / (Δ/h), h the mean
   * holding time. So successive looks see a free count with the pool's stationary law
   * (Poisson occupancy, whatever the holding law) and the right memory (exact for
   * exponential holding times), and the order of releases is kept: the rank given to an
   * address freed later is never below one freed earlier.
   */
  #freeAt(t: number): number {
    const o = this.#o;
    const c = o.capacity - o.ours;
    if (!o.active) return c;
    const dt = t - this.#heldAt;
    if (dt > 0 || this.#newTakes > 0) {
      const h = o.churn.hold.mean;
      const x = h === Infinity ? 0 : dt / h;
      const keep = Math.exp(-x);
      const young = x === 0 ? 1 : -Math.expm1(-x) / x;
      let held = sampleBinomial(this.#held, keep, this.#arrivals) + sampleBinomial(this.#newTakes, young, this.#arrivals);
      held = Math.max(Math.min(held, c - o.free - this.#neverUsed()), Math.min(o.tenants, c - o.free));
      this.#held = held;
      this.#heldAt = Math.max(this.#heldAt, t);
      this.#newTakes = 0;
    }
    return c - this.#held;
  }

  /** What a take now gets: the queue's head (its index), the cursor, an unobserved released address, or EXHAUSTED. */
  #decide(): number {
    const o = this.#o;
    if (this.#decidedAt === o.version) return this.#decision;
    let d: number;
    if (o.free > 0 && this.#queue.peekTime() === this.#takes + 1) d = this.#queue.peek()!;
    else if (this.#neverUsed() > 0) d = CURSOR;
    else if (o.free > 0) d = RELEASED;
    else d = this.#freeAt(this.#countedMs) === 0 ? EXHAUSTED : RELEASED;
    this.#decision = d;
    this.#decidedAt = o.version;
    return d;
  }

  /** Free observed address i goes to the back of the queue, behind every address free now. */
  #enqueueLast(i: number): void {
    // Everything free now is ahead of it: it is reached by take number takes + F.
    const f = Math.max(this.#freeAt(this.#countedMs), this.#o.free + this.#neverUsed());
    this.#enqueue(i, Math.max(this.#takes + f, this.#maxTarget + 1));
  }

  #enqueue(i: number, target: number): void {
    this.#o.handle[i] = this.#queue.push(target, 0, i);
    this.#targets.add(target);
    this.#maxTarget = Math.max(this.#maxTarget, target);
  }

  #dequeue(): number {
    const target = this.#queue.peekTime()!;
    const i = this.#queue.pop()!;
    this.#targets.delete(target);
    this.#o.handle[i] = -1;
    return i;
  }
}
