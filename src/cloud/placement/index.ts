/** Placement policies: the interface, one class per policy, and a factory by name. */
import type { CapacityIndex } from '../capacity-index.js';
import { BestFitPolicy } from './best-fit.js';
import { FirstFitPolicy } from './first-fit.js';
import type { PlacementPolicy, PlacementPolicyName } from './policy.js';
import { RandomPolicy } from './random.js';
import { SpreadPolicy } from './spread.js';

export {
  PLACEMENT_POLICY_NAMES,
  type PlacementPolicy,
  type PlacementPolicyName,
  type PlacementRequest,
  type ZoneLayout,
} from './policy.js';
export { BestFitPolicy } from './best-fit.js';
export { FirstFitPolicy } from './first-fit.js';
export { RANDOM_PROBES, RandomPolicy } from './random.js';
export { SpreadPolicy } from './spread.js';

/**
 * The policy called `name` over `index`. `rng` gives uniform [0, 1) draws (a named seeded
 * stream; only `random` uses it); `rackOf(host)` gives a rack id unique across the cloud
 * (only `spread` uses it).
 */
export function createPlacementPolicy(
  name: PlacementPolicyName,
  index: CapacityIndex,
  rng: () => number,
  rackOf: (host: number) => number,
): PlacementPolicy {
  switch (name) {
    case 'first-fit':
      return new FirstFitPolicy(index);
    case 'best-fit':
      return new BestFitPolicy(index);
    case 'spread':
      return new SpreadPolicy(index, rackOf);
    case 'random':
      return new RandomPolicy(index, rng);
  }
}
