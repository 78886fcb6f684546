/**
 * What clients experienced: failed, misdirected and slow (failed over) requests, and each
 * client outage (from its first failed request to its first successful one). An outage
 * still open when the run ends is closed at the end and marked censored.
 */
export class OutcomeLog {
  failedRequests = 0;
  misdirectedRequests = 0;
  /** Requests served only after a connect timeout and a try of the next A record. */
  slowRequests = 0;
  /** With a bucket width (ms): failed, misdirected and slow requests per bucket of time (sparse, by bucket index). */
  readonly bucketMs: number | undefined;
  readonly buckets = new Map<number, [failed: number, misdirected: number, slow: number]>();

  constructor(bucketMs?: number) {
    this.bucketMs = bucketMs;
  }

  /** Counts one failed request at `t` (ms). */
  failed(t: number, count = 1): void {
    this.failedRequests += count;
    this.#bucket(t)[0] += count;
  }

  /** Counts one request sent to another customer's address at `t`. */
  misdirected(t: number, count = 1): void {
    this.misdirectedRequests += count;
    this.#bucket(t)[1] += count;
  }

  /** Counts one request served after a failover at `t`. */
  slow(t: number): void {
    this.slowRequests++;
    this.#bucket(t)[2]++;
  }

  /**
   * Client with request phase `phaseMs` (period `periodMs`) fails every request from `fromMs`
   * to `endMs` (misdirected too when `foreign`): its answer can no longer change. Counted
   * exactly in total; per bucket, exactly in the first bucket and at the mean rate after it
   * (exact when the bucket is a whole number of periods).
   */
  failingToEnd(fromMs: number, phaseMs: number, periodMs: number, endMs: number, foreign: boolean): void {
    const first = phaseMs + Math.ceil((fromMs - phaseMs) / periodMs) * periodMs;
    const n = Math.max(0, Math.ceil((endMs - phaseMs) / periodMs) - Math.ceil((fromMs - phaseMs) / periodMs));
    this.failedRequests += n;
    if (foreign) this.misdirectedRequests += n;
    if (this.bucketMs === undefined || n === 0) return;
    const b = this.bucketMs;
    const k0 = Math.floor(first / b);
    const boundary = Math.min(endMs, (k0 + 1) * b);
    let t = first;
    for (; t < boundary; t += periodMs) {
      this.#bucket(t)[0]++;
      if (foreign) this.#bucket(t)[1]++;
    }
    if (t >= endMs) return;
    // After the first bucket: the mean rate, up to the end (the last bucket may be partial).
    const buckets = Math.ceil(endMs / b);
    this.#frozen ??= { failed: new Float64Array(buckets + 1), misdirected: new Float64Array(buckets + 1) };
    const perBucket = b / periodMs;
    const rest = Math.ceil((endMs - phaseMs) / periodMs) - Math.ceil((boundary - phaseMs) / periodMs);
    // Whole buckets k0+1 .. buckets-2 get perBucket; the last gets what remains, so the total is exact.
    const whole = Math.max(0, buckets - 1 - (k0 + 1));
    const last = rest - whole * perBucket;
    const add = (arr: Float64Array): void => {
      arr[k0 + 1]! += perBucket;
      arr[buckets - 1]! -= perBucket;
      arr[buckets - 1]! += last;
      arr[buckets]! -= last;
    };
    add(this.#frozen.failed);
    if (foreign) add(this.#frozen.misdirected);
  }

  /** Failed, misdirected and slow requests in bucket `k` (needs a bucket width). */
  bucket(k: number): readonly [failed: number, misdirected: number, slow: number] {
    const b = this.buckets.get(k) ?? SINK_ZERO;
    if (this.#frozen === undefined) return b;
    if (this.#dense === undefined) {
      const f = this.#frozen;
      const failed = new Float64Array(f.failed.length);
      const mis = new Float64Array(f.failed.length);
      let sf = 0;
      let sm = 0;
      for (let i = 0; i < failed.length; i++) {
        failed[i] = sf += f.failed[i]!;
        mis[i] = sm += f.misdirected[i]!;
      }
      this.#dense = { failed, misdirected: mis };
    }
    return [b[0] + (this.#dense.failed[k] ?? 0), b[1] + (this.#dense.misdirected[k] ?? 0), b[2]];
  }

  #frozen: { failed: Float64Array; misdirected: Float64Array } | undefined;
  #dense: { failed: Float64Array; misdirected: Float64Array } | undefined;

  #bucket(t: number): [number, number, number] {
    if (this.bucketMs === undefined) return SINK;
    const k = Math.floor(t / this.bucketMs);
    let b = this.buckets.get(k);
    if (b === undefined) {
      b = [0, 0, 0];
      this.buckets.set(k, b);
    }
    return b;
  }
  readonly outageClient: number[] = [];
  readonly outageStartMs: number[] = [];
  readonly outageMs: number[] = [];
  readonly outageCensored: boolean[] = [];

  /** Records one client's outage. */
  outage(client: number, startMs: number, durationMs: number, censored: boolean): void {
    this.outageClient.push(client);
    this.outageStartMs.push(startMs);
    this.outageMs.push(durationMs);
    this.outageCensored.push(censored);
  }

  /** Total failed client-time, ms. */
  get failedClientMs(): number {
    let s = 0;
    for (const d of this.outageMs) s += d;
    return s;
  }
}

/** Where counts go when nobody asked for buckets. */
const SINK: [number, number, number] = [0, 0, 0];
const SINK_ZERO: readonly [number, number, number] = [0, 0, 0];
