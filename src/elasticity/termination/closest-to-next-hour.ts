import { intoPaidHourMs, type TerminationPolicy } from './policy.js';

/**
 * AWS's ClosestToNextInstanceHour: the member whose paid hour is nearest its end first, so
 * a terminated instance throws away as little of the hour already paid for as possible.
 * Ties: the oldest first.
 */
export const closestToNextHour: TerminationPolicy = {
  name: 'closest-to-next-hour',
  order: (cs, now) => [...cs].sort((a, b) => intoPaidHourMs(b, now) - intoPaidHourMs(a, now) || a.launchedMs - b.launchedMs || a.launchOrder - b.launchOrder),
};
