import type { CapacityIndex } from '../capacity-index.js';
import type { PlacementPolicy, PlacementRequest, ZoneLayout } from './policy.js';

/** The lowest-index host of the zone that fits: packs hosts from the start of the zone. */
export class FirstFitPolicy implements PlacementPolicy {
  readonly name = 'first-fit';
  readonly #index: CapacityIndex;

  /** A first-fit policy over `index`. */
  constructor(index: CapacityIndex) {
    this.#index = index;
  }

  /** Lowest fitting host index in the zone, or -1. */
  choose(req: PlacementRequest, zone: ZoneLayout): number {
    return this.#index.firstFit(req, zone.from, zone.to);
  }

  /** Stateless: nothing to record. */
  placed(): void {}

  /** Stateless: nothing to record. */
  released(): void {}
}
