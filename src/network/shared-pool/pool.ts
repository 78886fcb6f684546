import type { Distribution } from '../../engine/index.js';
import type { Cidr } from '../ipv4.js';
import type { ReusePolicyName } from '../reuse/index.js';

/** Other customers' use of the pool. */
export interface ChurnOptions {
  /** Their address takes, per ms (Poisson arrivals). 0 disables the churn. */
  readonly ratePerMs: number;
  /** How long another customer keeps an address, ms. */
  readonly hold: Distribution;
}

/** Where the pool reports other customers' takes and releases of the addresses it observes, as they are worked out. */
export interface TenantSink {
  /** Another customer took `ip` at `timeMs` (<= now). */
  tenantTook(ip: number, timeMs: number): void;
  /** Another customer gave `ip` back at `timeMs` (<= now). */
  tenantGave(ip: number, timeMs: number): void;
}

/**
 * A public block shared by our account and other customers, under a reuse policy (one
 * implementation per policy, all passing test/network/shared-pool.case.ts).
 *
 * Only the addresses the results can see are followed one by one: those our account has
 * held and those somebody asked about (the *observed* addresses). Other customers' takes of
 * them, how long they keep them and when they give them back are drawn from the policy's
 * law of a stationary pool, lazily, when time reaches them (`advance`); the rest of the pool
 * is known only by its stationary occupancy (TenantOccupancy). So the cost is proportional
 * to the observed addresses and their changes, not to the churn rate, and the outcomes have
 * the law of the explicit model (every arrival simulated): see test/network/explicit-pool.ts.
 *
 * Every method that acts at `nowMs` first works out what happened up to then.
 */
export interface SharedPool {
  readonly name: ReusePolicyName;
  readonly cidr: Cidr;
  /** Addresses the pool can hand out. */
  readonly capacity: number;
  /** Addresses our account holds now. */
  readonly ours: number;
  /** Observed addresses held now: ours and other customers' holdings of observed addresses. */
  readonly held: number;
  /** Expected number of free addresses now (observed free plus the stationary mean of the others). */
  readonly expectedFree: number;
  /** Entries in internal storage: grows with the observed addresses, never with the block. */
  readonly storedEntries: number;
  /** Addresses followed one by one. */
  readonly observed: number;
  /** Where other customers' takes and releases of observed addresses go. */
  attach(sink: TenantSink): void;
  /** Starts other customers' churn at `nowMs` (before it, the pool is ours alone). */
  start(nowMs: number): void;
  /** Works out other customers' takes and releases of observed addresses up to `nowMs` (inclusive). */
  advance(nowMs: number): void;
  /** True when `ip` can be handed out by this pool. */
  contains(ip: number): boolean;
  /** True when `ip` is observed and held (by us or another customer). */
  isHeld(ip: number): boolean;
  /** Whether a take now would get an address (decided now; the next `take` at the same state agrees). */
  admits(nowMs: number): boolean;
  /** Our account takes an address now, chosen by the policy; undefined when none is free. */
  take(nowMs: number): number | undefined;
  /** Our account gives `ip` back now. @throws when we do not hold it */
  give(ip: number, nowMs: number): void;
  /** Starts following `ip` (in the pool, not yet observed) in the state a stationary pool gives it now. */
  observe(ip: number, nowMs: number): void;
}
