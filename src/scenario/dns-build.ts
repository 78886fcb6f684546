import { startPerRequestModel, startReplayModel, type ClientOutcome, type ModelInputs } from '../dns/models.js';
import { runSampledModel } from '../dns/sampled-model.js';
import { OutcomeLog } from '../dns/outcome-log.js';
import { Population } from '../dns/population.js';
import { ledgerReach } from '../dns/ledger-reach.js';
import { Recovery } from '../dns/recovery.js';
import { ServingLog } from '../dns/serving-log.js';
import { AuthoritativeZone, type RecordSpec } from '../dns/zone.js';
import { dnsResults } from '../metrics/dns-results.js';
import type { BuildContext } from './build-context.js';
import { toDistribution } from './distribution-build.js';
import type { NetworkParts } from './network-build.js';
import type { Component } from './world.js';
import type { Instance } from '../cloud/instance.js';
import type { DnsInterval, DnsStage } from '../service/accounting.js';
import { MeanRateRequestCounts, PeriodicRequestCounts, ReplayRequestCounts } from '../dns/request-counts.js';
import { SwitchoverBins } from '../dns/switchover-bins.js';
import { switchoverTable } from '../metrics/switchover-table.js';
import { DNS_TIMESERIES_COLUMNS, dnsTimeseriesRows } from '../metrics/dns-timeseries.js';

/** The interval of timeseries.csv for a scenario with DNS clients and no service, ms. */
export const DNS_INTERVAL_MS = 60_000;

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The DNS layer as the service layer sees it. */
export interface DnsParts {
  readonly component: Component;
  /** The clients' outcomes per accounting interval (computed at the end of the run); undefined without clients. */
  readonly stage: (() => DnsStage | undefined) | undefined;
  /** Whether users can reach this front end (it is in the record); undefined without recovery. */
  readonly frontEndActive: ((inst: Instance) => boolean) | undefined;
  /** Whether the record has been published (the service can go live). */
  readonly published: () => boolean;
  /** Called when the set of reachable front ends changes. */
  onFrontEndsChanged: (() => void) | undefined;
}

/**
 * The DNS layer of a world: the authoritative zone, the recovery automation, and the
 * clients behind their resolvers (simulated per request, or sampled around incidents at
 * the end of the run). Attach after the network and before the fleet launches. The
 * clients' outcomes and the authoritative queries are also counted per bucket of
 * `serviceIntervalMs` (the service's interval, joined into its timeseries.csv), or without
 * a service of DNS_INTERVAL_MS (then this layer writes timeseries.csv itself); and after
 * each recovery in log-spaced bins (switchover.csv).
 */
export function attachDns(ctx: BuildContext, net: NetworkParts, serviceIntervalMs?: number): DnsParts {
  const { sim, bus, api, scenario } = ctx;
  const dns = scenario.dns;
  const rec = scenario.recovery;
  const bucketMs = serviceIntervalMs ?? DNS_INTERVAL_MS;
  if (dns === undefined && rec === undefined) return { component: {}, stage: undefined, frontEndActive: undefined, published: () => true, onFrontEndsChanged: undefined };
  const records: RecordSpec[] = (dns?.records ?? []).map((r) => (r.type === 'A' ? { type: 'A', name: r.name, ttlMs: r.ttl } : { type: 'CNAME', name: r.name, ttlMs: r.ttl, target: r.to }));
  const zone = new AuthoritativeZone(records);
  // Literal addresses are published from the start.
  for (const r of dns?.records ?? []) {
    if (r.type === 'A' && r.to.every((t) => IPV4.test(t))) zone.set(r.name, r.to, 0);
  }
  const frontRoles = new Set((dns?.records ?? []).flatMap((r) => (r.type === 'A' ? r.to.filter((t) => !IPV4.test(t)) : [])));
  if (rec !== undefined) frontRoles.add(rec.front_end);
  const serving = new ServingLog(bus, frontRoles);
  const recovery = rec === undefined ? undefined : new Recovery(sim, bus, api, zone, {
    frontEnd: rec.front_end, checkEveryMs: rec.health_check.every, failures: rec.health_check.failures, replace: rec.replace,
    method: rec.method, dnsUpdateMs: rec.dns_update, standby: rec.standby,
    records: (dns?.records ?? []).filter((r) => r.type === 'A' && r.to.includes(rec.front_end)).map((r) => r.name),
  }, serving, net.network.eips, Math.max(0, (scenario.fleet[rec.front_end]?.count ?? 0) - rec.standby));

  const perRequest = dns?.replay !== undefined || dns?.mode === 'per-request';
  const switchover = recovery === undefined ? undefined : new SwitchoverBins(() => recovery.incidents, perRequest);
  let outcome: (() => ClientOutcome) | undefined;
  let inputs: ModelInputs | undefined;
  let counts: RequestCountsBetween | undefined;
  /** The population when only a sample of its clients is simulated (results carry its sampling error). */
  let sampledPop: Population | undefined;
  const clients = scenario.clients;
  const replay = dns?.replay;
  if (dns !== undefined && replay !== undefined) {
    // A replayed query log stands in for the clients: one client per resolver of the log.
    const n = Math.max(1, replay.resolverCount);
    const pop = new Population({
      clients: n, periodMs: 60_000, pinMs: 0, failoverShare: clients?.failover.share ?? 0, timeoutMs: clients?.failover.timeout ?? 21_000,
      resolvers: n, overstayShare: dns.resolvers.overstay.share, overstay: toDistribution(dns.resolvers.overstay.by),
    }, sim.family('dns.population'), true);
    const reach = ledgerReach(net.network.ledgerView(), serving);
    const begin = (): void => {
      const name = dns.name ?? dns.records[0]!.name;
      const startMs = recovery?.publishedMs ?? 0;
      outcome = startReplayModel(sim, { pop, zone, name, reach, draws: sim.family('dns.clients'), startMs, endMs: scenario.duration, lastChangeMs: scenario.duration, bucketMs, switchover }, replay);
      const names = new Set(zone.chain(name).map((r) => r.name));
      counts = new ReplayRequestCounts(replay.timesMs.filter((_, i) => names.has(replay.names[i]!)), startMs);
    };
    if (recovery === undefined) begin();
    else recovery.onPublished = begin;
  } else if (dns !== undefined && clients !== undefined) {
    const pop = new Population({
      clients: clients.count, periodMs: clients.request_every, process: clients.process, pinMs: clients.pin, failoverShare: clients.failover.share, timeoutMs: clients.failover.timeout,
      resolvers: dns.resolvers.count, overstayShare: dns.resolvers.overstay.share, overstay: toDistribution(dns.resolvers.overstay.by),
      samplePerResolver: clients.sample?.per_resolver,
    }, sim.family('dns.population'));
    if (pop.sampled) sampledPop = pop;
    const reach = ledgerReach(net.network.ledgerView(), serving);
    const make = (startMs: number): ModelInputs => {
      // Every client's schedule when all are simulated and periodic; else the clients' mean rate.
      counts = pop.process === 'periodic' && !pop.sampled
        ? new PeriodicRequestCounts(pop.phaseMs, pop.spec.periodMs, startMs)
        : new MeanRateRequestCounts(pop.spec.clients / pop.spec.periodMs, startMs);
      return {
        pop, zone, name: dns.name ?? dns.records[0]!.name, reach, draws: sim.family('dns.clients'), startMs, endMs: scenario.duration,
        lastChangeMs: Math.max(startMs, ...(recovery?.incidents ?? []).map((i) => i.recoveredMs ?? i.startMs)), bucketMs, switchover,
      };
    };
    if (dns.mode === 'per-request') {
      // Clients start once the record is first published.
      const begin = (): void => {
        const start = recovery?.publishedMs ?? 0;
        inputs = make(start);
        outcome = startPerRequestModel(sim, inputs);
      };
      if (recovery === undefined) begin();
      else recovery.onPublished = begin;
    } else {
      outcome = () => {
        const start = recovery === undefined ? 0 : recovery.publishedMs;
        // The front end never came up: nobody could look the service up.
        if (start === undefined) return { log: new OutcomeLog(), dnsQueries: 0, requests: 0, clientMs: 0, settleMs: 0 };
        inputs = make(start);
        reach.freeze();
        return runSampledModel(inputs, (recovery?.incidents ?? []).map((i) => ({ startMs: i.startMs, recoveredMs: i.recoveredMs ?? Infinity })));
      };
    }
  }

  // The clients' outcome, computed once (the sampled mode runs its windows then).
  let outcomeMemo: { value: ClientOutcome | undefined } | undefined;
  const clientOutcome = (): ClientOutcome | undefined => (outcomeMemo ??= { value: outcome?.() }).value;
  let results: ReturnType<typeof dnsResults> | undefined;
  const finish = (endMs: number): ReturnType<typeof dnsResults> => {
    if (results === undefined) {
      const o = clientOutcome();
      results = dnsResults(recovery?.incidents ?? [], o, endMs, dns?.outages ?? 'cdf', sampledPop);
      if (o !== undefined && switchover !== undefined && recovery !== undefined) {
        const c = counts;
        results.tables.push(switchoverTable(recovery.incidents, switchover, o, clients === undefined ? replayClients : clients.count, endMs, (a, b) => c?.between(a, b) ?? Number.NaN));
      }
    }
    return results;
  };
  const replayClients = Math.max(1, replay?.resolverCount ?? 0);
  const stage = (): DnsStage | undefined => {
    const o = clientOutcome();
    if (o === undefined || counts === undefined) return undefined;
    return new ClientStage(o, counts, bucketMs, scenario.duration);
  };
  const hasClients = clients !== undefined || replay !== undefined;
  const parts: DnsParts = {
    component: {
      // Without a service, the DNS layer's own timeseries.csv: what the clients met and the query load, per minute.
      stream: (endMs, target) => {
        if (scenario.service !== undefined || !hasClients || dns === undefined) return;
        const st = stage();
        if (st !== undefined) target.put('timeseries', DNS_TIMESERIES_COLUMNS, dnsTimeseriesRows(st, bucketMs, endMs));
      },
      summary: (endMs) => [...finish(endMs).summary, ...(recovery ? [['recovery_launch_failures', recovery.launchFailures] as [string, number]] : [])],
      tables: (endMs) => finish(endMs).tables,
    },
    stage: !hasClients || dns === undefined ? undefined : stage,
    frontEndActive: recovery === undefined ? undefined : (inst) => recovery.isActive(inst),
    published: () => recovery === undefined || recovery.publishedMs !== undefined,
    onFrontEndsChanged: undefined,
  };
  if (recovery !== undefined) recovery.onActiveChange = () => parts.onFrontEndsChanged?.();
  return parts;
}

/** The clients' requests sent in [fromMs, toMs). */
interface RequestCountsBetween {
  between(fromMs: number, toMs: number): number;
}

/**
 * What the clients met in each accounting interval (a DnsStage): the outcome log's bucket
 * and the requests sent in it. A class, not a closure made per replication: V8 keeps its
 * optimised code across them.
 */
class ClientStage implements DnsStage {
  readonly #outcome: ClientOutcome;
  readonly #counts: RequestCountsBetween;
  readonly #bucketMs: number;
  readonly #endMs: number;

  constructor(outcome: ClientOutcome, counts: RequestCountsBetween, bucketMs: number, endMs: number) {
    this.#outcome = outcome;
    this.#counts = counts;
    this.#bucketMs = bucketMs;
    this.#endMs = endMs;
  }

  interval(i: number): DnsInterval {
    const log = this.#outcome.log;
    const [failed, misdirected, slow] = log.bucket(i);
    const requests = this.#counts.between(i * this.#bucketMs, Math.min(this.#endMs, (i + 1) * this.#bucketMs));
    return { requests, failed, misdirected, slow, queries: log.queriesIn(i) };
  }
}
