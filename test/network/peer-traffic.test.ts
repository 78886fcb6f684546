import { describe, expect, it } from 'vitest';
import { build } from '../../src/scenario/build.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import type { Table } from '../../src/metrics/table.js';

const BOOT_S = 180; // 1.5 GB at 10 MB/s + a constant 30 s kernel: every instance runs from 180 s
const DAY_S = 86_400;
const GB = 1e9;

/** Two zones; the db in us-east-1a; web instances in each zone; one role that names the db by its public address. */
const scenario = (extra = '') => `name: peers
duration: 2d
cloud:
  zones: { us-east-1a: { hosts: 4 }, us-east-1b: { hosts: 4 } }
  boot: { kernel: 30s }
fleet:
  db:   { image: ami-f937d290, count: 1, zone: us-east-1a }
  web:  { image: ami-f937d290, count: 2, user_data: "db=\${db.private_ip}" }
  pub:  { image: ami-f937d290, count: 1, zone: us-east-1a, user_data: "db=\${db.public_ip}" }
traffic:
  web: { to: { db: 10GB/d } }
  pub: { to: { db: 4GB/d } }
  db:  { to: { web: 30GB/d } }
${extra}`;

function run(text: string) {
  const result = build(parseScenario(text, 'peers.yaml').scenario, 1).run();
  const table = (name: string): Table => result.tables.find((t) => t.name === name)!;
  const traffic = table('traffic');
  const instances = table('instances');
  const zoneOf = new Map(instances.rows.map((r) => [r[instances.columns.indexOf('instance_id')], r[instances.columns.indexOf('zone')]]));
  const running = instances.rows.map((r) => r[instances.columns.indexOf('running_s')]);
  const col = (c: string) => traffic.columns.indexOf(c);
  const byInstance = new Map<string, { role: string; zone: string; internal: number; regional: number }>();
  for (const r of traffic.rows) {
    const id = r[col('instance_id')] as string;
    const e = byInstance.get(id) ?? { role: r[col('role')] as string, zone: zoneOf.get(id) as string, internal: 0, regional: 0 };
    e.internal += r[col('internal_gb')] as number;
    e.regional += r[col('regional_gb')] as number;
    byInstance.set(id, e);
  }
  return { result, table, byInstance: [...byInstance.values()], running, summary: new Map(result.summary) };
}

describe('traffic between roles (regional transfer)', () => {
  it('is free in one zone on private addresses, regional across zones or by public address, counted at both ends', () => {
    const { byInstance, running, summary } = run(scenario());
    expect(new Set(running)).toEqual(new Set([BOOT_S]));
    const days = (2 * DAY_S - BOOT_S) / DAY_S; // every role runs from 180 s to the end
    const get = (role: string, zone: string) => byInstance.find((e) => e.role === role && e.zone === zone)!;
    const webA = get('web', 'us-east-1a');
    const webB = get('web', 'us-east-1b');
    const pub = get('pub', 'us-east-1a');
    const db = get('db', 'us-east-1a');
    // web -> db 10 GB/d and db -> web 30 GB/d, each split over the two (web, db) pairs.
    expect(webA.internal).toBeCloseTo((5 + 15) * days, 9);
    expect(webA.regional).toBe(0);
    expect(webB.regional).toBeCloseTo((5 + 15) * days, 9);
    expect(webB.internal).toBe(0);
    // pub names the db's public address: regional although both are in us-east-1a.
    expect(pub.regional).toBeCloseTo(4 * days, 9);
    expect(pub.internal).toBe(0);
    // The db counts every byte again at its end.
    expect(db.internal).toBeCloseTo(20 * days, 9);
    expect(db.regional).toBeCloseTo((20 + 4) * days, 9);
    expect(summary.get('traffic_regional_gb')).toBeCloseTo(2 * 24 * days, 9);
  });

  it('is billed at the catalog regional rate ($0.01 per GB each way, Amazon GB of 2^30 bytes)', () => {
    const { table, summary } = run(scenario());
    const invoice = table('invoice');
    const c = (name: string) => invoice.columns.indexOf(name);
    const line = invoice.rows.find((r) => r[c('item')] === 'transfer-regional')!;
    const gib = ((summary.get('traffic_regional_gb') as number) * GB) / 2 ** 30;
    expect(line[c('quantity')]).toBeCloseTo(gib, 6);
    expect(line[c('unit_price_usd')]).toBe(0.01);
    expect(line[c('amount_usd')]).toBeCloseTo(Math.round(gib * 0.01 * 1e6) / 1e6, 5);
    expect(summary.get('cost_transfer_usd')).toBeCloseTo(line[c('amount_usd')] as number, 6);
  });

  it('flows only while both ends run: a db gone for a day carries nothing that day', () => {
    const { byInstance } = run(scenario(`actions:
  - { at: 1d, run: "ec2-terminate-instances @db.0" }
`));
    const web = byInstance.filter((e) => e.role === 'web');
    // The db stops at 1 d (shutting down): web's traffic flowed for 1 d - 180 s only.
    const days = (DAY_S - BOOT_S) / DAY_S;
    expect(web.reduce((a, e) => a + e.internal + e.regional, 0)).toBeCloseTo(40 * days, 9);
  });

  it('refuses a flow to an unknown role or to itself', () => {
    const bad = scenario().replace('pub: { to: { db: 4GB/d } }', 'pub: { to: { dbb: 4GB/d, pub: 1GB/d } }');
    let messages: string[] = [];
    try {
      parseScenario(bad, 'peers.yaml');
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      messages = e.problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(messages).toEqual([
      'traffic.pub.to.dbb: unknown role "dbb" (did you mean "db"?); known: db, web, pub',
      "traffic.pub.to.pub: a role's traffic to itself is not modelled; give it as internal: instead",
    ]);
  });
});
