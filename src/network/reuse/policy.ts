/**
 * How a pool chooses the next free address: the reuse-policy interface. Each policy lives
 * in its own file and every one passes the shared suite in test/network/reuse.case.ts.
 * Policies work on offsets 0..size-1 within a pool and store only what use has touched,
 * never one entry per address: a /8 costs nothing until addresses are taken.
 */

/** The names a scenario may give as `cloud.network.reuse`, in documentation order. */
export const REUSE_POLICY_NAMES = ['random', 'oldest-first'] as const;

/** `random` | `oldest-first`. */
export type ReusePolicyName = (typeof REUSE_POLICY_NAMES)[number];

/** A swappable free-address structure over offsets 0..size-1; all start free. */
export interface ReusePolicy {
  readonly name: ReusePolicyName;
  /** Number of free offsets. */
  readonly free: number;
  /** Takes a free offset, or returns undefined when none is left (the pool is exhausted). */
  take(): number | undefined;
  /** Gives back an offset taken earlier (the caller guarantees it is held). */
  give(offset: number): void;
  /** Entries held in the policy's internal storage: grows with use, never with the pool's size. */
  readonly storedEntries: number;
}
