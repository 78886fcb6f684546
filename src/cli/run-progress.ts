import type { RunProgress } from '../experiment/run-scenario.js';

/**
 * How far `ephemera run` has got, from the replications done and the simulated clock of
 * the current one. A replication's wall time is spent simulating, then collecting results
 * (the DNS model, the service's accounting), which the clock does not show; the share of
 * each is learned from the replications done so far (before the first is done, simulating
 * is taken to be all of it). Pure: the caller gives the wall-clock times.
 */
export class RunProgressModel {
  readonly #replications: number;
  #current = 0;
  #startMs = 0;
  #simEndMs: number | undefined;
  #simulatedFraction = 0;
  #simWallMs = 0;
  #totalWallMs = 0;

  constructor(replications: number, startMs: number) {
    this.#replications = Math.max(1, replications);
    this.#startMs = startMs;
  }

  /** The simulated clock of replication `p.replication` reached `p.simulatedMs` at wall time `nowMs`. */
  simulated(p: RunProgress, nowMs: number): void {
    if (p.replication !== this.#current) this.#begin(p.replication, nowMs);
    this.#simulatedFraction = p.durationMs > 0 ? p.simulatedMs / p.durationMs : 1;
    if (p.simulatedMs >= p.durationMs && this.#simEndMs === undefined) this.#simEndMs = nowMs;
  }

  /** Replication `done` (1-based count) finished at wall time `nowMs`. */
  finished(done: number, nowMs: number): void {
    this.#simWallMs += (this.#simEndMs ?? nowMs) - this.#startMs;
    this.#totalWallMs += nowMs - this.#startMs;
    this.#begin(done, nowMs);
  }

  /** The share done, 0 to 1. */
  get fraction(): number {
    const share = this.#totalWallMs > 0 ? this.#simWallMs / this.#totalWallMs : 1;
    return Math.min(1, (this.#current + share * this.#simulatedFraction) / this.#replications);
  }

  /** `replication 3/20`, with `collecting results` once its clock reached the end. */
  get detail(): string {
    const n = Math.min(this.#current + 1, this.#replications);
    return `replication ${n}/${this.#replications}${this.#simEndMs !== undefined ? '  collecting results' : ''}`;
  }

  #begin(replication: number, nowMs: number): void {
    this.#current = replication;
    this.#startMs = nowMs;
    this.#simEndMs = undefined;
    this.#simulatedFraction = 0;
  }
}
