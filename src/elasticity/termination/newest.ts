import type { TerminationPolicy } from './policy.js';

/** Newest first: the member launched last (AWS's NewestInstance). */
export const newest: TerminationPolicy = {
  name: 'newest',
  order: (cs) => [...cs].sort((a, b) => b.launchedMs - a.launchedMs || b.launchOrder - a.launchOrder),
};
