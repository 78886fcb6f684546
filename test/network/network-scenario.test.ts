import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run-scenario.js';
import type { Table } from '../../src/metrics/table.js';
import { loadScenario, parseScenario } from '../../src/scenario/loader.js';
import { formatProblem, ScenarioError } from '../../src/scenario/scenario-error.js';

const BASE = `name: n
duration: 1d
cloud:
  zones:
    us-east-1a: { hosts: 10 }
`;

function problems(text: string): string[] {
  try {
    parseScenario(text, 'n.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

function run(text: string) {
  const { scenario } = parseScenario(text, 'n.yaml');
  const r = runScenario(scenario);
  const table = (name: string): Table | undefined => r.tables.find((t) => t.name === name);
  const col = (t: Table, c: string): number => t.columns.indexOf(c);
  const summary = (c: string): unknown => table('summary')!.rows[0]![col(table('summary')!, c)];
  return { r, table, col, summary };
}

describe('the network sections of a scenario', () => {
  it('fill 2008 defaults', () => {
    const n = parseScenario(BASE, 'n.yaml').scenario.cloud.network;
    expect(n.private_pool.text).toBe('10.251.0.0/16');
    expect(n.public_pool.text).toBe('75.101.128.0/17');
    expect(n.reuse).toBe('random');
    expect(n.tenant_churn * 3_600_000).toBeCloseTo(200, 9);
    expect(n.tenant_hold).toEqual({ kind: 'exponential', mean: 86_400_000 });
    expect(n.eip_remap_delay).toBe(120_000);
    expect(n.eip_limit).toBe(5);
  });

  it('refuse bad blocks with their location and what would be right', () => {
    expect(problems(`${BASE}  network: { private_pool: 10.251.1.0/16 }\n`)).toEqual([
      'n.yaml:6:28: cloud.network.private_pool: "10.251.1.0/16" is not a CIDR block: host bits are set below /16 (did you mean 10.251.0.0/16?)',
    ]);
    expect(problems(`${BASE}  network: { public_pool: 75.101.0.0/33 }\n`)[0]).toContain('cloud.network.public_pool: "75.101.0.0/33" is not a CIDR block: the prefix length "33" must be a whole number 0..32');
    expect(problems(`${BASE}  network: { private_pool: 75.101.0.0/16, public_pool: 10.0.0.0/8 }\n`)).toEqual([
      'n.yaml:6:28: cloud.network.private_pool: 75.101.0.0/16 is not private: expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918)',
      'n.yaml:6:56: cloud.network.public_pool: 10.0.0.0/8 is private address space (RFC 1918); public addresses must be routable',
    ]);
    expect(problems(`${BASE}  network: { reuse: oldest }\n`)[0]).toContain('cloud.network.reuse');
    expect(problems(`${BASE}  network: { tenant_chrun: 10/h }\n`)[0]).toContain('unknown key "tenant_chrun" (did you mean "tenant_churn"?)');
  });

  it('refuse probes without a port, with a bad source, or with until but no every', () => {
    const text = `${BASE}fleet:\n  web: { image: ami-f937d290 }\nprobes:\n  - { at: 1h, from: 0.0.0.0/0, to: web }\n  - { at: 1h, from: 10.0.0.0/33, to: web, port: 1 }\n  - { at: 1h, until: 2h, from: web, to: "@eip.0", port: 1 }\n`;
    expect(problems(text)).toEqual([
      'n.yaml:9:5: probes.0.port: proto tcp needs a port, e.g. port: 22',
      'n.yaml:10:21: probes.1.from: "10.0.0.0/33" is not a CIDR block: the prefix length "33" must be a whole number 0..32',
      'n.yaml:11:22: probes.2.until: until ends a repeating probe; give every: too (e.g. every: 1m)',
    ]);
  });

  it('refuse probes and traffic naming unknown roles, and probes after the end', () => {
    const text = `${BASE}fleet:\n  web: { image: ami-f937d290 }\nprobes:\n  - { at: 1h, from: 0.0.0.0/0, to: webb, port: 80 }\n  - { at: 2d, from: web, to: web, port: 80 }\ntraffic:\n  db: { out: 1GB/d }\n`;
    expect(problems(text)).toEqual([
      'n.yaml:9:36: probes.0.to: unknown role "webb" (did you mean "web"?); known: web',
      'n.yaml:10:11: probes.1.at: at 2d is after the end of the run (duration 1d)',
      'n.yaml:12:7: traffic.db: unknown role "db"; known: web',
    ]);
  });

  it('give each instance both addresses at launch, so user-data sees the database address', () => {
    const { table, col } = run(`${BASE}fleet:\n  db: { image: ami-f937d290 }\n  web: { image: ami-f937d290, count: 2, user_data: "db=\${db.private_ip}" }\n`);
    const inst = table('instances')!;
    const db = inst.rows.find((r) => r[col(inst, 'role')] === 'db')!;
    expect(db[col(inst, 'private_ip')]).toMatch(/^10\.251\./);
    expect(db[col(inst, 'public_ip')]).toMatch(/^75\.101\./);
    for (const web of inst.rows.filter((r) => r[col(inst, 'role')] === 'web')) expect(web[col(inst, 'user_data')]).toBe(`db=${db[col(inst, 'private_ip')]}`);
  });

  it('run elastic-IP actions, and refuse the impossible ones with EC2 codes', () => {
    const { table, col } = run(`${BASE}  network: { eip_limit: 1 }\nfleet:\n  lb: { image: ami-f937d290 }\nactions:
  - { at: 0s, run: "ec2-allocate-address" }
  - { at: 0s, run: "ec2-allocate-address" }
  - { at: 5m, run: "ec2-associate-address -i @lb.0 @eip.0" }
  - { at: 1h, run: "ec2-disassociate-address @eip.0" }
  - { at: 2h, run: "ec2-release-address @eip.0" }
  - { at: 3h, run: "ec2-release-address @eip.0" }
  - { at: 3h, run: "ec2-associate-address -i @lb.0 75.101.1.1" }
  - { at: 3h, run: "ec2-authorize web -o lb -u 495219933132" }
`);
    const a = table('actions')!;
    const rows = a.rows.map((r) => `${r[col(a, 'status')]}: ${r[col(a, 'result')]}`);
    expect(rows[0]).toMatch(/^ok: ADDRESS 75\.101\.\d+\.\d+ \(@eip\.0\)$/);
    expect(rows[1]).toBe('AddressLimitExceeded: AddressLimitExceeded: the account already holds 1 elastic IP(s), its limit');
    expect(rows[2]).toMatch(/^ok: ADDRESS [\d.]+ i-[0-9a-f]{8} \(in effect at 420 s\)$/);
    expect(rows[3]).toMatch(/^ok: ADDRESS [\d.]+ from i-[0-9a-f]{8}$/);
    expect(rows[4]).toMatch(/^ok: ADDRESS /);
    expect(rows[5]).toMatch(/^InvalidAddress\.NotFound: InvalidAddress\.NotFound: @eip\.0 is not an elastic IP of this account \(it was released\)$/);
    expect(rows[6]).toBe('InvalidAddress.NotFound: InvalidAddress.NotFound: 75.101.1.1 is not an elastic IP of this account');
    // Our own account: the same as no -u; a group grant without -P opens tcp, udp and icmp (2008).
    expect(rows[7]).toBe('ok: GROUP web PERMISSION tcp 0 65535 FROM group lb; GROUP web PERMISSION udp 0 65535 FROM group lb; GROUP web PERMISSION icmp -1 -1 FROM group lb');
    const addr = table('addresses')!;
    const kinds = addr.rows.filter((r) => r[col(addr, 'kind')] === 'elastic').map((r) => [r[col(addr, 'holder')], r[col(addr, 'from_s')], r[col(addr, 'to_s')]]);
    expect(kinds[0]).toEqual(['eip.0', 0, 420]);
    expect(kinds[1]!.slice(1)).toEqual([420, 3600]);
    expect(kinds[2]).toEqual(['eip.0', 3600, 7200]);
  });

  it('an exhausted pool is an outcome: the launch is refused with InsufficientAddressCapacity, as EC2 refused it', () => {
    // A /29 has 6 usable addresses: 6 instances start, 2 are refused.
    const { summary, table, col } = run(`${BASE}  network: { private_pool: 10.251.0.0/29 }\nfleet:\n  web: { image: ami-f937d290, count: 8 }\nprobes:\n  - { at: 1h, from: 0.0.0.0/0, to: web, port: 80 }\n`);
    expect(summary('launch_failures')).toBe(2);
    expect(summary('instances_launched')).toBe(6);
    expect(summary('address_exhaustions')).toBe(0);
    const inst = table('instances')!;
    expect(inst.rows.every((r) => r[col(inst, 'private_ip')] !== null)).toBe(true);
    const flows = table('flows')!;
    expect(flows.rows.map((r) => r[col(flows, 'reason')])).toEqual(Array(6).fill('security-group'));
  });

  it('a scenario of bare hosts pays nothing for the network: no churn, no address tables', () => {
    const { summary, table } = run(BASE);
    expect(summary('events')).toBe(0);
    expect(summary('public_ip_changes')).toBe(0);
    expect(table('addresses')).toBeUndefined();
  });
});

describe('scenarios/elastic-ip-manual.yaml', () => {
  const { scenario } = loadScenario('scenarios/elastic-ip-manual.yaml');
  const r = runScenario(scenario, { replications: 1 });
  const t = (name: string): Table => r.tables.find((x) => x.name === name)!;
  const rows = (name: string): Record<string, unknown>[] => t(name).rows.map((row) => Object.fromEntries(t(name).columns.map((c, i) => [c, row[i]])));

  it('moves the elastic IP from the dead balancer to its replacement', () => {
    const lbs = rows('instances').filter((i) => i['role'] === 'lb');
    expect(lbs).toHaveLength(2);
    const eip = rows('addresses').filter((a) => a['kind'] === 'elastic');
    expect(eip.map((a) => a['holder'])).toEqual(['eip.0', lbs[0]!['instance_id'], 'eip.0', lbs[1]!['instance_id']]);
    expect(new Set(eip.map((a) => a['address'])).size).toBe(1);
    expect(lbs[1]!['public_ip']).toBe(eip[0]!['address']);
  });

  it('gives each balancer\'s dynamic address back to the pool, where another customer takes it', () => {
    const s = rows('summary')[0]!;
    expect(s['reassigned_to_other_tenants']).toBeGreaterThanOrEqual(2);
    expect(s['public_ip_changes']).toBe(0);
    const lbDynamic = rows('addresses').filter((a) => a['kind'] === 'public' && a['role'] === 'lb');
    for (const d of lbDynamic) expect(rows('addresses').some((a) => a['address'] === d['address'] && a['holder'] === 'tenant' && (a['from_s'] as number) >= (d['to_s'] as number))).toBe(true);
  });

  it('shows the outage on the elastic IP from the failure until the remap, and nowhere else', () => {
    const eipProbes = rows('flows').filter((f) => f['to'] === '@eip.0');
    const refused = eipProbes.filter((f) => f['outcome'] === 'refused').map((f) => f['time_s'] as number);
    expect(Math.min(...refused)).toBe(216_000); // 2d12h: terminated
    expect(Math.max(...refused)).toBeLessThan(216_000 + 15 * 60); // remapped within 15 minutes
    const probe = (n: number) => rows('flows').filter((f) => f['probe'] === n).map((f) => f['reason']);
    expect(probe(3)).toEqual(['security-group', 'security-group']); // the web tier is not open to the Internet
    expect(probe(6)).toEqual(['protocol']); // SCTP
  });
});
