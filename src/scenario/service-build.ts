import { accountService, type IntervalRow, type ServiceTotals } from '../service/accounting.js';
import { Demand } from '../service/demand.js';
import { Replacement } from '../service/replacement.js';
import { CAUSES } from '../service/request-path.js';
import { ServiceTiers, type Snapshot, type TierSpec } from '../service/tiers.js';
import { RequestTraffic, type InternetStep } from '../network/request-traffic.js';
import type { NetworkParts } from './network-build.js';
import { LiveMetrics } from '../service/live-metrics.js';
import { StepAverage } from '../metrics/step-average.js';
import type { BuildContext } from './build-context.js';
import type { DnsParts } from './dns-build.js';
import type { Scenario } from './schema.js';
import type { Component, SummaryEntry } from './world.js';

const S = 1000;
const DAY_MS = 86_400_000;

/** The columns of timeseries.csv for a path of `roles`, and the roles run as groups. */
export function timeseriesColumns(roles: readonly string[], groups: readonly string[] = []): string[] {
  return [
    'time_s', 'interval_s', 'demand_requests', 'served_requests', ...CAUSES.map((c) => `failed_requests_${c}`), 'misdirected_requests',
    'demand_rps', 'served_rps', ...CAUSES.map((c) => `failed_rps_${c}`), 'latency_mean_s', 'latency_p95_s',
    'misdirected_rps', 'dns_queries', 'dns_queries_per_s',
    ...roles.flatMap((r) => [`${r}_running`, `${r}_in_rotation`, `${r}_utilization`, `${r}_latency_p95_s`]),
    ...groups.flatMap((g) => [`${g}_desired`, `${g}_pending`]),
  ];
}

/** The service layer of a world, as the layers above it (elasticity) see it. */
export interface ServiceParts {
  readonly component: Component;
  readonly tiers: ServiceTiers;
  readonly metrics: LiveMetrics;
  /** The requests' Internet traffic as steps (bytes per ms), once the accounting has run; empty without request bytes. */
  readonly internetSteps: () => readonly InternetStep[];
  /** Groups whose desired capacity goes into timeseries.csv: role and its changes over time [ms, desired]. */
  readonly groups: { readonly role: string; readonly desired: readonly (readonly [number, number])[] }[];
}

/** The request rate the scenario implies, per ms: demand.rate, or the clients' own. */
export function baseRatePerMs(scenario: Scenario): number {
  const d = scenario.demand;
  if (d?.rate !== undefined) return d.rate;
  const c = scenario.clients;
  return c === undefined ? 0 : c.count / c.request_every;
}

/** The service's tiers as the scenario declares them, front end first. */
function tierSpecs(scenario: Scenario): TierSpec[] {
  const svc = scenario.service!;
  return svc.path.map((role, i) => {
    const r = svc.roles[role]!;
    return {
      role,
      kind: i === 0 ? 'front-end' : r.database ? 'database' : 'backend',
      capacityPerS: r.capacity * S,
      perEcu: r.per === 'ecu',
      visits: r.visits,
      timeoutS: (r.timeout ?? svc.timeout) / S,
      dataBytes: r.data,
    };
  });
}

/**
 * The service layer of a world: demand, the tiers behind the front end (rotation, stale
 * configuration, database restores), recovery of any role, and the accounting at the end
 * of the run, which streams timeseries.csv and fills the service's summary columns.
 * Attach after the DNS layer and before the fleet launches; a scenario without `service:`
 * gets nothing.
 */
export function attachService(ctx: BuildContext, dns: DnsParts, net: NetworkParts): ServiceParts | undefined {
  const { sim, bus, cloud, api, scenario } = ctx;
  const svc = scenario.service;
  if (svc === undefined) return undefined;
  const d = scenario.demand;
  const tiers = new ServiceTiers(sim, bus, cloud, {
    tiers: tierSpecs(scenario),
    check: { everyMs: svc.health_check.every, failures: svc.health_check.failures, rise: svc.health_check.rise },
    reconfigureMs: svc.reconfigure,
    dayOffsetMs: ((scenario.start % DAY_MS) + DAY_MS) % DAY_MS,
  });
  tiers.frontEndActive = dns.frontEndActive;
  tiers.liveGate = dns.published;
  dns.onFrontEndsChanged = () => tiers.update();
  const rec = scenario.recovery;
  const replacement = rec !== undefined && rec.roles.length > 0
    ? new Replacement(sim, bus, api, { roles: rec.roles, everyMs: rec.health_check.every, failures: rec.health_check.failures })
    : undefined;
  const noiseSeed = Math.floor(sim.random('service.demand.noise')() * 4294967296);
  const demand = new Demand({
    ratePerMs: baseRatePerMs(scenario),
    hourly: d?.hourly,
    shape: d?.shape,
    trace: d?.trace === undefined ? undefined : { intervalMs: d.trace.interval, counts: d.trace.countsPerInterval.map((c) => c * d.trace!.scale), repeat: d.trace.repeat },
    spikes: (d?.spikes ?? []).map((s) => ({ atMs: s.at, durationMs: s.duration, factor: s.factor, rampMs: s.ramp })),
    noiseCv: d?.noise?.cv,
    startEpochMs: scenario.start,
  }, noiseSeed);

  let totals: ServiceTotals | undefined;
  const roles = svc.path;
  // The requests' bytes, when the scenario gives them: metered as the accounting walks the run.
  const bytes = roles.map((r) => svc.roles[r]!.bytes);
  const traffic = bytes.some((b) => b !== undefined) ? new RequestTraffic(net.network.meter, scenario.start, scenario.duration) : undefined;
  const onServed = traffic === undefined ? undefined : (fromMs: number, toMs: number, visits: Float64Array, s: Snapshot): void => {
    roles.forEach((role, k) => {
      const b = bytes[k];
      if (b === undefined || !(visits[k]! > 0)) return;
      if (k === 0) traffic.internet(fromMs, toMs, s.tiers[0]!.healthy, visits[0]! * b.in, visits[0]! * b.out);
      else traffic.between(fromMs, s.tiers[k - 1]!.healthy, roles[k - 1]!, s.tiers[k]!.healthy, role, visits[k]! * (b.in + b.out));
    });
  };
  const nc = CAUSES.length;
  const groups: ServiceParts['groups'] = [];
  const component: Component = {
    stream(endMs, target) {
      // One row's cells, refilled for every row (see StreamTarget).
      const cells: number[] = new Array<number>(12 + 2 * nc + 4 * roles.length + 2 * groups.length).fill(0);
      const desired = groups.map((g) => new StepAverage(g.desired));
      const groupTier = groups.map((g) => roles.indexOf(g.role));
      const stage = dns.stage?.();
      const rows = accountService({
        tiers, demand, intervalMs: svc.interval, endMs, dns: stage,
        failoverDelayS: (scenario.clients?.failover.timeout ?? 0) / S,
        sla: { failedShare: svc.sla.failed_share, latencyP95S: svc.sla.latency_p95 / S },
        onServed,
      });
      const cellsOf = timeseriesCells(rows, cells, roles.length, desired, groupTier, (t) => { totals = t; });
      target.put('timeseries', timeseriesColumns(roles, groups.map((g) => g.role)), cellsOf);
      if (totals === undefined) throw new Error('timeseries.csv was not read to its end');
      traffic?.flush();
    },
    summary(): SummaryEntry[] {
      const t = totals;
      if (t === undefined) throw new Error('service summary asked for before the accounting ran');
      return [
        ['demand_requests', t.demand],
        ['served_requests', t.served],
        ...CAUSES.map((c, i) => [`failed_requests_${c}`, t.failed[i]!] as SummaryEntry),
        ['latency_mean_s', t.latencyMeanS],
        ['latency_p95_s', t.latencyP95S],
        ['latency_p99_s', t.latencyP99S],
        ['sla_violation_minutes', t.slaViolationMs / 60_000],
        ...roles.flatMap((r, k) => [[`${r}_utilization_mean`, t.utilizationMean[k]!], [`${r}_utilization_max`, t.utilizationMax[k]!]] as SummaryEntry[]),
        ['service_live_s', tiers.liveMs === undefined ? Number.NaN : tiers.liveMs / S],
        ['db_restores', tiers.restores],
        ['db_restore_s', tiers.restores > 0 ? tiers.restoreMs / tiers.restores / S : Number.NaN],
        ['reconfigurations', tiers.reconfigurations],
        ['backend_replacements', replacement?.replaced ?? 0],
        ['backend_launch_failures', replacement?.launchFailures ?? 0],
      ];
    },
  };
  return { component, tiers, metrics: new LiveMetrics(tiers, demand, svc.interval), groups, internetSteps: () => traffic?.steps ?? [] };
}

/**
 * timeseries.csv's cells, one row per accounting interval, refilled in `cells` for every
 * row (see StreamTarget); `onTotals` gets the accounting's totals at the end. A module-level
 * generator, not a closure made per replication: V8 keeps its optimised code across them.
 */
function* timeseriesCells(
  rows: Generator<IntervalRow, ServiceTotals>, cells: number[], roleCount: number,
  desired: readonly StepAverage[], groupTier: readonly number[], onTotals: (totals: ServiceTotals) => void,
): Generator<number[]> {
  const nc = CAUSES.length;
  for (;;) {
    const next = rows.next();
    if (next.done === true) {
      onTotals(next.value);
      return;
    }
    const row = next.value;
    const secs = row.lengthMs / S;
    cells[0] = row.startMs / S;
    cells[1] = secs;
    cells[2] = row.demand;
    cells[3] = row.served;
    for (let c = 0; c < nc; c++) {
      cells[4 + c] = row.failed[c]!;
      cells[7 + nc + c] = row.failed[c]! / secs;
    }
    cells[4 + nc] = row.misdirected;
    cells[5 + nc] = row.demand / secs;
    cells[6 + nc] = row.served / secs;
    cells[7 + 2 * nc] = row.latencyMeanS;
    cells[8 + 2 * nc] = row.latencyP95S;
    cells[9 + 2 * nc] = row.misdirected / secs;
    cells[10 + 2 * nc] = row.dnsQueries;
    cells[11 + 2 * nc] = row.dnsQueries / secs;
    let j = 12 + 2 * nc;
    for (let k = 0; k < roleCount; k++, j += 4) {
      cells[j] = row.running[k]!;
      cells[j + 1] = row.inRotation[k]!;
      cells[j + 2] = row.utilization[k]!;
      cells[j + 3] = row.tierP95S[k]!;
    }
    for (let g = 0; g < desired.length; g++, j += 2) {
      cells[j] = desired[g]!.over(row.startMs, row.startMs + row.lengthMs);
      cells[j + 1] = row.pending[groupTier[g]!]!;
    }
    yield cells;
  }
}
