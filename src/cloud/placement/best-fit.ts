import type { CapacityIndex } from '../capacity-index.js';
import type { PlacementPolicy, PlacementRequest, ZoneLayout } from './policy.js';

/**
 * The fitting host left with the least free memory (ties: lowest index): fills partly used
 * hosts first and keeps empty ones whole for large instances.
 */
export class BestFitPolicy implements PlacementPolicy {
  readonly name = 'best-fit';
  readonly #index: CapacityIndex;

  /** A best-fit policy over `index`. */
  constructor(index: CapacityIndex) {
    this.#index = index;
  }

  /** Tightest-memory fitting host in the zone, or -1. */
  choose(req: PlacementRequest, zone: ZoneLayout): number {
    return this.#index.bestFit(req, zone.from, zone.to);
  }

  /** Stateless: nothing to record. */
  placed(): void {}

  /** Stateless: nothing to record. */
  released(): void {}
}
