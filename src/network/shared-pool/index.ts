/** Public pools shared with other customers: the interface, one class per reuse policy, and a factory by name. */
import type { StreamFamily } from '../../engine/index.js';
import type { Cidr } from '../ipv4.js';
import type { ReusePolicyName } from '../reuse/index.js';
import { OldestFirstSharedPool } from './oldest-first.js';
import type { ChurnOptions, SharedPool } from './pool.js';
import { RandomSharedPool } from './random.js';

export type { ChurnOptions, SharedPool, TenantSink } from './pool.js';
export { OldestFirstSharedPool } from './oldest-first.js';
export { RandomSharedPool } from './random.js';

/** Random draws of a shared pool: which address our takes get, other customers' arrival counts, and the observed addresses' own streams. */
export interface SharedPoolStreams {
  readonly choice: () => number;
  readonly arrivals: () => number;
  readonly family: StreamFamily;
}

/** The shared pool over `cidr` under policy `name`. */
export function createSharedPool(name: ReusePolicyName, cidr: Cidr, churn: ChurnOptions, streams: SharedPoolStreams): SharedPool {
  switch (name) {
    case 'random':
      return new RandomSharedPool(cidr, churn, streams.family, streams.choice);
    case 'oldest-first':
      return new OldestFirstSharedPool(cidr, churn, streams.family, streams.choice, streams.arrivals);
  }
}
