import { impatientQueue, type ImpatientQueue } from './impatient-queue.js';

/** Why a request failed. `dns`: it never reached the front end (the DNS/address stage). */
export const CAUSES = ['dns', 'overload', 'backend_down', 'stale_config', 'db_down'] as const;
export type Cause = (typeof CAUSES)[number];
/** Index of each cause in per-cause arrays. */
export const CAUSE = { dns: 0, overload: 1, backend_down: 2, stale_config: 3, db_down: 4 } as const;

/**
 * One tier as requests meet it over a stretch of time in which nothing changes. Visits go
 * round-robin over the instances in rotation: a share fails at once (sent to a dead backend
 * still in rotation, to one whose configuration points at a dead dependency, or to nobody),
 * by cause; the rest reach the healthy pool of `servers` at `serviceRate` each.
 */
export interface TierLoad {
  /** Mean visits per request (> 0; fractions: ⌊v⌋ or ⌈v⌉ visits, with the right mean). */
  readonly visits: number;
  /** Share of visits that fail at once, by cause (indexed as CAUSE); their sum is at most 1. */
  readonly immediate: Float64Array;
  /** Healthy instances serving in rotation, and their mean service rate, per second. */
  readonly servers: number;
  readonly serviceRate: number;
  /** A visit waiting longer than this fails as overload, s. */
  readonly timeout: number;
}

/** What one tier did in the stretch. */
export interface TierOutcome {
  /** Visits per second reaching the tier, and those sent to its healthy pool. */
  readonly visitRate: number;
  readonly poolRate: number;
  /** The healthy pool's queue (undefined when it has no server or no load). */
  readonly queue: ImpatientQueue | undefined;
  /** Probability one visit fails (any cause) and a request passes the tier. */
  readonly visitFail: number;
  readonly pass: number;
  /** Mean visits of a request that passed (for the latency of served requests). */
  readonly servedVisits: number;
  /** Busy share of the healthy pool. */
  readonly utilization: number;
}

/** The whole path in one stretch: per-tier outcomes and, per request, where it ended. */
export interface PathOutcome {
  readonly tiers: readonly TierOutcome[];
  /** Share of arriving requests served end to end. */
  readonly served: number;
  /** Share failed, by cause (index as CAUSE; the dns entry stays 0 here). */
  readonly failed: Float64Array;
  /** Mean latency of a served request, s. */
  readonly meanLatency: number;
}

/** Splits mean visits v into ⌊v⌋ + Bernoulli(v − ⌊v⌋). */
export function visitSplit(v: number): { floor: number; frac: number } {
  const floor = Math.floor(v);
  return { floor, frac: v - floor };
}

/** P(a request passes | each visit fails with p) for mean visits v: (1−f)(1−p)^⌊v⌋ + f(1−p)^{⌊v⌋+1}. */
function passProbability(v: number, p: number): { pass: number; servedVisits: number } {
  const { floor, frac } = visitSplit(v);
  const a = (1 - frac) * (1 - p) ** floor;
  const b = frac * (1 - p) ** (floor + 1);
  const pass = a + b;
  return { pass, servedVisits: pass > 0 ? (a * floor + b * (floor + 1)) / pass : v };
}

/**
 * Walks requests arriving at `arrivalRate` (per second) down the path. At each tier every
 * visit of a request is routed independently; the first failing visit decides the cause:
 * one of the tier's immediate causes, or a wait past the timeout in the healthy pool's
 * M/M/c+D queue (`overload`). A tier whose pool has no server must give its whole share to
 * immediate causes (the caller decides which). The tier's load counts every visit of the
 * requests that reach it (a conservative bound: a request failed at an earlier visit would
 * not make its later ones). Requests failing at a tier do not reach the next.
 */
export function walkPath(tiers: readonly TierLoad[], arrivalRate: number): PathOutcome {
  const failed = new Float64Array(CAUSE_COUNT);
  const out: TierOutcome[] = [];
  let flow = 1; // share of arriving requests still going
  let meanLatency = 0;
  for (const t of tiers) {
    const visitRate = arrivalRate * flow * t.visits;
    let immediate = 0;
    for (let c = 0; c < CAUSE_COUNT; c++) immediate += t.immediate[c]!;
    const healthyShare = Math.max(0, 1 - immediate);
    const poolRate = visitRate * healthyShare;
    let queue: ImpatientQueue | undefined;
    let overloadShare = 0;
    if (healthyShare > 0 && t.servers >= 1 && poolRate > 0) {
      queue = impatientQueue(poolRate, t.servers, t.serviceRate, t.timeout);
      overloadShare = healthyShare * queue.failProbability;
    }
    const p = Math.min(1, immediate + overloadShare);
    const { pass, servedVisits } = passProbability(t.visits, p);
    const lost = flow * (1 - pass);
    if (lost > 0 && p > 0) {
      for (let c = 0; c < CAUSE_COUNT; c++) if (t.immediate[c]! > 0) failed[c]! += (lost * t.immediate[c]!) / p;
      failed[CAUSE.overload]! += (lost * overloadShare) / p;
    }
    flow *= pass;
    if (queue !== undefined) meanLatency += servedVisits * (queue.meanWait + 1 / t.serviceRate);
    out.push({ visitRate, poolRate, queue, visitFail: p, pass, servedVisits, utilization: queue?.utilization ?? 0 });
  }
  return { tiers: out, served: flow, failed, meanLatency };
}

const CAUSE_COUNT = CAUSES.length;
