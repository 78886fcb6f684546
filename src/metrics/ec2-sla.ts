import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';

/** The SLA measures in 5-minute periods. */
export const SLA_PERIOD_MS = 5 * 60_000;
/** A Service Year is the 365 days before a claim: 105,120 periods. */
export const SLA_YEAR_PERIODS = (365 * 86_400_000) / SLA_PERIOD_MS;
/** The commitment: an Annual Uptime Percentage of at least 99.95%. */
export const SLA_COMMITMENT_PCT = 99.95;

/** A span of time [fromMs, toMs). */
export interface Span {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The SLA's figures for a run. */
export interface SlaResult {
  /** 5-minute periods of Region Unavailability in the worst Service Year (the 365 days before a claim made at any time in the run). */
  readonly unavailablePeriods: number;
  /** 100% minus the share of those periods in a Service Year of 105,120 (days before the run count as available). */
  readonly uptimePct: number;
  /** Whether the uptime is at least 99.95% (a claim could not succeed). */
  readonly met: boolean;
}

/**
 * The 2008 EC2 SLA's Annual Uptime Percentage from each zone's Unavailable spans. A zone is
 * Unavailable in a 5-minute period (counted from the start of the run) when one of its spans
 * covers the whole period; the region is Unavailable in a period when more than one zone is.
 * The uptime is 100% minus the percentage of the 105,120 periods of a Service Year that were
 * Region Unavailable, for the worst Service Year ending at any time up to `endMs` (a run
 * shorter than a year is one Service Year whose days before the run count as available, as
 * the SLA says of a customer's first year). Each zone's spans must not overlap.
 */
export function annualUptime(zoneSpans: readonly (readonly Span[])[], endMs: number): SlaResult {
  // Each zone's fully covered periods [k0, k1) as +1/-1 steps; the region is down where the count >= 2.
  const steps: [number, number][] = [];
  for (const spans of zoneSpans) {
    for (const s of spans) {
      const k0 = Math.ceil(s.fromMs / SLA_PERIOD_MS);
      const k1 = Math.floor(Math.min(s.toMs, endMs) / SLA_PERIOD_MS);
      if (k1 > k0) steps.push([k0, +1], [k1, -1]);
    }
  }
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const down: [number, number][] = [];
  let count = 0;
  let since = 0;
  for (const [k, d] of steps) {
    const before = count;
    count += d;
    if (before < 2 && count >= 2) since = k;
    else if (before >= 2 && count < 2 && k > since) down.push([since, k]);
  }
  // The worst window of a year's periods: it can be taken to end where a down range ends.
  let worst = 0;
  for (const [, end] of down) {
    const start = end - SLA_YEAR_PERIODS;
    let n = 0;
    for (const [a, b] of down) n += Math.max(0, Math.min(b, end) - Math.max(a, start));
    worst = Math.max(worst, n);
  }
  const uptimePct = 100 * (1 - worst / SLA_YEAR_PERIODS);
  return { unavailablePeriods: worst, uptimePct, met: uptimePct >= SLA_COMMITMENT_PCT };
}

interface ZoneWatch {
  up: number;
  live: number;
  lastEndMs: number;
  since: number | undefined;
  readonly spans: Span[];
}

/**
 * Watches the cloud for the 2008 EC2 SLA's "Unavailable": a zone in which the account runs
 * an instance is Unavailable while all of its instances there have no connectivity and it
 * cannot launch replacements there. In this model that is while every host of the zone is
 * down (a power outage, or every host failed) and the account had an instance there when the
 * last host went: its instances are dead and no launch can be placed in the zone. (A zone
 * that is merely full, or a network fault that leaves hosts up, is not modelled.)
 */
export class Ec2SlaMeter {
  readonly #zones = new Map<string, ZoneWatch>();

  constructor(bus: EventBus<CloudEvents>, zones: readonly { readonly name: string; readonly hosts: number }[]) {
    for (const z of zones) this.#zones.set(z.name, { up: z.hosts, live: 0, lastEndMs: -1, since: undefined, spans: [] });
    bus.on('instance.pending', (e) => this.#zones.get(e.instance.spec.zone)!.live++);
    bus.on('instance.terminated', (e) => {
      const z = this.#zones.get(e.instance.spec.zone)!;
      z.live--;
      z.lastEndMs = e.timeMs;
    });
    bus.on('host.down', (e) => {
      const z = this.#zones.get(e.host.zone)!;
      z.up--;
      // The host's guests ended just before this event: they count as running at the stop.
      if (z.up === 0 && (z.live > 0 || z.lastEndMs === e.timeMs)) z.since = e.timeMs;
    });
    bus.on('host.up', (e) => {
      const z = this.#zones.get(e.host.zone)!;
      z.up++;
      if (z.since !== undefined) {
        z.spans.push({ fromMs: z.since, toMs: e.timeMs });
        z.since = undefined;
      }
    });
  }

  /** Each zone's Unavailable spans up to `endMs` (one still open ends there). */
  spans(endMs: number): Span[][] {
    return [...this.#zones.values()].map((z) => (z.since === undefined ? [...z.spans] : [...z.spans, { fromMs: z.since, toMs: endMs }]));
  }

  /** The SLA figures of the run up to `endMs`. */
  result(endMs: number): SlaResult {
    return annualUptime(this.spans(endMs), endMs);
  }
}
