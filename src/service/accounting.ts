import type { Demand } from './demand.js';
import { configKey, LatencyCache, type Around } from './latency-cache.js';
import { LatencyHistogram } from './latency-histogram.js';
import { mixtureQuantile, type LatencyEntry, type MixturePart } from './latency.js';
import { CAUSE, CAUSES, walkPath, type PathOutcome, type TierLoad } from './request-path.js';
import type { ServiceTiers, Snapshot } from './tiers.js';
import { WholeCount, WholeRequests } from './whole-requests.js';

const HOUR_MS = 3_600_000;

/** What the DNS stage did in one accounting interval: the clients' requests and how they fared. */
export interface DnsInterval {
  readonly requests: number;
  readonly failed: number;
  readonly misdirected: number;
  /** Served only after a connect timeout and a try of the next address. */
  readonly slow: number;
  /** Queries the authoritative servers answered in the interval (counted, or expected between the sampled mode's windows). */
  readonly queries: number;
}

/** The DNS stage as the service sees it: per accounting interval (index), the clients' outcomes. */
export interface DnsStage {
  interval(index: number): DnsInterval;
}

export interface AccountingInputs {
  readonly tiers: ServiceTiers;
  readonly demand: Demand;
  readonly intervalMs: number;
  readonly endMs: number;
  /** Absent: requests reach the front end directly. */
  readonly dns?: DnsStage | undefined;
  /** Delay of a request slowed by a DNS failover (the clients' connect timeout), s. */
  readonly failoverDelayS: number;
  /** An interval violates the SLA above this failed share or this p95 latency (s). */
  readonly sla: { readonly failedShare: number; readonly latencyP95S: number };
  /**
   * Told, for every stretch with load, how many visits each tier served (expected counts)
   * and which instances served them: for metering the requests' bytes.
   */
  readonly onServed?: ((fromMs: number, toMs: number, servedVisits: Float64Array, snapshot: Snapshot) => void) | undefined;
}

/** One interval of the service, in whole requests and per-tier figures. */
export interface IntervalRow {
  readonly startMs: number;
  readonly lengthMs: number;
  readonly demand: number;
  readonly served: number;
  /** Failed requests by cause, indexed as CAUSE. */
  readonly failed: readonly number[];
  readonly misdirected: number;
  /** Queries the authoritative servers answered (0 without DNS clients). */
  readonly dnsQueries: number;
  /** Over served requests (NaN without any), s. */
  readonly latencyMeanS: number;
  readonly latencyP95S: number;
  /** Per tier: time-averaged instances running, booting and in rotation, busy share of the healthy pool, p95 of a visit (s). */
  readonly running: Float64Array;
  readonly pending: Float64Array;
  readonly inRotation: Float64Array;
  readonly utilization: Float64Array;
  readonly tierP95S: Float64Array;
}

/** The run's totals, for summary.csv. */
export interface ServiceTotals {
  demand: number;
  served: number;
  readonly failed: number[];
  misdirected: number;
  latencyMeanS: number;
  latencyP95S: number;
  latencyP99S: number;
  slaViolationMs: number;
  readonly utilizationMean: Float64Array;
  readonly utilizationMax: Float64Array;
  /** Latency lattices computed (the cost of the run's latency distributions). */
  lattices: number;
}

/** Outcomes a whole-request row splits demand into: served, then each cause. */
const OUTCOMES = 1 + CAUSES.length;

/**
 * The service's accounting, one interval after another, at the end of the run (when the DNS
 * stage's outcomes are known): demand in the interval (exact integral, times its noise),
 * minus what failed at the DNS stage (the clients' failed share in that interval), walks the
 * tiers as they were in each stretch between changes (a stationary M/M/c+D queue per tier,
 * see walkPath). Counts are expected values turned into whole requests that balance in
 * every row. Yields the rows as they are made (nothing is kept; a row's arrays are reused
 * for the next) and returns the totals.
 */
export function* accountService(inp: AccountingInputs): Generator<IntervalRow, ServiceTotals> {
  const { tiers, demand, intervalMs, endMs } = inp;
  const nTiers = tiers.spec.tiers.length;
  const cache = new LatencyCache();
  const histogram = new LatencyHistogram();
  const whole = new WholeRequests(OUTCOMES);
  const wholeMisdirected = new WholeCount();
  const log = tiers.log;
  const totals: ServiceTotals = {
    demand: 0, served: 0, failed: new Array<number>(CAUSES.length).fill(0), misdirected: 0, latencyMeanS: Number.NaN,
    latencyP95S: Number.NaN, latencyP99S: Number.NaN, slaViolationMs: 0,
    utilizationMean: new Float64Array(nTiers), utilizationMax: new Float64Array(nTiers), lattices: 0,
  };
  let latencySum = 0;
  let expectedServed = 0;
  let liveTime = 0;
  let snap = 0;
  const live = tiers.liveMs ?? Infinity;
  const configs = new Map<Snapshot, Config[]>();
  // Buffers reused by every row (the row is valid only while `emit` runs).
  const expected = new Float64Array(OUTCOMES);
  const running = new Float64Array(nTiers);
  const pending = new Float64Array(nTiers);
  const inRotation = new Float64Array(nTiers);
  const utilization = new Float64Array(nTiers);
  const tierP95S = new Float64Array(nTiers);
  const tierServed = new Float64Array(nTiers);
  const servedVisits = new Float64Array(nTiers);
  const parts = new IntervalParts();
  for (let index = 0, a = 0; a < endMs; index++, a += intervalMs) {
    const b = Math.min(endMs, a + intervalMs);
    const len = b - a;
    const noise = demand.noise(index);
    const dns = inp.dns?.interval(index);
    const dnsFail = dns !== undefined && dns.requests > 0 ? Math.min(1, dns.failed / dns.requests) : 0;
    const dnsMis = dns !== undefined && dns.requests > 0 ? dns.misdirected / dns.requests : 0;
    const slowShare = dns !== undefined && dns.requests > 0 && dnsFail < 1 ? Math.min(1, dns.slow / dns.requests / (1 - dnsFail)) : 0;
    expected.fill(0);
    running.fill(0);
    pending.fill(0);
    inRotation.fill(0);
    utilization.fill(0);
    tierP95S.fill(0);
    tierServed.fill(0);
    parts.clear();
    let expectedDemand = 0;
    let latencyWeighted = 0;
    let servedHere = 0;
    let stretches = 0;
    let p95Simple = 0;
    // Stretches: cut at every snapshot and at hour boundaries (CPU steal changes hourly).
    for (let x = a; x < b;) {
      while (snap + 1 < log.length && log[snap + 1]!.timeMs <= x) snap++;
      const s = log[snap]!;
      const nextSnap = snap + 1 < log.length ? log[snap + 1]!.timeMs : Infinity;
      const nextHour = (Math.floor((x + tiers.spec.dayOffsetMs) / HOUR_MS) + 1) * HOUR_MS - tiers.spec.dayOffsetMs;
      const y = Math.min(b, nextSnap, nextHour);
      const dt = y - x;
      for (let k = 0; k < nTiers; k++) {
        running[k]! += (s.tiers[k]!.running * dt) / len;
        pending[k]! += (s.tiers[k]!.pending * dt) / len;
        inRotation[k]! += (s.tiers[k]!.inRotation * dt) / len;
      }
      const from = Math.max(x, Math.min(y, live));
      const requests = from < y ? noise * demand.requestsIn(from, y) : 0;
      if (requests > 0) {
        expectedDemand += requests;
        const reach = requests * (1 - dnsFail);
        expected[1 + CAUSE.dns]! += requests * dnsFail;
        const cfg = configOf(configs, tiers, cache, s, tiers.hourAt(x));
        const rate = reach / ((y - from) / 1000);
        // Demand is often the same from one interval to the next (a profile steps hourly): reuse.
        if (cfg.rate !== rate || cfg.out === undefined) {
          cfg.rate = rate;
          cfg.out = walkPath(cfg.loads, rate);
          cfg.around = rate > 0 ? cache.around(cfg.id, cfg.loads, rate) : [];
        }
        const out = cfg.out;
        const served = reach * out.served;
        expected[0]! += served;
        for (let c = 0; c < CAUSES.length; c++) if (c !== CAUSE.dns) expected[1 + c]! += reach * out.failed[c]!;
        servedHere += served;
        latencyWeighted += served * (out.meanLatency + slowShare * inp.failoverDelayS);
        for (let k = 0; k < nTiers; k++) utilization[k]! += (out.tiers[k]!.utilization * (y - from)) / len;
        if (inp.onServed !== undefined) {
          const secs = (y - from) / 1000;
          for (let k = 0; k < nTiers; k++) {
            const o = out.tiers[k]!;
            servedVisits[k] = o.poolRate * (1 - (o.queue?.failProbability ?? 0)) * secs;
          }
          inp.onServed(from, y, servedVisits, s);
        }
        if (served > 0 && rate > 0) {
          stretches++;
          for (const { entry: e, weight: w, grid } of cfg.around) {
            if (w <= 0) continue;
            if (grid) cache.record(e, served * w, served * w * slowShare);
            else {
              histogram.add(e.request, served * w * (1 - slowShare));
              histogram.add(e.request, served * w * slowShare, inp.failoverDelayS);
            }
            p95Simple += w * e.requestP95;
            parts.push(e, served * w, w, out, y - from);
            for (let k = 0; k < nTiers; k++) {
              const o = out.tiers[k]!;
              const visits = o.poolRate * (1 - (o.queue?.failProbability ?? 0)) * (y - from) * w;
              if (e.visits[k] === undefined || !(visits > 0)) continue;
              tierP95S[k]! += visits * e.visitP95[k]!;
              tierServed[k]! += visits;
            }
          }
        }
      }
      x = y;
    }
    // One stretch, nothing delayed: the p95 of neighbouring grid entries interpolates (see
    // LatencyCache); otherwise the quantile of the interval's mixture.
    const simple = stretches === 1 && slowShare === 0;
    let latencyP95S = Number.NaN;
    if (stretches > 0) latencyP95S = simple ? p95Simple : mixtureQuantile(parts.parts(slowShare, inp.failoverDelayS), 0.95);
    for (let k = 0; k < nTiers; k++) {
      tierP95S[k] = tierServed[k]! === 0 ? Number.NaN : stretches === 1 ? tierP95S[k]! / tierServed[k]! : mixtureQuantile(parts.tierParts(k), 0.95);
    }
    const w = whole.next(expected);
    const misdirected = wholeMisdirected.next(expectedDemand * dnsMis);
    const failed = w.counts.slice(1);
    yield {
      startMs: a, lengthMs: len, demand: w.demand, served: w.counts[0]!, failed, misdirected, dnsQueries: dns?.queries ?? 0,
      latencyMeanS: servedHere > 0 ? latencyWeighted / servedHere : Number.NaN, latencyP95S,
      running, pending, inRotation, utilization, tierP95S,
    };
    const served = w.counts[0]!;
    totals.demand += w.demand;
    totals.served += served;
    for (let c = 0; c < failed.length; c++) totals.failed[c]! += failed[c]!;
    totals.misdirected += misdirected;
    latencySum += latencyWeighted;
    expectedServed += servedHere;
    if (b > live) {
      liveTime += len;
      for (let k = 0; k < nTiers; k++) {
        totals.utilizationMean[k]! += utilization[k]! * len;
        totals.utilizationMax[k] = Math.max(totals.utilizationMax[k]!, utilization[k]!);
      }
      const failedShare = w.demand > 0 ? (w.demand - served) / w.demand : 0;
      if (failedShare > inp.sla.failedShare || latencyP95S > inp.sla.latencyP95S) totals.slaViolationMs += len;
    }
  }
  if (liveTime > 0) for (let k = 0; k < nTiers; k++) totals.utilizationMean[k]! /= liveTime;
  if (expectedServed > 0) {
    totals.latencyMeanS = latencySum / expectedServed;
    for (const [lattice, w, ws] of cache.weighted()) {
      histogram.add(lattice, w);
      histogram.add(lattice, ws, inp.failoverDelayS);
    }
    totals.latencyP95S = histogram.quantile(0.95);
    totals.latencyP99S = histogram.quantile(0.99);
  }
  totals.lattices = cache.computed;
  return totals;
}

/** The tiers of one snapshot at one hour, and the key that identifies them. */
interface Config {
  readonly loads: TierLoad[];
  /** The latency cache's id of the configuration. */
  readonly id: number;
  /** The last arrival rate seen in this configuration, what the path did, and the latency entries around it. */
  rate: number;
  out: PathOutcome | undefined;
  around: Around;
}

/** The tiers of snapshot `s` as the request path meets them at hour `hour` of the day. */
/** The configuration of snapshot `s` in `hour` (its tiers' loads and the latency cache's id for them), made once and kept in `configs`. */
function configOf(configs: Map<Snapshot, Config[]>, tiers: ServiceTiers, cache: LatencyCache, s: Snapshot, hour: number): Config {
  let perHour = configs.get(s);
  if (perHour === undefined) configs.set(s, (perHour = []));
  let c = perHour[hour];
  if (c === undefined) {
    const loads = loadsOf(tiers, s, hour);
    c = perHour[hour] = { loads, id: cache.idOf(configKey(loads)), rate: Number.NaN, out: undefined, around: [] };
  }
  return c;
}

function loadsOf(tiers: ServiceTiers, s: Snapshot, hour: number): TierLoad[] {
  return tiers.spec.tiers.map((spec, k) => {
    const t = s.tiers[k]!;
    return { visits: spec.visits, immediate: t.immediate, servers: t.servers, serviceRate: t.ratePerHour[hour]!, timeout: spec.timeoutS };
  });
}

/** The latency entries an interval used, kept only as references until its quantiles are asked for. */
class IntervalParts {
  readonly #entries: LatencyEntry[] = [];
  readonly #served: number[] = [];
  readonly #weights: number[] = [];
  readonly #outs: PathOutcome[] = [];
  readonly #spans: number[] = [];
  #n = 0;

  clear(): void {
    this.#n = 0;
  }

  push(e: LatencyEntry, served: number, weight: number, out: PathOutcome, spanMs: number): void {
    const i = this.#n++;
    this.#entries[i] = e;
    this.#served[i] = served;
    this.#weights[i] = weight;
    this.#outs[i] = out;
    this.#spans[i] = spanMs;
  }

  /** End-to-end latency parts, `slowShare` of each delayed by `shiftS`. */
  parts(slowShare: number, shiftS: number): MixturePart[] {
    const out: MixturePart[] = [];
    for (let i = 0; i < this.#n; i++) {
      const e = this.#entries[i]!;
      out.push({ lattice: e.request, weight: this.#served[i]! * (1 - slowShare), shift: 0 });
      if (slowShare > 0) out.push({ lattice: e.request, weight: this.#served[i]! * slowShare, shift: shiftS });
    }
    return out;
  }

  /** Tier k's served visits as parts. */
  tierParts(k: number): MixturePart[] {
    const out: MixturePart[] = [];
    for (let i = 0; i < this.#n; i++) {
      const v = this.#entries[i]!.visits[k];
      const o = this.#outs[i]!.tiers[k]!;
      const visits = o.poolRate * (1 - (o.queue?.failProbability ?? 0)) * this.#spans[i]! * this.#weights[i]!;
      if (v !== undefined && visits > 0) out.push({ lattice: v, weight: visits, shift: 0 });
    }
    return out;
  }
}
