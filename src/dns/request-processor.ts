import type { StreamFamily } from '../engine/index.js';
import type { OutcomeLog } from './outcome-log.js';
import type { Population } from './population.js';
import { Reach, type ReachOracle } from './reach.js';
import { ReachSpans } from './reach-spans.js';
import type { AuthoritativeZone, RecordSpec, Version } from './zone.js';

/** Substreams of the `dns.clients` family used here (entity = client's full-population number). */
export const CLIENT_SUB = { rotation: 0 } as const;

/** What every request of a resolver's clients gets over a span, when it is the same for all (see `uniformOver`). */
export const Uniform = { Mixed: 0, Served: 1, Failed: 2, Misdirected: 3 } as const;
export type Uniform = (typeof Uniform)[keyof typeof Uniform];

/**
 * One client request, start to end: the client uses its pinned answer or asks its resolver;
 * the resolver answers from its cache or queries the authoritative servers (each record of
 * the CNAME chain cached for its own TTL, plus the resolver's overstay); the client tries
 * the first address of the answer (the resolver rotates the order of several A records)
 * and, if it fails over, the next ones after a connect timeout each. Both DNS modes drive
 * this same code: the per-request mode from engine events, the sampled mode in windows.
 *
 * Clients are the population's simulated clients (numbered resolver by resolver). Without a
 * pin a client keeps nothing between requests but whether it is failing: 8 bytes of state;
 * with one, also the version it pinned, when, and the address it tries first. When only a
 * sample of clients is simulated, `background` gives the first query the others send a
 * resolver at or after an instant, so the resolver refreshes its cache as the whole
 * population would make it.
 *
 * Draws: the rotation at each resolution comes from the client's own stream, indexed by the
 * request's time (`dns.clients`, substream 0), so it depends on nothing else.
 */
export class RequestProcessor {
  readonly pop: Population;
  readonly log: OutcomeLog;
  /** Queries the authoritative servers received through this processor; clients failing now (a failure not yet followed by a success). */
  queries = 0;
  failingNow = 0;
  /** Set by the sampled model: the first query of a resolver's clients that are not simulated, at or after `t` (Infinity: none). */
  background: ((resolver: number, t: number) => number) | undefined;
  readonly #zone: AuthoritativeZone;
  readonly #name: string;
  /** The record's versions (the zone's own list: it grows as the record is updated). */
  readonly #versions: readonly Version[];
  readonly #chain: RecordSpec[];
  readonly #reach: ReachSpans;
  readonly #draws: StreamFamily;
  readonly #pinMs: number;
  /** Per resolver: the A answer's version and when each chain record expires. */
  readonly #cached: Int32Array;
  readonly #expires: Float64Array;
  /** Per client (with a pin): pinned version (-1 none), when it was pinned, the address it tries first. */
  readonly #pinned: Int32Array | undefined;
  readonly #pinnedAt: Float64Array | undefined;
  readonly #rot: Uint16Array | undefined;
  /** Per client: open failure start (NaN none). */
  readonly #failSince: Float64Array;
  /** Per client with an open failure: 1 when it was opened on another customer's machine. */
  readonly #failForeign: Uint8Array;
  /** Clients with an open failure whose requests changed between dead and foreign: when they first did (few do: a map, not 8 bytes per client). */
  readonly #failSwitch = new Map<number, number>();
  /** Whether the last #attempt reached another customer's machine. */
  #lastForeign = false;

  constructor(pop: Population, zone: AuthoritativeZone, name: string, reach: ReachOracle, draws: StreamFamily, log: OutcomeLog) {
    this.pop = pop;
    this.log = log;
    this.#zone = zone;
    this.#name = name;
    this.#chain = zone.chain(name);
    this.#versions = zone.versions(name);
    this.#reach = new ReachSpans(reach);
    this.#draws = draws;
    this.#pinMs = pop.spec.pinMs;
    const R = pop.spec.resolvers;
    const C = pop.simulated;
    this.#cached = new Int32Array(R).fill(-1);
    this.#expires = new Float64Array(R * this.#chain.length).fill(-Infinity);
    if (this.#pinMs > 0) {
      this.#pinned = new Int32Array(C).fill(-1);
      this.#pinnedAt = new Float64Array(C).fill(-Infinity);
      this.#rot = new Uint16Array(C);
    }
    this.#failSince = new Float64Array(C).fill(Number.NaN);
    this.#failForeign = new Uint8Array(C);
  }

  /** Records of the CNAME chain (the A record last). */
  get chainLength(): number {
    return this.#chain.length;
  }

  /** When resolver `r`'s cached copy of chain record `i` expires, ms (-Infinity: never fetched). */
  expiresAt(r: number, i: number): number {
    return this.#expires[r * this.#chain.length + i]!;
  }

  /** How long resolver `r` keeps chain record `i`, ms (its TTL plus the resolver's overstay). */
  recordLifetimeMs(r: number, i: number): number {
    return this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!;
  }

  /** How long resolver `r` keeps the A answer, ms. */
  lifetimeMs(r: number): number {
    return this.#chain[this.#chain.length - 1]!.ttlMs + this.pop.overstayMs[r]!;
  }

  /** Puts resolver `r` in the state it has at a random instant: holding the answer fetched at `fetchedMs`, or empty (undefined). */
  primeResolver(r: number, fetchedMs: number | undefined): void {
    const k = this.#chain.length;
    if (fetchedMs === undefined) {
      this.#cached[r] = -1;
      for (let i = 0; i < k; i++) this.#expires[r * k + i] = -Infinity;
      return;
    }
    this.#cached[r] = this.#versionAtOrFirst(fetchedMs);
    for (let i = 0; i < k; i++) this.#expires[r * k + i] = fetchedMs + this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!;
  }

  /** Puts client `c` in the state it has at a random instant: the answer pinned at `pinnedMs` (with a pin), no open failure. */
  primeClient(c: number, pinnedMs: number): void {
    if (!Number.isNaN(this.#failSince[c]!)) this.failingNow--;
    this.#failSince[c] = Number.NaN;
    if (this.#pinned === undefined) return;
    const index = this.#versionAtOrFirst(pinnedMs);
    this.#pinned[c] = index;
    this.#pinnedAt![c] = pinnedMs;
    this.#rot![c] = this.#rotation(c, pinnedMs, index);
  }

  /** True when client `c` has a failure not yet followed by a success. */
  failing(c: number): boolean {
    return !Number.isNaN(this.#failSince[c]!);
  }

  /** True when clients keep answers between requests (a pin): then each has its own version. */
  get pins(): boolean {
    return this.#pinned !== undefined;
  }

  /** The version client `c` would use at its next request without a new resolution: its pinned one, or (no pin) its resolver's. */
  versionOf(c: number): number {
    return this.#pinned === undefined ? this.#cached[this.pop.resolverOf[c]!]! : this.#pinned[c]!;
  }

  /** The version resolver `r` holds (-1 none). */
  cachedBy(r: number): number {
    return this.#cached[r]!;
  }

  /** Client `c` sends a request at `t` (ms). Returns true when it was served. */
  request(c: number, t: number): boolean {
    const versions = this.#versions;
    const r = this.pop.resolverOf[c]!;
    let v: number;
    let rot: number;
    const pinned = this.#pinned;
    if (pinned === undefined) {
      v = this.#resolve(r, t);
      rot = this.#rotation(c, t, v);
    } else if (pinned[c]! < 0 || t >= this.#pinnedAt![c]! + this.#pinMs) {
      v = this.#resolve(r, t);
      pinned[c] = v;
      this.#pinnedAt![c] = t;
      rot = this.#rotation(c, t, v);
      this.#rot![c] = rot;
    } else {
      v = pinned[c]!;
      rot = this.#rot![c]!;
    }
    const version: Version | undefined = versions[v];
    const weight = this.pop.weight[r]!;
    this.log.request(t, weight);
    this.#lastForeign = false;
    const served = version !== undefined && this.#attempt(v, version.addresses, rot, this.pop.failover[c] === 1, c, t, weight);
    const since = this.#failSince[c]!;
    if (served) {
      if (!Number.isNaN(since)) this.#closeOutage(c, t, false, weight);
    } else {
      this.log.failed(c, t, weight);
      this.#failing(c, t, this.#lastForeign);
    }
    return served;
  }

  /** Client `c`'s request at `t` failed (on another customer's machine when `foreign`): opens its outage, or notes a change of class. */
  #failing(c: number, t: number, foreign: boolean): void {
    if (Number.isNaN(this.#failSince[c]!)) {
      this.#failSince[c] = t;
      this.#failForeign[c] = foreign ? 1 : 0;
      if (this.#failSwitch.size > 0) this.#failSwitch.delete(c);
      this.failingNow++;
    } else if ((this.#failForeign[c] === 1) !== foreign && !this.#failSwitch.has(c)) this.#failSwitch.set(c, t);
  }

  /** Ends client `c`'s open outage at `t` (censored: the run ended first). */
  #closeOutage(c: number, t: number, censored: boolean, weight: number): void {
    const since = this.#failSince[c]!;
    const switchMs = this.#failSwitch.size === 0 ? Number.NaN : this.#failSwitch.get(c) ?? Number.NaN;
    if (!Number.isNaN(switchMs)) this.#failSwitch.delete(c);
    this.log.outage(c, since, t - since, censored, weight, this.#failForeign[c] === 1, switchMs);
    this.#failSince[c] = Number.NaN;
    this.failingNow--;
  }

  /**
   * Whether every request of resolver r's periodic clients (from .. to - 1, phases sorted)
   * in the period [base, t1) gets the same outcome, and which; if so, the resolver's cache
   * refreshes of the period are made (as the requests would make them). The refreshes are
   * planned first: each expired record is fetched again at the first query at or after its
   * expiry (a simulated client's request, or the others' `background`); the A record's
   * refreshes cut the period into pieces, each answered with one version. The period is
   * uniform when every piece's version keeps its addresses' state over the piece (the
   * oracle's spans) and all agree: one address; or all serving, or all dead. Only for clients
   * without a pin (each would have its own version). Mixed: nothing is changed; simulate.
   */
  uniformPeriod(r: number, from: number, to: number, base: number, t1: number, phase: Float64Array): Uniform {
    if (this.#pinned !== undefined || !this.#reach.spanned || from === to) return Uniform.Mixed;
    const k = this.#chain.length;
    const plan = this.#plan;
    plan.length = 0;
    for (let i = 0; i < k; i++) {
      const life = this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!;
      for (let e = this.#expires[r * k + i]!; e < t1;) {
        const q = this.#firstQuery(r, from, to, base, phase, Math.max(e, base));
        if (q >= t1) break;
        plan.push(i, q);
        e = q + life;
      }
    }
    // The pieces of the period and the version answering each.
    let outcome: Uniform = Uniform.Mixed;
    let v = this.#cached[r]!;
    let pieceFrom = base;
    const last = k - 1;
    for (let j = 0; j <= plan.length; j += 2) {
      const isEnd = j === plan.length;
      if (!isEnd && plan[j] !== last) continue;
      const pieceTo = isEnd ? t1 : plan[j + 1]!;
      if (pieceTo > pieceFrom) {
        const o = this.#uniformVersion(v, pieceFrom, pieceTo);
        if (o === Uniform.Mixed || (outcome !== Uniform.Mixed && o !== outcome)) return Uniform.Mixed;
        outcome = o;
      }
      if (!isEnd) {
        v = this.#zone.versionAt(this.#name, pieceTo)?.index ?? -1;
        pieceFrom = pieceTo;
      }
    }
    if (outcome === Uniform.Mixed) return outcome;
    for (let j = 0; j < plan.length; j += 2) {
      const i = plan[j]!;
      this.#refresh(r, i, r * k + i, plan[j + 1]!, this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!);
    }
    return outcome;
  }

  /** Planned refreshes of `uniformPeriod`: record index, time, ... */
  readonly #plan: number[] = [];

  /** The first query resolver r receives at or after x (within the period from `base`): a simulated client's request or the others'. */
  #firstQuery(r: number, from: number, to: number, base: number, phase: Float64Array, x: number): number {
    const target = x - base;
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (phase[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const own = lo < to ? base + phase[lo]! : Infinity;
    const bg = this.background;
    return bg === undefined ? own : Math.min(own, bg(r, x));
  }

  /** The outcome every request answered with version v gets over [t0, t1), or Mixed. */
  #uniformVersion(v: number, t0: number, t1: number): Uniform {
    const version = this.#versions[v];
    if (version === undefined) return Uniform.Failed;
    const n = version.addresses.length;
    if (n === 0) return Uniform.Failed;
    let serving = 0;
    let dead = 0;
    let foreign = 0;
    for (let a = 0; a < n; a++) {
      const reach = this.#reach.reachOf(v, a, version.addresses, t0);
      if (this.#reach.until(v, a) < t1) return Uniform.Mixed;
      if (reach === Reach.Service) serving++;
      else if (reach === Reach.Foreign) foreign++;
      else dead++;
    }
    if (serving === n) return Uniform.Served;
    if (dead === n) return Uniform.Failed;
    return n === 1 && foreign === 1 ? Uniform.Misdirected : Uniform.Mixed;
  }

  /**
   * The requests of periodic clients from .. to - 1 (all of resolver r's) in the period
   * starting at `base`, when `uniformPeriod` found them all alike: the same bookkeeping as
   * `request` for each, in bulk when no client changes state (O(1) while all keep failing).
   */
  period(r: number, from: number, to: number, base: number, phase: Float64Array, outcome: Uniform): void {
    const weight = this.pop.weight[r]!;
    const n = to - from;
    if (outcome === Uniform.Served) {
      if (this.log.switchover?.countRequests === true) for (let c = from; c < to; c++) this.log.request(base + phase[c]!, weight);
      if (this.failingNow === 0) return;
      for (let c = from; c < to; c++) {
        if (Number.isNaN(this.#failSince[c]!)) continue;
        this.#closeOutage(c, base + phase[c]!, false, weight);
      }
      return;
    }
    const misdirected = outcome === Uniform.Misdirected;
    // In bulk when every client keeps failing and the period falls in one bucket and bin
    // (requests at base + phase, phase in [0, period)).
    const last = base + this.pop.spec.periodMs;
    if (this.log.perClient === undefined && this.failingNow === n && this.log.sameBins(base, last - Math.max(1e-6, Math.abs(last) * 4 * Number.EPSILON))) {
      this.log.request(base, weight * n);
      this.log.failed(from, base, weight, n);
      if (misdirected) this.log.misdirected(from, base, weight, n);
      return;
    }
    const grouped = this.log.perClient === undefined && Number.isInteger(weight); // whole weights: the same sums
    if (grouped) this.log.failedInBins(from, to, base, phase, weight, misdirected);
    for (let c = from; c < to; c++) {
      const t = base + phase[c]!;
      if (!grouped) {
        this.log.request(t, weight);
        if (misdirected) this.log.misdirected(c, t, weight);
        this.log.failed(c, t, weight);
      }
      this.#failing(c, t, misdirected);
    }
  }

  /** Closes every open outage of clients from .. to - 1 at `endMs` (censored: the run ended first). */
  closeOpen(endMs: number, from: number, to: number): void {
    for (let c = from; c < to; c++) {
      if (Number.isNaN(this.#failSince[c]!)) continue;
      this.#closeOutage(c, endMs, true, this.pop.weight[this.pop.resolverOf[c]!]!);
    }
  }

  /** The version in force at `t`, or the first one for a time before it was published (the steady state before the run). */
  #versionAtOrFirst(t: number): number {
    return this.#zone.versionAt(this.#name, t)?.index ?? (this.#versions.length > 0 ? 0 : -1);
  }

  /** Which of version v's addresses client c tries first when it resolves at t: uniform, from its own stream. */
  #rotation(c: number, t: number, v: number): number {
    const n = this.#versions[v]?.addresses.length ?? 1;
    return n <= 1 ? 0 : Math.floor(this.#draws.uniform(this.pop.idOf(c), t, CLIENT_SUB.rotation) * n);
  }

  #resolve(r: number, t: number): number {
    const k = this.#chain.length;
    const bg = this.background;
    for (let i = 0; i < k; i++) {
      const at = r * k + i;
      if (t < this.#expires[at]!) continue;
      const life = this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!;
      // The clients not simulated may have refreshed the record first, perhaps more than once.
      if (bg !== undefined) {
        for (let b = bg(r, this.#expires[at]!); b < t; b = bg(r, this.#expires[at]!)) {
          this.#refresh(r, i, at, b, life);
          if (t < this.#expires[at]!) break;
        }
        if (t < this.#expires[at]!) continue;
      }
      this.#refresh(r, i, at, t, life);
    }
    return this.#cached[r]!;
  }

  #refresh(r: number, i: number, at: number, t: number, life: number): void {
    this.queries++;
    this.log.query(t);
    this.#expires[at] = t + life;
    if (i === this.#chain.length - 1) this.#cached[r] = this.#zone.versionAt(this.#name, t)?.index ?? -1;
  }

  #attempt(v: number, addresses: readonly string[], rot: number, failover: boolean, c: number, t: number, weight: number): boolean {
    const n = addresses.length;
    const tries = failover ? n : Math.min(1, n);
    for (let i = 0; i < tries; i++) {
      // Each try follows a connect timeout; the address's state when the request starts decides.
      const reach = this.#reach.reachOf(v, (rot + i) % n, addresses, t);
      if (reach === Reach.Service) {
        if (i > 0) this.log.slow(c, t, weight);
        return true;
      }
      if (reach === Reach.Foreign) {
        this.log.misdirected(c, t, weight);
        this.#lastForeign = true;
      }
    }
    return false;
  }
}
