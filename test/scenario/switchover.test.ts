import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { parseScenario } from '../../src/scenario/loader.js';
import type { Table } from '../../src/metrics/table.js';

/**
 * A small DNS scenario run in both DNS modes (fixed seeds): the front end's host fails at
 * 3 h, a replacement comes back at a new address, a 5-minute A record, 20% of resolvers
 * overstaying by an exponential 10 minutes. The per-request mode counts every request and
 * query; the sampled mode simulates windows around the incident and takes the renewal
 * expectation elsewhere. The population (phases, overstays) is the same in both; the rest
 * of the randomness is not, so they agree within sampling error.
 */
const yaml = (mode: string, service: boolean): string => `
name: switch-small
duration: 6h
seed: 3
replications: 1
cloud:
  zones:
    us-east-1a: { hosts: 4 }
  network: { tenant_churn: 0/h }
faults:
  outages:
    - { at: 3h, host: us-east-1a-h00000, duration: 1h }
fleet:
  lb: { image: ami-f937d290, type: m1.small, count: 1 }
recovery: { front_end: lb, health_check: { every: 30s, failures: 3 }, replace: true, method: dns, dns_update: 30s }
dns:
  mode: ${mode}
  records:
    - { name: lb.example.com, type: A, ttl: 5m, to: [lb] }
  resolvers: { count: 200, overstay: { share: 0.2, by: { exponential: { mean: 10m } } } }
clients: { count: 4000, request_every: 1m, pin: 0s, failover: { share: 0.5, timeout: 21s } }
${service ? 'service: { interval: 5m, path: lb, roles: { lb: { capacity: 8000/s, per: instance } } }' : ''}
`;

function run(mode: string, service = false): { tables: readonly Table[]; table(name: string): Record<string, number>[] } {
  const { scenario } = parseScenario(yaml(mode, service), 'switch-small.yaml');
  const r = runScenario(scenario);
  return {
    tables: r.tables,
    table(name) {
      const t = r.tables.find((x) => x.name === name);
      if (t === undefined) throw new Error(`no ${name}`);
      return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, Number(row[i])])));
    },
  };
}

const RESOLVERS = 200;
const exact = run('per-request');
const sampled = run('sampled');

describe('DNS queries per interval', () => {
  it('the run-level dns_queries_per_s is the mean of the per-interval series, in both modes', () => {
    for (const r of [exact, sampled]) {
      const series = r.table('timeseries');
      expect(series.length).toBe(360); // one a minute over 6 h, without a service
      const mean = series.reduce((a, x) => a + x.dns_queries_per_s!, 0) / series.length;
      const summary = r.table('summary')[0]!;
      expect(summary.dns_queries_per_s).toBeGreaterThan(0);
      expect(Math.abs(mean / summary.dns_queries_per_s! - 1)).toBeLessThan(1e-9);
      for (const x of series) expect(x.dns_queries_per_s).toBeCloseTo(x.dns_queries! / 60, 9);
    }
  });

  it('the two modes agree interval by interval, within Poisson errors', () => {
    const a = exact.table('timeseries');
    const b = sampled.table('timeseries');
    // Resolvers query at renewals (more regular than Poisson): a Poisson variance q is an upper bound.
    let chi = 0;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const qa = a[i]!.dns_queries!;
      const qb = b[i]!.dns_queries!;
      if (a[i]!.time_s! < 600) continue; // the first TTL: per-request mode starts from a primed state, both do; keep the stationary part
      const z = (qa - qb) / Math.sqrt(qa + qb + 1);
      expect(Math.abs(z)).toBeLessThan(5);
      chi += z * z;
      n++;
    }
    expect(chi / n).toBeLessThan(1.5);
    const total = (t: Record<string, number>[]): number => t.reduce((s, x) => s + x.dns_queries!, 0);
    expect(Math.abs(total(a) - total(b))).toBeLessThan(4 * Math.sqrt(total(a)));
    // Failed requests per interval: in both, only around the incident.
    const failed = (t: Record<string, number>[]): number => t.reduce((s, x) => s + x.failed_requests!, 0);
    expect(failed(a)).toBeGreaterThan(0);
    expect(Math.abs(failed(a) - failed(b)) / failed(a)).toBeLessThan(0.15);
    for (const t of [a, b]) for (const x of t) if (x.time_s! < 3 * 3600) expect(x.failed_requests).toBe(0);
  });

  it('joins the service time series when there is a service, with the same query load', () => {
    const withService = run('sampled', true);
    const ts = withService.table('timeseries');
    expect(ts.length).toBe(72);
    expect(Object.keys(ts[0]!)).toEqual(expect.arrayContaining(['dns_queries', 'dns_queries_per_s', 'misdirected_rps', 'failed_rps_dns']));
    const mean = ts.reduce((a, x) => a + x.dns_queries_per_s!, 0) / ts.length;
    expect(Math.abs(mean / withService.table('summary')[0]!.dns_queries_per_s! - 1)).toBeLessThan(1e-9);
  });
});

describe('switchover.csv', () => {
  const a = exact.table('switchover');
  const b = sampled.table('switchover');

  it('has log-spaced rows from 1 s after the DNS update, up to the settle horizon', () => {
    expect(a.map((x) => x.after_s)).toEqual(b.map((x) => x.after_s));
    expect(a.slice(0, 6).map((x) => x.after_s)).toEqual([1, 2, 5, 10, 20, 30]);
    // The longest answer lives the TTL plus the largest of ~40 exponential overstays (~45 min): rows go past 1000 s.
    expect(a[a.length - 1]!.after_s).toBeGreaterThanOrEqual(2000);
    for (const x of [...a, ...b]) {
      for (const k of ['requests_live_share', 'requests_misdirected_share', 'clients_dead_share', 'clients_foreign_share']) {
        expect(x[k]).toBeGreaterThanOrEqual(0);
        expect(x[k]).toBeLessThanOrEqual(1);
      }
    }
    // Right after the update nearly everyone is still cut off; at the end, nobody is.
    expect(a[0]!.clients_dead_share).toBeGreaterThan(0.9);
    expect(a[a.length - 1]!.clients_dead_share).toBeLessThan(0.02);
    expect(a[a.length - 1]!.requests_live_share).toBeGreaterThan(0.98);
  });

  it('the two modes agree point by point, within errors from the number of resolvers and requests', () => {
    // Clients move with their resolver (a cluster): the share varies like a binomial over
    // resolvers, or over requests when a bin has fewer; the difference of two estimates has
    // twice the variance.
    for (let j = 0; j < a.length; j++) {
      const x = a[j]!;
      const y = b[j]!;
      expect(Math.abs(x.requests! - y.requests!)).toBeLessThanOrEqual(1e-6 * x.requests! + 1e-9); // all clients periodic: the same schedule
      const p = (x.clients_dead_share! + y.clients_dead_share!) / 2;
      const se = Math.sqrt((2 * p * (1 - p)) / RESOLVERS) + 1 / RESOLVERS;
      expect(Math.abs(x.clients_dead_share! - y.clients_dead_share!), `clients at ${x.after_s} s`).toBeLessThan(4 * se);
      const q = (x.requests_live_share! + y.requests_live_share!) / 2;
      const m = Math.min(RESOLVERS, x.requests!);
      const seq = Math.sqrt((2 * q * (1 - q)) / m) + 1 / m;
      expect(Math.abs(x.requests_live_share! - y.requests_live_share!), `requests at ${x.after_s} s`).toBeLessThan(4 * seq);
    }
  });
});
