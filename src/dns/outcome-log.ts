import { BIN, type SwitchoverBins } from './switchover-bins.js';

/**
 * What clients experienced: failed, misdirected and slow (failed over) requests, and each
 * client outage (from its first failed request to its first successful one). An outage
 * still open when the run ends is closed at the end and marked censored.
 *
 * Counts are weighted: a simulated client that stands for w clients (clients.sample) adds w
 * per request. The RequestProcessor records every request outcome here (`failed`,
 * `misdirected`, `slow`, `outage`). With `perClient`, the unweighted counts of each
 * simulated client are kept too, for the sampling error. Outages are kept in typed arrays:
 * ten million clients make ten million outages.
 */
export class OutcomeLog {
  failedRequests = 0;
  misdirectedRequests = 0;
  /** Requests served only after a connect timeout and a try of the next A record. */
  slowRequests = 0;
  /** Per simulated client, unweighted: failed and misdirected requests (when kept). */
  readonly perClient: { readonly failed: Float64Array; readonly misdirected: Float64Array } | undefined;
  #client = new Int32Array(256);
  #start = new Float64Array(256);
  #duration = new Float64Array(256);
  #censored = new Uint8Array(256);
  #weight: Float64Array | undefined;
  /** Per outage: 1 when the request that opened it reached another customer's machine. */
  #foreign = new Uint8Array(256);
  /** Outages that changed class, by index: when (few do: a map, not 8 bytes per outage). */
  readonly #switchMs = new Map<number, number>();
  #count = 0;
  /** Requests, failed and misdirected requests after each recovery, in log-spaced bins (switchover.csv), when set. */
  switchover: SwitchoverBins | undefined;
  /** Authoritative queries per bucket: counted, plus difference arrays of expected rates (sampled mode between windows). */
  #queries = new Float64Array(0);
  #queryRate: Float64Array | undefined;
  #queryRateSums: Float64Array | undefined;

  /** With a bucket width (ms): failed, misdirected and slow requests per bucket of time too (the service's interval). */
  readonly bucketMs: number | undefined;
  /** Per bucket index: failed, misdirected, slow (weighted), grown as needed. */
  #buckets = new Float64Array(0);
  /** Difference arrays of counts spread at a mean rate to the end of the run (failed, misdirected), summed when read. */
  #spread: { failed: Float64Array; misdirected: Float64Array } | undefined;
  #spreadSums: { failed: Float64Array; misdirected: Float64Array } | undefined;

  /**
   * `clients`: keep per-client counts for that many simulated clients; `weighted`: outages
   * carry a weight; `bucketMs`: count outcomes per bucket of time as well.
   */
  constructor(options: { readonly clients?: number; readonly weighted?: boolean; readonly bucketMs?: number | undefined } = {}) {
    this.perClient = options.clients === undefined ? undefined : { failed: new Float64Array(options.clients), misdirected: new Float64Array(options.clients) };
    if (options.weighted === true) this.#weight = new Float64Array(256);
    this.bucketMs = options.bucketMs;
  }

  /** Makes room for `n` outages at once (a run expecting about one per client grows its arrays once). */
  reserve(n: number): void {
    if (this.#client.length < n) this.#grow(n); // exactly n: doubling up to it could nearly double the memory
  }

  /**
   * A request of `client` (standing for `weight` clients) failed at `timeMs`; `count` > 1:
   * that many, from `timeMs` to the end of the run (a client left with an answer that can
   * never work).
   */
  failed(client: number, timeMs: number, weight = 1, count = 1): void {
    this.failedRequests += weight * count;
    if (this.perClient !== undefined) this.perClient.failed[client]! += count;
    if (this.bucketMs !== undefined) this.#add(timeMs, 0, weight * count);
    this.switchover?.add(BIN.failed, timeMs, weight * count);
  }

  /**
   * The failed (and, when `misdirected`, misdirected) requests of clients from .. to - 1,
   * each standing for `weight` (a whole number) clients, at base + phase[c] (phases sorted):
   * what `failed` (and `misdirected`) of each would count, counted once per run of clients
   * whose requests fall in the same bucket and switch-over bin. Not with per-client counts.
   */
  failedInBins(from: number, to: number, base: number, phase: Float64Array, weight: number, misdirected: boolean): void {
    if (this.perClient !== undefined || !Number.isInteger(weight)) throw new Error('failedInBins: per-client counts or a fractional weight; count each request');
    const b = this.bucketMs;
    for (let c = from; c < to;) {
      const t = base + phase[c]!;
      const limit = Math.min(b === undefined ? Infinity : (Math.floor(t / b) + 1) * b, this.switchover?.nextChange(t) ?? Infinity);
      let e = c + 1;
      while (e < to && base + phase[e]! < limit) e++;
      this.request(t, weight * (e - c));
      if (misdirected) this.misdirected(c, t, weight, e - c);
      this.failed(c, t, weight, e - c);
      c = e;
    }
  }

  /** Whether requests at `aMs` and `bMs` land in the same bucket and switch-over bin (so they can be counted at once). */
  sameBins(aMs: number, bMs: number): boolean {
    const b = this.bucketMs;
    if (b !== undefined && Math.floor(aMs / b) !== Math.floor(bMs / b)) return false;
    return this.switchover === undefined || this.switchover.sameBin(aMs, bMs);
  }

  /** A request of weight `weight` was sent at `timeMs` (counted only for switchover bins that count requests). */
  request(timeMs: number, weight: number): void {
    const sw = this.switchover;
    if (sw !== undefined && sw.countRequests) sw.add(BIN.requests, timeMs, weight);
  }

  /** The authoritative servers answered `n` queries at `timeMs` (per bucket; the total is the model's). */
  query(timeMs: number, n = 1): void {
    const b = this.bucketMs;
    if (b === undefined) return;
    const k = Math.floor(timeMs / b);
    if (k < 0) return;
    if (k >= this.#queries.length) {
      const grown = new Float64Array(Math.max(k + 1, 2 * this.#queries.length));
      grown.set(this.#queries);
      this.#queries = grown;
    }
    this.#queries[k]! += n;
  }

  /**
   * Expected queries at `ratePerMs` over [fromMs, toMs) (negative: taken away, for a span a
   * window counted instead), per bucket: exact overlaps at the ends, difference arrays between.
   */
  queryRate(fromMs: number, toMs: number, ratePerMs: number): void {
    const b = this.bucketMs;
    if (b === undefined || !(toMs > fromMs) || ratePerMs === 0) return;
    const k0 = Math.floor(fromMs / b);
    const k1 = Math.ceil(toMs / b) - 1;
    if (this.#queryRate === undefined || this.#queryRate.length < k1 + 2) {
      const a = new Float64Array(Math.max(k1 + 2, 2 * (this.#queryRate?.length ?? 0)));
      if (this.#queryRate !== undefined) a.set(this.#queryRate);
      this.#queryRate = a;
    }
    this.#queryRateSums = undefined;
    if (k0 === k1) {
      this.query(fromMs, ratePerMs * (toMs - fromMs));
      return;
    }
    this.query(fromMs, ratePerMs * ((k0 + 1) * b - fromMs));
    this.query(k1 * b, ratePerMs * (toMs - k1 * b));
    const d = this.#queryRate;
    d[k0 + 1]! += ratePerMs * b;
    d[k1]! -= ratePerMs * b;
  }

  /** Authoritative queries in bucket `k` (counted and expected). */
  queriesIn(k: number): number {
    const own = this.#queries[k] ?? 0;
    const d = this.#queryRate;
    if (d === undefined) return own;
    if (this.#queryRateSums === undefined) {
      const out = new Float64Array(d.length);
      let acc = 0;
      for (let i = 0; i < d.length; i++) out[i] = acc += d[i]!;
      this.#queryRateSums = out;
    }
    return own + (this.#queryRateSums[k] ?? 0);
  }

  /** A request reached another customer's machine at `timeMs` (counted per address tried); `count` as for `failed`. */
  misdirected(client: number, timeMs: number, weight = 1, count = 1): void {
    this.misdirectedRequests += weight * count;
    if (this.perClient !== undefined) this.perClient.misdirected[client]! += count;
    if (this.bucketMs !== undefined) this.#add(timeMs, 1, weight * count);
    this.switchover?.add(BIN.misdirected, timeMs, weight * count);
  }

  /**
   * `count` requests of `client` (standing for `weight` clients) fail from `fromMs` to
   * `endMs`, misdirected too when `foreign`: an answer that can never work. Totals as
   * `failed`; per bucket, spread at the mean rate over [fromMs, endMs) (exact in total; within
   * a request per bucket for a periodic client whose period divides the bucket).
   */
  failingToEnd(client: number, fromMs: number, endMs: number, weight: number, count: number, foreign: boolean): void {
    this.failedRequests += weight * count;
    if (this.perClient !== undefined) this.perClient.failed[client]! += count;
    if (foreign) {
      this.misdirectedRequests += weight * count;
      if (this.perClient !== undefined) this.perClient.misdirected[client]! += count;
    }
    if (count > 0) {
      this.switchover?.spread(BIN.failed, fromMs, endMs, weight * count);
      if (foreign) this.switchover?.spread(BIN.misdirected, fromMs, endMs, weight * count);
    }
    const b = this.bucketMs;
    if (b === undefined || count === 0) return;
    if (!(endMs > fromMs)) {
      this.#add(fromMs, 0, weight * count);
      if (foreign) this.#add(fromMs, 1, weight * count);
      return;
    }
    const buckets = Math.ceil(endMs / b);
    if (this.#spread === undefined || this.#spread.failed.length < buckets + 1) {
      const grow = (old: Float64Array | undefined): Float64Array => {
        const a = new Float64Array(buckets + 1);
        if (old !== undefined) a.set(old);
        return a;
      };
      this.#spread = { failed: grow(this.#spread?.failed), misdirected: grow(this.#spread?.misdirected) };
    }
    this.#spreadSums = undefined;
    const rate = (weight * count) / (endMs - fromMs);
    const k0 = Math.floor(fromMs / b);
    const k1 = buckets - 1;
    const spread = this.#spread;
    for (const which of foreign ? ([0, 1] as const) : ([0] as const)) {
      // The first and last buckets get their overlap; those between a whole bucket's worth each (difference array).
      this.#addAt(which, k0, rate * (Math.min(endMs, (k0 + 1) * b) - fromMs));
      if (k1 > k0) {
        const d = which === 0 ? spread.failed : spread.misdirected;
        d[k0 + 1]! += rate * b;
        d[k1]! -= rate * b;
        this.#addAt(which, k1, rate * (endMs - k1 * b));
      }
    }
  }

  /** A request was served only after a connect timeout and a try of the next A record. */
  slow(_client: number, timeMs: number, weight = 1): void {
    this.slowRequests += weight;
    if (this.bucketMs !== undefined) this.#add(timeMs, 2, weight);
  }

  /** Failed, misdirected and slow requests (weighted) in bucket `k` of `bucketMs` (zeros without buckets). */
  bucket(k: number): readonly [failed: number, misdirected: number, slow: number] {
    const own = this.#buckets;
    const at = 3 * k;
    const f = own[at] ?? 0;
    const m = own[at + 1] ?? 0;
    const sl = own[at + 2] ?? 0;
    const spread = this.#spread;
    if (spread === undefined) return [f, m, sl];
    if (this.#spreadSums === undefined) {
      const sum = (d: Float64Array): Float64Array => {
        const out = new Float64Array(d.length);
        let acc = 0;
        for (let i = 0; i < d.length; i++) out[i] = acc += d[i]!;
        return out;
      };
      this.#spreadSums = { failed: sum(spread.failed), misdirected: sum(spread.misdirected) };
    }
    return [f + (this.#spreadSums.failed[k] ?? 0), m + (this.#spreadSums.misdirected[k] ?? 0), sl];
  }

  #add(timeMs: number, which: 0 | 1 | 2, n: number): void {
    this.#addAt(which, Math.floor(timeMs / this.bucketMs!), n);
  }

  #addAt(which: 0 | 1 | 2, k: number, n: number): void {
    if (k < 0) return;
    const at = 3 * k + which;
    if (at >= this.#buckets.length) {
      const grown = new Float64Array(Math.max(3 * (k + 1), 2 * this.#buckets.length));
      grown.set(this.#buckets);
      this.#buckets = grown;
    }
    this.#buckets[at]! += n;
  }

  /**
   * Records one client's outage (standing for `weight` clients' outages); `foreign`: the
   * request that opened it reached another customer's machine; `switchMs`: when its
   * requests first went the other way (dead to foreign or back; NaN: never).
   */
  outage(client: number, startMs: number, durationMs: number, censored: boolean, weight = 1, foreign = false, switchMs = Number.NaN): void {
    if (this.#count === this.#client.length) this.#grow();
    const k = this.#count++;
    this.#foreign[k] = foreign ? 1 : 0;
    if (!Number.isNaN(switchMs)) this.#switchMs.set(k, switchMs);
    this.#client[k] = client;
    this.#start[k] = startMs;
    this.#duration[k] = durationMs;
    this.#censored[k] = censored ? 1 : 0;
    if (this.#weight !== undefined) this.#weight[k] = weight;
  }

  /** Number of outages recorded. */
  get outages(): number {
    return this.#count;
  }

  get outageClient(): Int32Array {
    return this.#client.subarray(0, this.#count);
  }

  get outageStartMs(): Float64Array {
    return this.#start.subarray(0, this.#count);
  }

  get outageMs(): Float64Array {
    return this.#duration.subarray(0, this.#count);
  }

  /** 1 for an outage the end of the run cut short. */
  get outageCensored(): Uint8Array {
    return this.#censored.subarray(0, this.#count);
  }

  /** 1 for an outage opened by a misdirected request (another customer's machine), 0 for a dead address. */
  get outageForeign(): Uint8Array {
    return this.#foreign.subarray(0, this.#count);
  }

  /** When outage `o`'s requests first changed between dead and foreign (NaN: never). */
  outageSwitchMs(o: number): number {
    return this.#switchMs.size === 0 ? Number.NaN : this.#switchMs.get(o) ?? Number.NaN;
  }

  /** Each outage's weight (undefined: all 1). */
  get outageWeight(): Float64Array | undefined {
    return this.#weight?.subarray(0, this.#count);
  }

  /** Total failed client-time, ms (weighted). */
  get failedClientMs(): number {
    let s = 0;
    const d = this.#duration;
    const w = this.#weight;
    for (let k = 0; k < this.#count; k++) s += w === undefined ? d[k]! : d[k]! * w[k]!;
    return s;
  }

  /** Makes room for `n` outages (default: twice as many as now). */
  #grow(n = this.#client.length * 2): void {
    const client = new Int32Array(n);
    client.set(this.#client);
    this.#client = client;
    const start = new Float64Array(n);
    start.set(this.#start);
    this.#start = start;
    const duration = new Float64Array(n);
    duration.set(this.#duration);
    this.#duration = duration;
    const censored = new Uint8Array(n);
    censored.set(this.#censored);
    this.#censored = censored;
    const foreign = new Uint8Array(n);
    foreign.set(this.#foreign);
    this.#foreign = foreign;
    if (this.#weight !== undefined) {
      const weight = new Float64Array(n);
      weight.set(this.#weight);
      this.#weight = weight;
    }
  }
}
