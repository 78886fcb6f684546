/** Address reuse policies: the interface, one class per policy, and a factory by name. */
import { OldestFirstReuse } from './oldest-first.js';
import type { ReusePolicy, ReusePolicyName } from './policy.js';
import { RandomReuse } from './random.js';

export { REUSE_POLICY_NAMES, type ReusePolicy, type ReusePolicyName } from './policy.js';
export { OldestFirstReuse } from './oldest-first.js';
export { RandomReuse } from './random.js';

/** The policy called `name` over `size` offsets; `rng` (a named seeded stream) is used by `random` only. */
export function createReusePolicy(name: ReusePolicyName, size: number, rng: () => number): ReusePolicy {
  switch (name) {
    case 'random':
      return new RandomReuse(size, rng);
    case 'oldest-first':
      return new OldestFirstReuse(size);
  }
}
