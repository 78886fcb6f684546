import { closestToNextHour } from './closest-to-next-hour.js';
import { newest } from './newest.js';
import { oldest } from './oldest.js';
import type { TerminationPolicy, TerminationPolicyName } from './policy.js';

export type { Candidate, TerminationPolicy, TerminationPolicyName } from './policy.js';
export { intoPaidHourMs } from './policy.js';

/** Every termination policy by name. */
export const TERMINATION_POLICIES: Readonly<Record<TerminationPolicyName, TerminationPolicy>> = {
  oldest,
  newest,
  'closest-to-next-hour': closestToNextHour,
};
