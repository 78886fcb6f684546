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

/** A reach answer and the interval [fromMs, toMs) over which it holds. */
export interface ReachSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly reach: Reach;
}

/** Answers "who is at this address at that time?" for any time up to the present. */
export interface ReachOracle {
  reach(ip: string, timeMs: number): Reach;
  /** The answer with the span over which it holds, when the oracle knows it (callers may then skip asking inside it). */
  span?(ip: string, timeMs: number): ReachSpan;
}
