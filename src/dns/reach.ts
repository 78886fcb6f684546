/** Where a packet sent to an address ends up at a given time. */
export const Reach = {
  /** Our service's running front end answers. */
  Service: 0,
  /** Nothing answers: the connection times out. */
  Dead: 1,
  /** Another customer's machine answers (the article's "another EC2 customer's site"). */
  Foreign: 2,
} as const;
export type Reach = (typeof Reach)[keyof typeof Reach];

/** Answers "who is at this address at that time?" for any time up to the present. */
export interface ReachOracle {
  reach(ip: string, timeMs: number): Reach;
}
