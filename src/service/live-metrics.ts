import type { Demand } from './demand.js';
import { configKey, LatencyCache } from './latency-cache.js';
import { walkPath, type PathOutcome, type TierLoad } from './request-path.js';
import type { ServiceTiers, Snapshot } from './tiers.js';

/** What a monitoring system (CloudWatch, 2009) reports of one tier over the last period. */
export interface TierMetrics {
  /** Requests per second reaching the tier (visits counted). */
  readonly visitRate: number;
  /** Healthy instances in rotation now, and their mean service rate, per s. */
  readonly servers: number;
  readonly serviceRate: number;
  /** Busy share of the healthy instances (CPU utilization of the work), 0..1. */
  readonly utilization: number;
  /** 95th percentile of one visit's time at the tier (wait and service), s; NaN without load. Computed when first read. */
  latencyP95S(): number;
}

/**
 * The service's metrics as the run goes, for controllers that act on them (auto scaling):
 * the mean demand of the last period through the tiers as they are now, every request
 * assumed past the DNS stage (what the DNS stage does is known only at the end of the run in
 * sampled mode). Nothing here changes the model.
 */
export class LiveMetrics {
  readonly #tiers: ServiceTiers;
  readonly #demand: Demand;
  readonly #intervalMs: number;
  readonly #cache = new LatencyCache();
  /** The loads of the last snapshot and hour asked about, and their configuration id. */
  #last: { snapshot: Snapshot; hour: number; loads: TierLoad[]; id: number | undefined } | undefined;

  constructor(tiers: ServiceTiers, demand: Demand, intervalMs: number) {
    this.#tiers = tiers;
    this.#demand = demand;
    this.#intervalMs = intervalMs;
  }

  /** Requests per second users sent over [nowMs − windowMs, nowMs) (0 before the service is live). */
  demandRate(nowMs: number, windowMs: number): number {
    const live = this.#tiers.liveMs;
    if (live === undefined || windowMs <= 0) return 0;
    const from = Math.max(nowMs - windowMs, live);
    if (from >= nowMs) return 0;
    const noise = this.#demand.noise(Math.floor(Math.max(0, nowMs - 1) / this.#intervalMs));
    return (noise * this.#demand.requestsIn(from, nowMs)) / (windowMs / 1000);
  }

  /** Tier `tier`'s metrics at `nowMs` for the demand of the last `windowMs`. */
  tier(tier: number, nowMs: number, windowMs: number): TierMetrics {
    const rate = this.demandRate(nowMs, windowMs);
    const snapshot = this.#tiers.current;
    const hour = this.#tiers.hourAt(nowMs);
    if (this.#last === undefined || this.#last.snapshot !== snapshot || this.#last.hour !== hour) {
      const loads = this.#tiers.spec.tiers.map((spec, k) => ({
        visits: spec.visits, immediate: snapshot.tiers[k]!.immediate, servers: snapshot.tiers[k]!.servers, serviceRate: snapshot.tiers[k]!.ratePerHour[hour]!, timeout: spec.timeoutS,
      }));
      this.#last = { snapshot, hour, loads, id: undefined };
    }
    const last = this.#last;
    const out: PathOutcome = walkPath(last.loads, rate);
    const o = out.tiers[tier]!;
    const cache = this.#cache;
    return {
      visitRate: o.visitRate,
      servers: last.loads[tier]!.servers,
      serviceRate: last.loads[tier]!.serviceRate,
      utilization: o.utilization,
      latencyP95S(): number {
        if (!(rate > 0) || o.queue === undefined) return Number.NaN;
        last.id ??= cache.idOf(configKey(last.loads));
        let p = 0;
        let w = 0;
        for (const { entry, weight } of cache.around(last.id, last.loads, rate)) {
          p += weight * entry.visitP95[tier]!;
          w += weight;
        }
        return p / w;
      },
    };
  }
}
