/**
 * The most instances one launch may ask for: a fleet role's `count` and the `-n` of an
 * ec2-run-instances, whichever way it is given (file, --set, --vary). Larger fleets are
 * refused by the memory estimate before that (about 6 kB each).
 */
export const MAX_INSTANCES_PER_LAUNCH = 1_000_000;
