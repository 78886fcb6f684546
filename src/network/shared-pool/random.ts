import { EventQueue, type StreamFamily } from '../../engine/index.js';
import type { Cidr } from '../ipv4.js';
import { ObservedAddresses, Use } from './observed.js';
import type { ChurnOptions, SharedPool, TenantSink } from './pool.js';

const EXHAUSTED = -2;
const UNOBSERVED = -1;

/**
 * `random` reuse in a pool shared with other customers: every take, theirs or ours, picks
 * uniformly among the free addresses. With F free addresses and other customers taking λ
 * per ms, a given free address is taken at rate λ / F; F is the observed free addresses k
 * plus the stationary mean of the unobserved free ones (TenantOccupancy), so each free
 * observed address waits an exponential time while F stays put, and the waits of all of
 * them run on one clock of cumulative hazard H(t) = ∫ λ / F: an address freed when the clock
 * reads H is taken when it reads H + E, E ~ Exp(1) from its own stream. Once every address is
 * observed the model is exactly the explicit one.
 *
 * Our take draws the number of free addresses F from the pool's stationary law (given what
 * is observed) and picks one of the F uniformly: one of the k observed free ones, or an
 * unobserved one (uniform over them); none free is exhaustion. Draws: `choice` (`network.reuse.public`) for our takes and first
 * sights, the observed addresses' own streams for waits and holds.
 */
export class RandomSharedPool implements SharedPool {
  readonly name = 'random';
  readonly #o: ObservedAddresses;
  readonly #choice: () => number;
  /** Pending takes of free observed addresses, keyed by their cumulative-hazard target. */
  readonly #takes = new EventQueue<number>();
  /** The free observed addresses, dense, and each one's position in it. */
  #freeList = new Int32Array(64);
  #pos = new Int32Array(64);
  /** The hazard clock: H at #clockMs and its slope (per ms, per free address). */
  #clockMs = 0;
  #hazard = 0;
  #rate = 0;
  #advancedMs = -Infinity;
  #decision = UNOBSERVED;
  #decidedAt = -1;

  constructor(cidr: Cidr, churn: ChurnOptions, family: StreamFamily, choice: () => number) {
    this.#o = new ObservedAddresses(cidr, churn, family);
    this.#choice = choice;
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
    return this.#o.free + this.#o.meanUnobservedFree();
  }

  get storedEntries(): number {
    return this.#o.storedEntries + this.#takes.size;
  }

  attach(sink: TenantSink): void {
    this.#o.sink = sink;
  }

  start(nowMs: number): void {
    this.advance(nowMs);
    this.#o.active = true;
    this.#updateRate();
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
      let take = Infinity;
      let target = 0;
      if (this.#rate > 0 && o.free > 0) {
        target = this.#takes.peekTime()!;
        take = this.#clockMs + (target - this.#hazard) / this.#rate;
      }
      const takeMs = Math.ceil(take);
      if (Math.min(back, takeMs) > nowMs) break;
      if (takeMs <= back) {
        const i = this.#takes.pop()!;
        this.#hazard = target;
        this.#clockMs = Math.max(this.#clockMs, take);
        this.#removeFree(i);
        o.tenantTakes(i, takeMs);
      } else {
        const i = o.returns.pop()!;
        this.#tick(back);
        o.tenantGives(i, back);
        this.#addFree(i);
      }
      this.#updateRate();
    }
    this.#tick(nowMs);
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
    const o = this.#o;
    if (d === EXHAUSTED) return undefined;
    let i: number;
    if (d >= 0) {
      i = d;
      this.#takes.cancel(o.handle[i]!);
      this.#removeFree(i);
      o.set(i, Use.Ours);
    } else {
      i = o.addRandom(this.#choice(), Use.Ours);
    }
    this.#updateRate();
    return o.ipOf(i);
  }

  give(ip: number, nowMs: number): void {
    this.advance(nowMs);
    const o = this.#o;
    const i = o.oursIndex(ip);
    o.set(i, Use.Free);
    this.#addFree(i);
    this.#updateRate();
  }

  observe(ip: number, nowMs: number): void {
    const o = this.#o;
    if (!o.contains(ip) || o.indexOf(ip) >= 0) return;
    this.advance(nowMs);
    const u = o.unobservedCount;
    const freeShare = u === 0 ? 1 : o.meanUnobservedFree() / u;
    const i = o.add(ip - o.first, Use.Free);
    if (this.#choice() < freeShare || o.rate === 0) this.#addFree(i);
    else o.tenantTakes(i, nowMs);
    this.#updateRate();
  }

  /** What a take now gets: an observed free index, UNOBSERVED, or EXHAUSTED (kept while nothing changes). */
  #decide(): number {
    const o = this.#o;
    if (this.#decidedAt === o.version) return this.#decision;
    const k = o.free;
    const f = o.sampleFree(0, this.#choice);
    let d: number;
    if (f === 0) d = EXHAUSTED;
    else {
      const x = this.#choice() * f;
      d = x < k ? this.#freeList[Math.floor(x)]! : UNOBSERVED;
    }
    this.#decision = d;
    this.#decidedAt = o.version;
    return d;
  }

  #tick(t: number): void {
    if (t > this.#clockMs) {
      this.#hazard += this.#rate * (t - this.#clockMs);
      this.#clockMs = t;
    }
  }

  #updateRate(): void {
    const o = this.#o;
    this.#rate = o.rate > 0 && o.free > 0 ? o.rate / (o.free + o.meanUnobservedFree()) : 0;
  }

  /** Free observed address i joins the free list and waits for a take. */
  #addFree(i: number): void {
    const o = this.#o;
    if (o.count > this.#pos.length) {
      const pos = new Int32Array(Math.max(o.count, this.#pos.length * 2));
      pos.set(this.#pos);
      this.#pos = pos;
      const list = new Int32Array(pos.length);
      list.set(this.#freeList);
      this.#freeList = list;
    }
    const n = o.free - 1; // o.free already counts i
    this.#freeList[n] = i;
    this.#pos[i] = n;
    o.handle[i] = this.#takes.push(this.#hazard + o.budget(i), 0, i);
  }

  /** Takes i off the free list (its pending take is popped or cancelled by the caller). */
  #removeFree(i: number): void {
    const last = this.#o.free - 1; // o.free still counts i
    const p = this.#pos[i]!;
    const moved = this.#freeList[last]!;
    this.#freeList[p] = moved;
    this.#pos[moved] = p;
    this.#o.handle[i] = -1;
  }
}
