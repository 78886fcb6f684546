import { pathLatency, type LatencyEntry } from './latency.js';
import type { Lattice } from './lattice.js';
import { walkPath, type TierLoad } from './request-path.js';

/** Spacing of the arrival-rate grid latency distributions are computed on: 0.5% steps. */
const RATE_STEP = 1.005;
const LOG_STEP = Math.log(RATE_STEP);
/**
 * Interpolating between grid points is trusted when their p95 latencies differ by less than
 * this share: the mixture's error is second order in the difference (well under 0.1% here).
 */
const SMOOTH = 0.05;
/** Exact (off-grid) entries kept for reuse, e.g. when demand is constant near saturation. */
const EXACT_KEPT = 256;

/** One or two entries with weights summing to 1; `grid` entries keep their run weights here (`record`). */
export type Around = readonly { readonly entry: LatencyEntry; readonly weight: number; readonly grid: boolean }[];

/**
 * Latency distributions for the stretches of a run, computed once per (tier configuration,
 * arrival rate on a 1% geometric grid) and reused: a configuration lasts as long as no
 * instance changes, and demand moves slowly, so a month of one-minute intervals needs a few
 * hundred lattices, not one per interval. A stretch at rate λ between grid points λ_j and
 * λ_{j+1} (0.5% apart) is the mixture of their distributions, weighted by where λ lies
 * (linear in λ), unless their p95 latencies differ by more than 5% (near saturation, where a
 * small change in load changes the wait by orders of magnitude): then the distribution is
 * computed at λ itself. Counts of served and failed requests are always computed at the exact λ.
 */
export class LatencyCache {
  /** Grid entries by configuration id and grid index; exact ones by configuration id and rate. */
  readonly #entries = new Map<number, Map<number, LatencyEntry>>();
  readonly #exact = new Map<number, Map<number, LatencyEntry>>();
  readonly #ids = new Map<string, number>();
  #exactCount = 0;
  /** Served requests attributed to grid entries over the run, unshifted and shifted. */
  readonly #weights = new Map<LatencyEntry, [number, number]>();
  computed = 0;

  /** A small number standing for configuration `key` (a string naming every tier's state). */
  idOf(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(key, id);
    }
    return id;
  }

  /** The entries for tiers `loads` (configuration `id`, see idOf) at `arrivalRate` > 0, with their weights. */
  around(id: number, loads: readonly TierLoad[], arrivalRate: number): Around {
    const x = Math.log(arrivalRate) / LOG_STEP;
    const j = Math.floor(x);
    const lo = RATE_STEP ** j;
    const hi = lo * RATE_STEP;
    let grid = this.#entries.get(id);
    if (grid === undefined) this.#entries.set(id, (grid = new Map()));
    const e0 = this.#grid(grid, loads, j, lo);
    const e1 = this.#grid(grid, loads, j + 1, hi);
    const p0 = e0.requestP95;
    const p1 = e1.requestP95;
    if (Math.abs(p1 - p0) <= SMOOTH * Math.max(p0, p1)) {
      const wHi = Math.min(1, Math.max(0, (arrivalRate - lo) / (hi - lo)));
      return [{ entry: e0, weight: 1 - wHi, grid: true }, { entry: e1, weight: wHi, grid: true }];
    }
    let exact = this.#exact.get(id);
    if (exact === undefined) this.#exact.set(id, (exact = new Map()));
    let e = exact.get(arrivalRate);
    if (e === undefined) {
      if (this.#exactCount >= EXACT_KEPT) {
        this.#exact.clear();
        this.#exactCount = 0;
        this.#exact.set(id, (exact = new Map()));
      }
      e = this.#compute(loads, arrivalRate);
      exact.set(arrivalRate, e);
      this.#exactCount++;
    }
    return [{ entry: e, weight: 1, grid: false }];
  }

  /** Adds served requests to a grid entry's weight in the run (`slowed` of them delayed by the failover). */
  record(entry: LatencyEntry, served: number, slowed: number): void {
    const w = this.#weights.get(entry);
    if (w === undefined) this.#weights.set(entry, [served - slowed, slowed]);
    else {
      w[0] += served - slowed;
      w[1] += slowed;
    }
  }

  /** Every grid entry with its run weights. */
  *weighted(): Iterable<readonly [Lattice, number, number]> {
    for (const [e, [w, ws]] of this.#weights) yield [e.request, w, ws];
  }

  #grid(grid: Map<number, LatencyEntry>, loads: readonly TierLoad[], j: number, rate: number): LatencyEntry {
    let e = grid.get(j);
    if (e === undefined) {
      e = this.#compute(loads, rate);
      grid.set(j, e);
    }
    return e;
  }

  #compute(loads: readonly TierLoad[], rate: number): LatencyEntry {
    this.computed++;
    return pathLatency(loads, walkPath(loads, rate));
  }
}

/** Identifies a configuration of the tiers (all but the arrival rate), for `LatencyCache.idOf`. */
export function configKey(loads: readonly TierLoad[]): string {
  return loads.map((l) => `${l.servers}:${l.serviceRate}:${Array.from(l.immediate).join(',')}`).join(';');
}
