import type { Holder } from '../network/address-ledger.js';
import { parseIpv4 } from '../network/ipv4.js';
import { Reach, type ReachOracle } from './reach.js';
import type { ServingLog } from './serving-log.js';

/**
 * "Whose machine is at this address now?", from the network's address ledger and the
 * front ends' serving intervals: our serving front end (directly or through an elastic IP
 * in force), another customer (misdirected), or nothing that answers (a free address, an
 * unmapped elastic IP, an instance that is not a serving front end).
 */
export function ledgerReach(holderAt: (ip: number, timeMs: number) => Holder | undefined, serving: ServingLog): ReachOracle {
  // A client asks about the same few addresses millions of times: parse each once.
  const parsed = new Map<string, number>();
  return {
    reach(ip: string, timeMs: number): Reach {
      let n = parsed.get(ip);
      if (n === undefined) {
        n = parseIpv4(ip);
        parsed.set(ip, n);
      }
      const h = holderAt(n, timeMs);
      if (h === undefined) return Reach.Dead;
      switch (h.kind) {
        case 'tenant': return Reach.Foreign;
        case 'instance': return h.via !== 'private' && serving.serving(h.instance, timeMs) ? Reach.Service : Reach.Dead;
        case 'elastic':
        case 'free': return Reach.Dead;
      }
    },
  };
}
