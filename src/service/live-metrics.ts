import type { Demand } from './demand.js';
import { configKey, LatencyCache } from './latency-cache.js';
import { walkPath, type TierLoad } from './request-path.js';
import type { ServiceTiers } from './tiers.js';

/** What a monitoring system (CloudWatch, 2009) reports of one tier over the last period. */
export interface TierMetrics {
  /** Requests per second reaching the tier (visits counted), and those its healthy pool took. */
  readonly visitRate: number;
  /** Healthy instances in rotation now, and their mean service rate, per s. */
  readonly servers: number;
  readonly serviceRate: number;
  /** Busy share of the healthy instances (CPU utilization of the work), 0..1. */
  readonly utilization: number;
  /** 95th percentile of one visit's time at the tier (wait and service), s; NaN without load. */
  readonly latencyP95S: number;
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
    const s = this.#tiers.current;
    const hour = this.#tiers.hourAt(nowMs);
    const loads: TierLoad[] = this.#tiers.spec.tiers.map((spec, k) => ({
      visits: spec.visits, immediate: s.tiers[k]!.immediate, servers: s.tiers[k]!.servers, serviceRate: s.tiers[k]!.ratePerHour[hour]!, timeout: spec.timeoutS,
    }));
    const out = walkPath(loads, rate);
    const o = out.tiers[tier]!;
    let latencyP95S = Number.NaN;
    if (rate > 0 && o.queue !== undefined) {
      let w = 0;
      latencyP95S = 0;
      for (const { entry, weight } of this.#cache.around(this.#cache.idOf(configKey(loads)), loads, rate)) {
        latencyP95S += weight * entry.visitP95[tier]!;
        w += weight;
      }
      latencyP95S /= w;
    }
    return { visitRate: o.visitRate, servers: loads[tier]!.servers, serviceRate: loads[tier]!.serviceRate, utilization: o.utilization, latencyP95S };
  }
}
