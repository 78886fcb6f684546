import type { HistoryView } from '../network/address-ledger.js';
import { parseIpv4 } from '../network/ipv4.js';
import { Reach, type ReachOracle, type ReachSpan } from './reach.js';
import type { ServingLog } from './serving-log.js';

/** What the oracle reads from the network's address ledger. */
export interface LedgerView {
  /** Every recorded holding of an address (ours since we first held it), oldest first. */
  history(ip: number): HistoryView;
}

type Span = ReachSpan;

/**
 * "Whose machine is at this address now?", from the network's address ledger and the
 * front ends' serving intervals: our serving front end (directly or through an elastic IP
 * in force), another customer (misdirected), or nothing that answers (a free address, an
 * unmapped elastic IP, an instance that is not a serving front end).
 *
 * Clients ask about the same few addresses millions of times, so each address keeps the
 * span of time over which its last answer holds. A span still open at its end (a holding or
 * a serving interval that has not ended) is cached only after `freeze()`, when the run is
 * over and no history can change.
 */
export function ledgerReach(ledger: LedgerView, serving: ServingLog): ReachOracle & { freeze(): void } {
  const parsed = new Map<string, number>();
  const cache = new Map<string, Span>();
  let frozen = false;

  const compute = (ip: number, t: number): Span => {
    const hist = ledger.history(ip);
    let lo = 0;
    let hi = hist.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (hist.fromMs(mid) <= t) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const next = k + 1 < hist.length ? hist.fromMs(k + 1) : Infinity;
    if (k < 0) return { fromMs: -Infinity, toMs: next, reach: Reach.Dead };
    const h = { fromMs: hist.fromMs(k), holder: hist.holder(k) };
    const end = hist.toMs(k);
    if (t >= end) return { fromMs: end, toMs: next, reach: Reach.Dead };
    switch (h.holder.kind) {
      case 'tenant': return { fromMs: h.fromMs, toMs: end, reach: Reach.Foreign };
      case 'instance': {
        if (h.holder.via === 'private') return { fromMs: h.fromMs, toMs: end, reach: Reach.Dead };
        const s = serving.spanAt(h.holder.instance, t);
        return { fromMs: Math.max(h.fromMs, s.fromMs), toMs: Math.min(end, s.toMs), reach: s.serving ? Reach.Service : Reach.Dead };
      }
      default: return { fromMs: h.fromMs, toMs: end, reach: Reach.Dead };
    }
  };

  const spanOf = (ip: string, timeMs: number): Span => {
    const c = cache.get(ip);
    if (c !== undefined && c.fromMs <= timeMs && timeMs < c.toMs) return c;
    let n = parsed.get(ip);
    if (n === undefined) {
      n = parseIpv4(ip);
      parsed.set(ip, n);
    }
    const span = compute(n, timeMs);
    if (frozen || span.toMs !== Infinity) {
      cache.set(ip, span);
      return span;
    }
    // Still open: not to be kept (an empty span).
    return { fromMs: timeMs, toMs: timeMs, reach: span.reach };
  };

  return {
    reach(ip: string, timeMs: number): Reach {
      return spanOf(ip, timeMs).reach;
    },
    span: spanOf,
    freeze(): void {
      frozen = true;
      cache.clear();
    },
  };
}
