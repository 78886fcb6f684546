import type { ClientOutcome } from '../dns/models.js';
import { BIN, SWITCHOVER_POINTS_S, type RecoveryTimes, type SwitchoverBins } from '../dns/switchover-bins.js';
import { TableBuilder, type Table } from './table.js';

const S = 1000;

/** The columns of switchover.csv (without the replication column). */
export const SWITCHOVER_COLUMNS = ['incident', 'after_s', 'requests', 'requests_live_share', 'requests_misdirected_share', 'clients_dead_share', 'clients_foreign_share'] as const;

/**
 * switchover.csv: per incident, at log-spaced times t after its recovery R (the DNS update,
 * the elastic-IP remap or a standby taking over; `dns_update_s` in incidents.csv), while
 * the previous point is within the settle horizon (the longest stale answer plus a
 * re-ask) and t stays before the next incident and the end of the run:
 * - requests_live_share: of the requests sent in [R + previous point, R + t), the share
 *   served (by the live address, perhaps after a failover); requests_misdirected_share: the
 *   share that reached another customer's machine;
 * - clients_dead_share / clients_foreign_share: at the instant R + t, the share of all
 *   clients in an outage (their latest request failed) on a dead address / on another
 *   customer's machine (classed by the request that opened the outage, and switched once
 *   when its failing requests change between the two).
 * Weighted when clients are sampled. `requestsIn` gives the requests of a span when the
 * bins do not count them (sampled mode: expected or exact from the clients' schedule).
 */
export function switchoverTable(
  incidents: readonly RecoveryTimes[], bins: SwitchoverBins, outcome: ClientOutcome, clients: number, endMs: number,
  requestsIn: (aMs: number, bMs: number) => number,
): Table {
  const t = new TableBuilder('switchover', [...SWITCHOVER_COLUMNS]);
  const P = SWITCHOVER_POINTS_S.map((s) => s * S);
  // Points of each incident: [first, count) into P; the instants R + P[j].
  const rows: { k: number; r: number; n: number }[] = [];
  incidents.forEach((inc, k) => {
    const r = inc.recoveredMs;
    if (r === undefined) return;
    let limit = endMs;
    for (const other of incidents) if (other.startMs > inc.startMs && other.startMs < limit) limit = other.startMs;
    let n = 0;
    while (n < P.length && r + P[n]! <= limit && (n === 0 || P[n - 1]! < outcome.settleMs)) n++;
    if (n > 0) rows.push({ k, r, n });
  });
  // Clients in an outage at each instant, by class: a pass over the outages, each finding
  // the instants it covers by binary search in all the instants, sorted. (Typed arrays, not
  // objects of times: an object's numbers change its map between small integers and others,
  // and this code was deoptimised replication after replication.)
  const total = rows.reduce((a, row) => a + row.n, 0);
  const instG = new Int32Array(total);
  const instJ = new Int32Array(total);
  const instAt = new Float64Array(total);
  let m = 0;
  rows.forEach(({ r, n }, g) => {
    for (let j = 0; j < n; j++, m++) {
      instAt[m] = r + P[j]!;
      instG[m] = g;
      instJ[m] = j;
    }
  });
  const order = Int32Array.from({ length: total }, (_, i) => i).sort((a, b) => instAt[a]! - instAt[b]! || instG[a]! - instG[b]! || instJ[a]! - instJ[b]!);
  const at = Float64Array.from(order, (i) => instAt[i]!);
  // Clients in an outage at each sorted instant, by class.
  const deadAt = new Float64Array(at.length);
  const foreignAt = new Float64Array(at.length);
  const log = outcome.log;
  const { outageStartMs, outageMs } = log;
  const w = log.outageWeight;
  const cls = log.outageForeign;
  for (let o = 0; o < outageMs.length; o++) {
    const s = outageStartMs[o]!;
    const e = s + outageMs[o]!;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    const weight = w === undefined ? 1 : w[o]!;
    const foreignFirst = cls[o] === 1;
    const switchMs = log.outageSwitchMs(o);
    for (let i = lo; i < at.length && at[i]! < e; i++) {
      if (foreignFirst !== at[i]! >= switchMs) foreignAt[i]! += weight;
      else deadAt[i]! += weight;
    }
  }
  const dead = rows.map((row) => new Float64Array(row.n));
  const foreign = rows.map((row) => new Float64Array(row.n));
  order.forEach((o, i) => {
    dead[instG[o]!]![instJ[o]!] = deadAt[i]!;
    foreign[instG[o]!]![instJ[o]!] = foreignAt[i]!;
  });
  rows.forEach(({ k, r, n }, g) => {
    for (let j = 0; j < n; j++) {
      const a = r + (j === 0 ? 0 : P[j - 1]!);
      const b = r + P[j]!;
      const requests = bins.countRequests ? bins.at(k, j, BIN.requests) : requestsIn(a, b);
      const share = (x: number): number => (requests > 0 ? Math.min(1, Math.max(0, x / requests)) : Number.NaN);
      t.add([
        k, P[j]! / S, requests, requests > 0 ? 1 - share(bins.at(k, j, BIN.failed)) : Number.NaN, share(bins.at(k, j, BIN.misdirected)),
        clients > 0 ? dead[g]![j]! / clients : Number.NaN, clients > 0 ? foreign[g]![j]! / clients : Number.NaN,
      ]);
    }
  });
  return t;
}
