/**
 * The aiderss month at scale: 10,000 resolvers and 1,000,000 clients (one request a minute
 * each: 43 billion requests in the month), one replication through the library, sampled
 * DNS mode. Reports wall time, peak memory and the outage it computed.
 */
import { loadScenario } from '../src/scenario/loader.js';
import { runScenario } from '../src/experiment/run-scenario.js';
import { measure, type BenchEntry, type BenchRow } from './report.js';

function runDnsMonth(): BenchRow[] {
  const { scenario } = loadScenario('scenarios/aiderss.yaml', { set: ['dns.resolvers.count=10000', 'clients.count=1000000', 'replications=1'] });
  let summary = new Map<string, number>();
  const m = measure(() => {
    const r = runScenario(scenario);
    const t = r.tables[0]!;
    summary = new Map(t.columns.map((c, i) => [c, Number(t.rows[0]![i])]));
  });
  return [{
    name: 'dns/aiderss-month',
    workload: `30 d, 10,000 resolvers, 1,000,000 clients, ${summary.get('incidents')} incident(s)`,
    wallMs: m.wallMs,
    memoryBytes: m.maxRss,
    target: { metric: 'wallMs', max: 10_000 },
    detail: `outage p50 ${summary.get('outage_p50_s')} s, p95 ${summary.get('outage_p95_s')} s; ${summary.get('events')} events`,
  }];
}

export const dnsMonthEntry: BenchEntry = { name: 'dns', run: runDnsMonth };
