import type { CapacityIndex } from '../capacity-index.js';
import type { PlacementPolicy, PlacementRequest, ZoneLayout } from './policy.js';

/** Uniform probes tried before falling back to a first fit from a random start. */
export const RANDOM_PROBES = 32;

/**
 * A random fitting host. It probes up to `RANDOM_PROBES` uniformly drawn hosts of the zone
 * and takes the first that fits; when none did, it draws a start and takes the first fit
 * from there, wrapping around. Exactly uniform over fitting hosts while a probe succeeds
 * (always, in a mostly empty zone); near-uniform once few hosts fit, because the fallback
 * favours a fitting host that follows a long run of full ones. Draws only from `rng`, so a
 * seeded stream makes it reproducible; it never answers -1 while some host fits.
 */
export class RandomPolicy implements PlacementPolicy {
  readonly name = 'random';
  readonly #index: CapacityIndex;
  readonly #rng: () => number;

  /** A random policy over `index`, drawing uniform [0, 1) numbers from `rng`. */
  constructor(index: CapacityIndex, rng: () => number) {
    this.#index = index;
    this.#rng = rng;
  }

  /** A random fitting host in the zone, or -1 when none fits (decided in O(1) via the tree root then). */
  choose(req: PlacementRequest, zone: ZoneLayout): number {
    const width = zone.to - zone.from;
    if (width <= 0) return -1;
    const index = this.#index;
    // Skip the probes when nothing in the whole cloud can take the request.
    const max = index.maxFree();
    if (max.memoryMb < req.memoryMb || max.milliEcu < req.milliEcu || max.diskGb < req.diskGb) return -1;
    for (let i = 0; i < RANDOM_PROBES; i++) {
      const h = zone.from + this.#draw(width);
      if (index.fits(h, req)) return h;
    }
    return index.firstFitFrom(req, zone.from + this.#draw(width), zone.from, zone.to);
  }

  /** Stateless: nothing to record. */
  placed(): void {}

  /** Stateless: nothing to record. */
  released(): void {}

  /** Uniform integer in [0, width). */
  #draw(width: number): number {
    return Math.min(width - 1, Math.floor(this.#rng() * width));
  }
}
