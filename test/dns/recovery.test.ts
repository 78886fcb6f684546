import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import type { Table } from '../../src/metrics/table.js';


/** A world with one load balancer that is terminated at 6 h; boot is exactly 150 s of fetch + 30 s of kernel. */
function scenario(extra: { recovery?: string; dns?: string; clients?: string; fleetCount?: number; network?: string; duration?: string; replay?: string } = {}): string {
  return `name: rec
duration: ${extra.duration ?? '12h'}
cloud:
  zones: { us-east-1a: { hosts: 20 } }
  boot: { s3_bandwidth: 10MB/s, kernel: 30s }
  network: { ${extra.network ?? 'tenant_churn: 0/h'} }
fleet:
  lb: { image: ami-f937d290, type: m1.small, count: ${extra.fleetCount ?? 1} }
recovery: { front_end: lb, health_check: { every: 30s, failures: 3 }, ${extra.recovery ?? 'method: dns, dns_update: 30s'} }
dns:
  ${extra.dns ?? 'mode: sampled'}
  records:
    - { name: www.example.com, type: CNAME, ttl: 1h, to: lb.example.com }
    - { name: lb.example.com, type: A, ttl: 60s, to: [lb] }
  resolvers: { count: 300, overstay: { share: 0 } }
  ${extra.replay ?? ''}
clients: { ${extra.clients ?? 'count: 3000, request_every: 30s'} }
actions:
  - { at: 6h, run: "ec2-terminate-instances @lb.0" }
`;
}

function run(text: string, seed = 1, readText?: (p: string) => string): { summary: Map<string, number>; tables: Map<string, Table> } {
  const r = build(parseScenario(text, 'rec.yaml', readText ? { readText } : {}).scenario, seed).run();
  return { summary: new Map(r.summary), tables: new Map(r.tables.map((t) => [t.name, t])) };
}

function incident(tables: Map<string, Table>): Record<string, string | number | null> {
  const t = tables.get('incidents')!;
  expect(t.rows).toHaveLength(1);
  return Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0]![i]!]));
}

describe('recovery timeline', () => {
  it('DNS: detected after 2-3 missed checks, replaced one boot later, record updated 30 s after that', () => {
    for (const seed of [1, 2, 3]) {
      const { tables } = run(scenario(), seed);
      const i = incident(tables);
      expect(i['cause']).toBe('user-terminated');
      expect(i['start_s']).toBe(6 * 3600);
      // Checks every 30 s at a random phase: the first one after the stop misses (0-30 s
      // later), then two more: detection 60-90 s after the stop.
      expect(i['detect_s']).toBeGreaterThan(60);
      expect(i['detect_s']).toBeLessThanOrEqual(90);
      expect(i['replace_s']).toBeCloseTo((i['detect_s'] as number) + 180, 6);
      expect(i['dns_update_s']).toBeCloseTo((i['replace_s'] as number) + 30, 6);
    }
  });

  it('clients are cut off for about the update time plus half a TTL, and none for ever', () => {
    const { summary, tables } = run(scenario());
    const i = incident(tables);
    // Every client fails once the balancer stops; it recovers when its resolver refetches
    // after the update (uniform over the 60 s TTL) and it next asks (every 30 s).
    expect(i['client_outages']).toBe(3000);
    const expected = (i['dns_update_s'] as number) + 30;
    expect(Math.abs((summary.get('outage_mean_s')!) - expected)).toBeLessThan(4 * 60 / Math.sqrt(12 * 300) + 15);
    expect(summary.get('outage_max_s')).toBeLessThan((i['dns_update_s'] as number) + 60 + 60);
  });

  it('self-registration: the replacement publishes its own address (from the metadata service) at boot', () => {
    const { tables, summary } = run(scenario({ recovery: 'method: self-register, dns_update: 45s' }));
    const i = incident(tables);
    expect(i['dns_update_s']).toBeCloseTo((i['replace_s'] as number) + 45, 6);
    expect(summary.get('outage_max_s')).toBeLessThan((i['dns_update_s'] as number) + 60 + 60);
  });

  it('a standby takes over at detection; a new standby is launched', () => {
    const { tables, summary } = run(scenario({ fleetCount: 2, recovery: 'method: dns, dns_update: 30s, standby: 1' }));
    const i = incident(tables);
    expect(i['replace_s']).toBe(i['detect_s']);
    expect(i['dns_update_s']).toBeCloseTo((i['detect_s'] as number) + 30, 6);
    expect(summary.get('instances_launched')).toBe(3);
  });

  it('an elastic IP is remapped to the replacement after the remap delay; the A record never changes', () => {
    const { tables, summary } = run(scenario({ recovery: 'method: elastic-ip', network: 'tenant_churn: 0/h, eip_remap_delay: 2m' }));
    const i = incident(tables);
    expect(i['dns_update_s']).toBeCloseTo((i['replace_s'] as number) + 120, 6);
    // Caches hold the same address throughout: every client is back at its first request after the remap.
    expect(summary.get('outage_max_s')).toBeLessThanOrEqual((i['dns_update_s'] as number) + 30 + 1);
  });
});

describe('the DNS modes through the whole model', () => {
  it('per-request clients start once the elastic IP is in force, and agree with the sampled model', () => {
    const text = scenario({ recovery: 'method: elastic-ip', network: 'tenant_churn: 0/h, eip_remap_delay: 2m' });
    const sampled = run(text).summary;
    const exact = run(text.replace('mode: sampled', 'mode: per-request')).summary;
    expect(exact.get('requests')).toBeGreaterThan(0);
    expect(exact.get('requests')).toBe(sampled.get('requests'));
    expect(Math.abs(sampled.get('outage_mean_s')! - exact.get('outage_mean_s')!)).toBeLessThan(30);
  });

  it('sampled and per-request agree on the outage and the query load', () => {
    const text = scenario({ clients: 'count: 3000, request_every: 30s, pin: 60s' });
    const sampled = run(text).summary;
    const exact = run(text.replace('mode: sampled', 'mode: per-request')).summary;
    // Same infrastructure timeline (same seed), independent client draws: the means differ
    // by sampling error over 300 resolvers (TTL 60 s, sd of the mean ~ 1 s) and the pin.
    expect(Math.abs(sampled.get('outage_mean_s')! - exact.get('outage_mean_s')!)).toBeLessThan(15);
    expect(Math.abs(sampled.get('failed_requests')! / exact.get('failed_requests')! - 1)).toBeLessThan(0.1);
    expect(Math.abs(sampled.get('dns_queries_per_s')! / exact.get('dns_queries_per_s')! - 1)).toBeLessThan(0.05);
    expect(sampled.get('requests')).toBe(exact.get('requests'));
  });

  it('a tenant that takes the old address gets misdirected requests', () => {
    // About 830 tenants in a /22: a released address goes to a stranger within minutes.
    const { summary } = run(scenario({ network: 'tenant_churn: 5000/h, public_pool: 75.101.128.0/22, tenant_hold: { exponential: { mean: 10m } }' }));
    expect(summary.get('misdirected_requests')).toBeGreaterThan(0);
  });
});

describe('replaying a resolver query log', () => {
  it('drives the resolvers from the log; each resolver is one client', () => {
    // Two resolvers look up the name every 10 s from 5 h to 7 h.
    const rows = ['time_s,resolver,name'];
    for (let t = 5 * 3600; t < 7 * 3600; t += 10) rows.push(`${t},r1,www.example.com`, `${t + 5},r2,www.example.com`, `${t},r3,other.example.org`);
    const text = scenario({ replay: 'replay: { csv: log.csv }' });
    const { summary, tables } = run(text, 1, () => `${rows.join('\n')}\n`);
    const i = incident(tables);
    expect(i['client_outages']).toBe(2);
    expect(summary.get('requests')).toBe(2 * (2 * 3600) / 10);
    expect(summary.get('outage_max_s')).toBeLessThanOrEqual((i['dns_update_s'] as number) + 60 + 10);
  });

  it('a bad row is located by file and line', () => {
    expect(() => parseScenario(scenario({ replay: 'replay: { csv: log.csv }' }), 'rec.yaml', { readText: () => 'time_s,resolver,name\n5,r1,www.example.com\nsoon,r1,www.example.com\n' }))
      .toThrow('rec.yaml:16:18: dns.replay.csv: log.csv:3: time_s "soon" is not a number >= 0');
  });
});
