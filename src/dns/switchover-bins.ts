/**
 * Log-spaced times after a recovery at which switchover.csv looks, s: 1, 2, 5, 10, 20, 30 s;
 * 1, 2, 5, 10, 20, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 5, 10, 20, 50, 100, 200, 500 d (round
 * values a reader can quote: 60 s, 5 min, 1 h).
 */
export const SWITCHOVER_POINTS_S: readonly number[] = [
  ...[1, 2, 5, 10, 20, 30],
  ...[1, 2, 5, 10, 20, 30].map((m) => m * 60),
  ...[1, 2, 3, 6, 12].map((h) => h * 3600),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((d) => d * 86_400),
];

/** An incident as the bins see it: when it began and when the answer reached the service again (undefined: not yet, or never). */
export interface RecoveryTimes {
  readonly startMs: number;
  readonly recoveredMs?: number | undefined;
}

/** Column of a bin: requests sent, failed, misdirected (weighted). */
export const BIN = { requests: 0, failed: 1, misdirected: 2 } as const;
type Which = (typeof BIN)[keyof typeof BIN];

/**
 * Requests, failed requests and misdirected requests after each incident's recovery, in
 * log-spaced bins of time: bin j holds [R + P[j-1], R + P[j]) after the recovery R
 * (P = SWITCHOVER_POINTS_S in ms, P[-1] = 0). An event goes to the latest incident already
 * recovered at its time (in the per-request mode recoveries are known by then; the sampled
 * mode runs at the end, when all are). Memory: 3 numbers per incident and point.
 * `countRequests`: the model tells every request (per-request mode); else the caller
 * supplies the bins' request counts (the sampled mode simulates only some of them).
 */
export class SwitchoverBins {
  readonly countRequests: boolean;
  readonly #incidents: () => readonly RecoveryTimes[];
  readonly #edgesMs = SWITCHOVER_POINTS_S.map((s) => s * 1000);
  /** Per incident: Float64Array(points × 3), made on first use. */
  readonly #bins: (Float64Array | undefined)[] = [];

  constructor(incidents: () => readonly RecoveryTimes[], countRequests: boolean) {
    this.#incidents = incidents;
    this.countRequests = countRequests;
  }

  /** The weighted count in bin `j` of incident `k` (0 when nothing fell there). */
  at(k: number, j: number, which: Which): number {
    return this.#bins[k]?.[3 * j + which] ?? 0;
  }

  /** `n` events of kind `which` at `timeMs`. */
  add(which: Which, timeMs: number, n: number): void {
    const at = this.#slotOf(timeMs);
    if (at < 0) return;
    this.#bin(at >> 6)[3 * (at & 63) + which]! += n;
  }

  /** Whether events at `aMs` and `bMs` fall in the same bin (or both in none). */
  sameBin(aMs: number, bMs: number): boolean {
    return this.#slotOf(aMs) === this.#slotOf(bMs);
  }

  /** The first time after `timeMs` at which an event may fall in another bin than at `timeMs` (Infinity: none). */
  nextChange(timeMs: number): number {
    this.#refresh();
    const rs = this.#sortedR;
    const lo = this.#recoveredBy(timeMs);
    const k = lo === 0 ? -1 : this.#sortedK[lo - 1]!;
    let next = lo < rs.length ? rs[lo]! : Infinity; // the next recovery changes the incident
    if (k < 0) return next;
    const r = this.#recovered[k]!;
    for (const e of this.#edgesMs) {
      if (r + e > timeMs) {
        next = Math.min(next, r + e);
        break;
      }
    }
    return next;
  }

  /** The bin of an event at `timeMs` as incident × 64 + point, or -1 when it falls in none. */
  #slotOf(timeMs: number): number {
    const k = this.#incidentAt(timeMs);
    if (k < 0) return -1;
    const tau = timeMs - this.#recovered[k]!;
    const edges = this.#edgesMs;
    if (tau >= edges[edges.length - 1]!) return -1;
    let lo = 0;
    let hi = edges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= tau) lo = mid + 1;
      else hi = mid;
    }
    return k * 64 + lo;
  }

  /** `total` events spread evenly over [fromMs, toMs) (a client failing at its mean rate to the end of the run). */
  spread(which: Which, fromMs: number, toMs: number, total: number): void {
    if (!(toMs > fromMs)) {
      this.add(which, fromMs, total);
      return;
    }
    const rate = total / (toMs - fromMs);
    const inc = this.#incidents();
    for (let k = 0; k < inc.length; k++) {
      const r = inc[k]!.recoveredMs;
      if (r === undefined || r >= toMs) continue;
      // Events after the next recovery go to that incident.
      let until = toMs;
      for (let m = k + 1; m < inc.length; m++) {
        const rm = inc[m]!.recoveredMs;
        if (rm !== undefined && rm > r) until = Math.min(until, rm);
      }
      let prev = 0;
      for (let j = 0; j < this.#edgesMs.length; j++) {
        const a = Math.max(fromMs, r + prev);
        const b = Math.min(until, r + this.#edgesMs[j]!);
        prev = this.#edgesMs[j]!;
        if (b > a) this.#bin(k)[3 * j + which]! += rate * (b - a);
      }
    }
  }

  /** Recovered incidents sorted by recovery time (rebuilt when one more has recovered). */
  #sortedR = new Float64Array(0);
  #sortedK = new Int32Array(0);
  /** Each incident's recovery time at the last rebuild (NaN: not recovered), read instead of the incident objects on every event. */
  #recovered = new Float64Array(0);
  /** Incidents seen at the last rebuild, and those of them not recovered then (usually none or one). */
  #seen = -1;
  #unrecovered = new Int32Array(0);

  /** Whether an incident was added or recovered since the last rebuild (cheap: looks only at those that were not). */
  #changed(inc: readonly RecoveryTimes[]): boolean {
    if (inc.length !== this.#seen) return true;
    const u = this.#unrecovered; // a typed array: the same map whatever it holds (an array's changed with its contents, and deoptimised this on every event's path)
    for (let i = 0; i < u.length; i++) if (inc[u[i]!]!.recoveredMs !== undefined) return true;
    return false;
  }

  /** The incident with the latest recovery at or before `t` (-1: none). */
  #incidentAt(t: number): number {
    this.#refresh();
    const lo = this.#recoveredBy(t);
    return lo === 0 ? -1 : this.#sortedK[lo - 1]!;
  }

  /** Rebuilds the sorted recoveries when an incident was added or recovered since the last time. */
  #refresh(): void {
    const inc = this.#incidents();
    if (this.#changed(inc)) {
      this.#seen = inc.length;
      this.#unrecovered = Int32Array.from(inc.map((_, k) => k).filter((k) => inc[k]!.recoveredMs === undefined));
      const ks = inc.map((_, k) => k).filter((k) => inc[k]!.recoveredMs !== undefined);
      ks.sort((a, b) => inc[a]!.recoveredMs! - inc[b]!.recoveredMs! || a - b);
      // Typed arrays: an array of numbers changes its map with what it holds (small integers
      // or not), and the code reading it on every event was deoptimised at each rebuild.
      this.#sortedK = Int32Array.from(ks);
      this.#sortedR = Float64Array.from(ks, (k) => inc[k]!.recoveredMs!);
      this.#recovered = Float64Array.from(inc, (x) => x.recoveredMs ?? Number.NaN);
    }
  }

  /** How many incidents had recovered at or before `t` (as of the last rebuild): the index of the first later recovery. */
  #recoveredBy(t: number): number {
    const rs = this.#sortedR;
    let lo = 0;
    let hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #bin(k: number): Float64Array {
    let b = this.#bins[k];
    if (b === undefined) {
      b = new Float64Array(3 * this.#edgesMs.length);
      this.#bins[k] = b;
    }
    return b;
  }
}
