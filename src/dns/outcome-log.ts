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
  #count = 0;

  /** `clients`: keep per-client counts for that many simulated clients; `weighted`: outages carry a weight. */
  constructor(options: { readonly clients?: number; readonly weighted?: boolean } = {}) {
    this.perClient = options.clients === undefined ? undefined : { failed: new Float64Array(options.clients), misdirected: new Float64Array(options.clients) };
    if (options.weighted === true) this.#weight = new Float64Array(256);
  }

  /** Makes room for `n` outages at once (a run expecting about one per client grows its arrays once). */
  reserve(n: number): void {
    while (this.#client.length < n) this.#grow();
  }

  /**
   * A request of `client` (standing for `weight` clients) failed at `timeMs`; `count` > 1:
   * that many, from `timeMs` to the end of the run (a client left with an answer that can
   * never work).
   */
  failed(client: number, _timeMs: number, weight = 1, count = 1): void {
    this.failedRequests += weight * count;
    if (this.perClient !== undefined) this.perClient.failed[client]! += count;
  }

  /** A request reached another customer's machine at `timeMs` (counted per address tried); `count` as for `failed`. */
  misdirected(client: number, _timeMs: number, weight = 1, count = 1): void {
    this.misdirectedRequests += weight * count;
    if (this.perClient !== undefined) this.perClient.misdirected[client]! += count;
  }

  /** A request was served only after a connect timeout and a try of the next A record. */
  slow(_client: number, _timeMs: number, weight = 1): void {
    this.slowRequests += weight;
  }

  /** Records one client's outage (standing for `weight` clients' outages). */
  outage(client: number, startMs: number, durationMs: number, censored: boolean, weight = 1): void {
    if (this.#count === this.#client.length) this.#grow();
    const k = this.#count++;
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

  #grow(): void {
    const n = this.#client.length * 2;
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
    if (this.#weight !== undefined) {
      const weight = new Float64Array(n);
      weight.set(this.#weight);
      this.#weight = weight;
    }
  }
}
