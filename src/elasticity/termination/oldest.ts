import type { TerminationPolicy } from './policy.js';

/** Oldest first: the member launched earliest (AWS's OldestInstance). */
export const oldest: TerminationPolicy = {
  name: 'oldest',
  order: (cs) => [...cs].sort((a, b) => a.launchedMs - b.launchedMs || a.launchOrder - b.launchOrder),
};

