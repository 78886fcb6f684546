/** A member a group could terminate. */
export interface Candidate {
  readonly id: string;
  /** When it was launched (billing starts then), ms. */
  readonly launchedMs: number;
  /** Position in the run's launches (1-based): breaks ties, so an order is the same every run. */
  readonly launchOrder: number;
}

/** Which members a group terminates first when it scales in. One file per policy, one shared suite. */
export interface TerminationPolicy {
  readonly name: TerminationPolicyName;
  /** `candidates` in the order to terminate them, first first (a new array). */
  order(candidates: readonly Candidate[], nowMs: number): Candidate[];
}

export type TerminationPolicyName = 'oldest' | 'newest' | 'closest-to-next-hour';

const HOUR_MS = 3_600_000;

/** Minutes into its current paid hour (billing counts whole hours from launch), ms. */
export function intoPaidHourMs(c: Candidate, nowMs: number): number {
  return (((nowMs - c.launchedMs) % HOUR_MS) + HOUR_MS) % HOUR_MS;
}
