/**
 * Pre-copy live migration (Clark et al., "Live Migration of Virtual Machines", NSDI 2005), with
 * the stopping rules of Xen 3's `xc_domain_save`: a pure function of the guest's memory, the
 * link's bandwidth and the rate at which the running guest dirties pages.
 *
 * Round 1 sends all memory M while the guest runs on; every later round re-sends the pages
 * dirtied during the round before (at most all of them); pre-copy ends after the round that
 * sent fewer than 50 pages, or after 29 rounds, or once more than 3 x M has been sent. Then the
 * guest is paused and what it dirtied during the last round is sent (stop-and-copy): that is
 * the pause. With r = D/B < 1 and no cap reached, round k sends M r^(k-1), so after n rounds
 * the pause is M r^n / B and the whole migration takes (M / B)(1 - r^(n+1)) / (1 - r).
 * The continuous model ignores page granularity, the writable working set (pages rewritten
 * faster than a round) and Xen's adaptive rate limit; the bandwidth is the link's, all of it.
 */

/** Xen 3's defaults (xc_domain_save.c: DEF_MAX_ITERS 29, DEF_MAX_FACTOR 3, fewer than 50 pages sent). */
export const XEN_MAX_ROUNDS = 29;
export const XEN_MAX_FACTOR = 3;
export const XEN_PAGE_BYTES = 4096;
export const XEN_STOP_BELOW_BYTES = 50 * XEN_PAGE_BYTES;

/** What a migration moves and how fast. */
export interface PreCopyInput {
  /** Guest memory, bytes (> 0). */
  readonly memoryBytes: number;
  /** Link bandwidth for the copy, bytes per ms (> 0). */
  readonly bandwidthBytesPerMs: number;
  /** Rate at which the running guest dirties memory, bytes per ms (>= 0). */
  readonly dirtyBytesPerMs: number;
  /** Pre-copy rounds at most before stop-and-copy (default 29). */
  readonly maxRounds?: number;
  /** Pre-copy ends after a round that sent fewer bytes than this (default 50 pages of 4 KiB). */
  readonly stopBelowBytes?: number;
  /** Pre-copy ends once more than this many times the memory has been sent (default 3). */
  readonly maxFactor?: number;
}

/** Why pre-copy ended. */
export type PreCopyStop = 'converged' | 'max-rounds' | 'max-factor';

/** One migration's timeline. */
export interface PreCopyResult {
  /** Pre-copy rounds, the first full copy included (the stop-and-copy not). */
  readonly rounds: number;
  /** The stop-and-copy: the guest is paused this long, ms. */
  readonly pauseMs: number;
  /** From the first byte sent to the guest resuming on the new host, ms (pause included). */
  readonly totalMs: number;
  /** Bytes sent in all, stop-and-copy included. */
  readonly sentBytes: number;
  readonly stop: PreCopyStop;
}

/**
 * The pre-copy timeline for one guest. Throws RangeError for a memory or bandwidth that is not
 * positive and finite, or a negative or non-finite dirty rate.
 */
export function preCopy(input: PreCopyInput): PreCopyResult {
  const m = input.memoryBytes;
  const b = input.bandwidthBytesPerMs;
  const d = input.dirtyBytesPerMs;
  if (!(m > 0 && Number.isFinite(m))) throw new RangeError(`memory must be > 0 bytes, got ${m}`);
  if (!(b > 0 && Number.isFinite(b))) throw new RangeError(`bandwidth must be > 0 bytes/ms, got ${b}`);
  if (!(d >= 0 && Number.isFinite(d))) throw new RangeError(`dirty rate must be >= 0 bytes/ms, got ${d}`);
  const maxRounds = input.maxRounds ?? XEN_MAX_ROUNDS;
  const stopBelow = input.stopBelowBytes ?? XEN_STOP_BELOW_BYTES;
  const maxFactor = input.maxFactor ?? XEN_MAX_FACTOR;
  let toSend = m;
  let sent = 0;
  let ms = 0;
  for (let round = 1; ; round++) {
    const roundMs = toSend / b;
    ms += roundMs;
    sent += toSend;
    const dirtied = Math.min(m, d * roundMs);
    const stop: PreCopyStop | undefined = toSend < stopBelow ? 'converged' : round >= maxRounds ? 'max-rounds' : sent > maxFactor * m ? 'max-factor' : undefined;
    if (stop !== undefined) {
      const pauseMs = dirtied / b;
      return { rounds: round, pauseMs, totalMs: ms + pauseMs, sentBytes: sent + dirtied, stop };
    }
    toSend = dirtied;
  }
}
