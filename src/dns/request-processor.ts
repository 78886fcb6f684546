import type { OutcomeLog } from './outcome-log.js';
import type { Population } from './population.js';
import { Reach, type ReachOracle } from './reach.js';
import type { AuthoritativeZone, RecordSpec, Version } from './zone.js';

/**
 * One client request, start to end: the client uses its pinned answer or asks its resolver;
 * the resolver answers from its cache or queries the authoritative servers (each record of
 * the CNAME chain cached for its own TTL, plus the resolver's overstay); the client tries
 * the first address of the answer (the resolver rotates the order of several A records)
 * and, if it fails over, the next ones after a connect timeout each. Both DNS modes drive
 * this same code: the per-request mode from engine events, the sampled mode in windows.
 */
export class RequestProcessor {
  readonly pop: Population;
  readonly log: OutcomeLog;
  /** Queries the authoritative servers received through this processor. */
  queries = 0;
  readonly #zone: AuthoritativeZone;
  readonly #name: string;
  readonly #chain: RecordSpec[];
  readonly #reach: ReachOracle;
  readonly #rng: () => number;
  /** Per resolver: the A answer's version and when each chain record expires. */
  readonly #cached: Int32Array;
  readonly #expires: Float64Array;
  /** Per client: pinned version (-1 none), when it was pinned, the address it tries first, open failure start (NaN none). */
  readonly #pinned: Int32Array;
  readonly #pinnedAt: Float64Array;
  readonly #rot: Int32Array;
  readonly #failSince: Float64Array;

  constructor(pop: Population, zone: AuthoritativeZone, name: string, reach: ReachOracle, rng: () => number, log: OutcomeLog) {
    this.pop = pop;
    this.log = log;
    this.#zone = zone;
    this.#name = name;
    this.#chain = zone.chain(name);
    this.#reach = reach;
    this.#rng = rng;
    const R = pop.spec.resolvers;
    const C = pop.spec.clients;
    this.#cached = new Int32Array(R).fill(-1);
    this.#expires = new Float64Array(R * this.#chain.length).fill(-Infinity);
    this.#pinned = new Int32Array(C).fill(-1);
    this.#pinnedAt = new Float64Array(C).fill(-Infinity);
    this.#rot = new Int32Array(C);
    this.#failSince = new Float64Array(C).fill(Number.NaN);
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

  /** Puts client `c` in the state it has at a random instant: the answer pinned at `pinnedMs`, no open failure. */
  primeClient(c: number, pinnedMs: number): void {
    const index = this.#versionAtOrFirst(pinnedMs);
    const v = this.#zone.versions(this.#name)[index];
    this.#pinned[c] = index;
    this.#pinnedAt[c] = pinnedMs;
    this.#rot[c] = v === undefined ? 0 : Math.floor(this.#rng() * Math.max(1, v.addresses.length));
    this.#failSince[c] = Number.NaN;
  }

  /** True when client `c` has a failure not yet followed by a success. */
  failing(c: number): boolean {
    return !Number.isNaN(this.#failSince[c]!);
  }

  /** The version client `c` holds now (-1 none) and when it got it. */
  held(c: number): { version: number; sinceMs: number } {
    return { version: this.#pinned[c]!, sinceMs: this.#pinnedAt[c]! };
  }

  /** The version resolver `r` holds (-1 none). */
  cachedBy(r: number): number {
    return this.#cached[r]!;
  }

  /** Client `c` sends a request at `t` (ms). Returns true when it was served. */
  request(c: number, t: number): boolean {
    const versions = this.#zone.versions(this.#name);
    if (this.pop.spec.pinMs <= 0 || this.#pinned[c]! < 0 || t >= this.#pinnedAt[c]! + this.pop.spec.pinMs) {
      const v = this.#resolve(this.pop.resolverOf[c]!, t);
      this.#pinned[c] = v;
      this.#pinnedAt[c] = t;
      const n = v < 0 ? 1 : versions[v]!.addresses.length;
      this.#rot[c] = Math.floor(this.#rng() * Math.max(1, n));
    }
    const version: Version | undefined = versions[this.#pinned[c]!];
    const served = version !== undefined && this.#attempt(version.addresses, this.#rot[c]!, this.pop.failover[c] === 1, t);
    if (served) {
      const since = this.#failSince[c]!;
      if (!Number.isNaN(since)) {
        this.log.outage(c, since, t - since, false);
        this.#failSince[c] = Number.NaN;
      }
    } else {
      this.log.failed(t);
      if (Number.isNaN(this.#failSince[c]!)) this.#failSince[c] = t;
    }
    return served;
  }

  /** Closes every open outage at `endMs` (censored: the run ended first). */
  closeOpen(endMs: number, clients: Iterable<number>): void {
    for (const c of clients) {
      const since = this.#failSince[c]!;
      if (Number.isNaN(since)) continue;
      this.log.outage(c, since, endMs - since, true);
      this.#failSince[c] = Number.NaN;
    }
  }

  /** The version in force at `t`, or the first one for a time before it was published (the steady state before the run). */
  #versionAtOrFirst(t: number): number {
    return this.#zone.versionAt(this.#name, t)?.index ?? (this.#zone.versions(this.#name).length > 0 ? 0 : -1);
  }

  #resolve(r: number, t: number): number {
    const k = this.#chain.length;
    for (let i = 0; i < k; i++) {
      if (t >= this.#expires[r * k + i]!) {
        this.queries++;
        this.#expires[r * k + i] = t + this.#chain[i]!.ttlMs + this.pop.overstayMs[r]!;
        if (i === k - 1) this.#cached[r] = this.#zone.versionAt(this.#name, t)?.index ?? -1;
      }
    }
    return this.#cached[r]!;
  }

  #attempt(addresses: readonly string[], rot: number, failover: boolean, t: number): boolean {
    const n = addresses.length;
    const tries = failover ? n : Math.min(1, n);
    for (let i = 0; i < tries; i++) {
      // Each try follows a connect timeout; the address's state when the request starts decides.
      const reach = this.#reach.reach(addresses[(rot + i) % n]!, t);
      if (reach === Reach.Service) {
        if (i > 0) this.log.slow(t);
        return true;
      }
      if (reach === Reach.Foreign) this.log.misdirected(t);
    }
    return false;
  }
}
