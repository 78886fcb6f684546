import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import { constant } from '../../src/engine/distributions.js';
import { FaultKind } from '../../src/faults/fault.js';
import { PeriodicMaintenance } from '../../src/faults/maintenance.js';
import { INSTANCE_TYPES_2008 } from '../../src/cloud/catalog.js';
import { preCopy } from '../../src/cloud/pre-copy.js';
import { DAY, faultWorld, HOUR, MIN } from './fault-world.js';

const LINK = { bandwidthBytesPerMs: 125_000, dirtyBytesPerMs: 20_000 }; // 125 MB/s, 20 MB/s
const MIGRATE = { kind: 'live-migrate', link: LINK } as const;
/** An m1.small's migration over LINK. */
const SMALL = preCopy({ memoryBytes: INSTANCE_TYPES_2008['m1.small']!.memoryMb * 2 ** 20, ...LINK });

describe('live migration', () => {
  it('moves every guest to room in the same zone and keeps the capacity books right', () => {
    const w = faultWorld([{ name: 'a', hosts: 3, racks: 1 }, { name: 'b', hosts: 1, racks: 1 }]);
    const moved: string[] = [];
    w.bus.on('instance.migrated', (e) => moved.push(`${e.instance.id} ${e.from.id}->${e.to.id} ${e.pauseMs} ${e.totalMs}`));
    const first = w.launch(15, 'a'); // a 2008 host takes 15 m1.small: all on a-h00000
    expect(new Set(first.map((i) => i.host.id))).toEqual(new Set(['a-h00000']));
    w.sim.run({ until: 5 * MIN });
    const h0 = w.cloud.hosts[0]!;
    w.ledger.strike(FaultKind.Maintenance, h0.id, [h0], 2 * HOUR, MIGRATE);
    expect(first.every((i) => i.state === 'running' && i.host.id === 'a-h00001')).toBe(true);
    expect(moved).toEqual(first.map((i) => `${i.id} a-h00000->a-h00001 ${SMALL.pauseMs} ${SMALL.totalMs}`));
    expect(h0.guests.size).toBe(0);
    // a-h00000 is down and a-h00001 full: 15 more fill a-h00002, and then there is no room.
    expect(new Set(w.launch(15, 'a').map((i) => i.host.id))).toEqual(new Set(['a-h00002']));
    expect(w.launch(1, 'a')).toEqual([]);
    w.sim.run({ until: 3 * HOUR });
    expect(h0.state).toBe('up');
    expect(w.launch(15, 'a').every((i) => i.host.id === 'a-h00000')).toBe(true);
    // A migrated guest that ends gives its room back on the host it moved to.
    w.cloud.terminate(first[0]!);
    w.sim.run({ until: 4 * HOUR });
    expect(w.launch(1, 'a')[0]!.host.id).toBe('a-h00001');
    expect(first.slice(1).every((i) => i.alive && i.endReason === undefined)).toBe(true);
  });

  it('a migrated guest keeps its CPU accounting across hosts', () => {
    const w = faultWorld([{ name: 'a', hosts: 2, racks: 1 }]);
    const [inst] = w.api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web', zone: 'a', cpu: { kind: 'constant', ecu: 1 } }).instances;
    w.sim.run({ until: HOUR });
    w.ledger.strike(FaultKind.Maintenance, 'a-h00000', [w.cloud.hosts[0]!], HOUR, MIGRATE);
    expect(inst!.host.id).toBe('a-h00001');
    w.sim.run({ until: 2 * HOUR });
    w.cloud.settleCpu();
    // 1 ECU from boot (180 s: 1.5 GB at 10 MB/s + 30 s) to 2 h, on two hosts.
    expect(w.cloud.cpuTotals(inst!)).toEqual({ wantEcuMs: 2 * HOUR - 180_000, stealEcuMs: 0 });
  });

  it('a guest that finds no room dies with reason maintenance', () => {
    // m1.large: 3 a host (by CPU). Four of them: three on a-h00000, one on a-h00001.
    const w = faultWorld([{ name: 'a', hosts: 2, racks: 1 }]);
    const larges = w.launch(4, 'a', 'db', 'm1.large');
    expect(larges.map((i) => i.host.id)).toEqual(['a-h00000', 'a-h00000', 'a-h00000', 'a-h00001']);
    let killed = -1;
    let migrated = -1;
    w.bus.on('fault.started', (e) => ((killed = e.killed.length), (migrated = e.migrated.length)));
    const h0 = w.cloud.hosts[0]!;
    w.ledger.strike(FaultKind.Maintenance, h0.id, [h0], HOUR, MIGRATE);
    expect([killed, migrated]).toEqual([1, 2]);
    expect(larges.map((i) => i.endReason ?? i.host.id)).toEqual(['a-h00001', 'a-h00001', 'maintenance', 'a-h00001']);
  });

  it('a rack maintained at once moves its guests off the rack, not within it', () => {
    const w = faultWorld([{ name: 'a', hosts: 4, racks: 2 }]);
    const xl = w.launch(2, 'a', 'db', 'm1.xlarge'); // one a host: a-h00000 and a-h00001 (rack 0)
    const rack0 = w.cloud.hosts.slice(0, 2);
    w.ledger.strike(FaultKind.Maintenance, 'a/rack0', rack0, HOUR, MIGRATE);
    expect(xl.map((i) => i.host.id)).toEqual(['a-h00002', 'a-h00003']);
  });
});

describe('periodic maintenance', () => {
  it('maintains each host once a period, at its own uniform phase, with the notice ahead', () => {
    const hosts = 2000;
    const w = faultWorld([{ name: 'a', hosts, racks: 50 }]);
    const starts: number[] = [];
    const notices = new Map<string, { timeMs: number; atMs: number }>();
    w.bus.on('fault.notice', (e) => notices.set(e.scope, { timeMs: e.timeMs, atMs: e.atMs }));
    w.bus.on('fault.started', (e) => {
      starts.push(e.fault.startMs);
      const n = notices.get(e.fault.scope);
      expect(n).toEqual({ timeMs: Math.max(0, e.fault.startMs - DAY), atMs: e.fault.startMs });
      expect(e.fault.endMs - e.fault.startMs).toBe(2 * HOUR);
    });
    new PeriodicMaintenance(w.sim, w.cloud, w.ledger, { everyMs: 90 * DAY, noticeMs: DAY, duration: constant(2 * HOUR), policy: { kind: 'terminate' } }, w.sim.family('faults.maintenance')).start();
    w.sim.run({ until: 90 * DAY - 1 });
    expect(starts).toHaveLength(hosts);
    // Phases ~ U[0, 90 d): mean 45 d, sd of the mean 90 d / sqrt(12 n); 4 sd.
    const mean = starts.reduce((a, b) => a + b, 0) / hosts;
    expect(Math.abs(mean - 45 * DAY)).toBeLessThan((4 * 90 * DAY) / Math.sqrt(12 * hosts));
    w.sim.run({ until: 180 * DAY - 1 });
    expect(starts).toHaveLength(2 * hosts);
    expect(starts.slice(hosts).sort((a, b) => a - b)).toEqual(starts.slice(0, hosts).map((t) => t + 90 * DAY).sort((a, b) => a - b));
  });
});

function summary(text: string) {
  const { scenario } = parseScenario(text, 'maintenance.yaml');
  const r = build(scenario, 4).run();
  const table = (name: string) => r.tables.find((t) => t.name === name)!;
  return { s: new Map(r.summary), table };
}

describe('maintenance in a scenario', () => {
  const text = (policy: string): string => `name: m
duration: 60d
cloud: { zones: { a: { hosts: 20, racks: 4 } } }
faults:
  report: all
  maintenance: { every: 30d, duration: 2h, policy: ${policy}, migration: { bandwidth: 125MB/s, dirty_rate: 20MB/s } }
fleet:
  db:  { image: ami-5a1f3c27, type: m1.large, count: 10, disk_write: 2GB/h, backup_every: 6h }
  web: { image: ami-f937d290, count: 20, disk_write: 100MB/h }
`;

  it('with live-migrate loses no instance and no data', () => {
    const { s, table } = summary(text('live-migrate'));
    expect(s.get('instances_lost')).toBe(0);
    expect(s.get('data_lost_gb')).toBe(0);
    expect(s.get('instances_migrated')).toBeGreaterThanOrEqual(30); // every host, hence every guest, at least once a period
    const faults = table('faults');
    // Each host exactly once per 30 d period: 2 periods in 60 d.
    expect(faults.rows).toHaveLength(20 * 2);
    expect(faults.rows.every((r) => r[1] === 'maintenance' && r[4] === 0)).toBe(true);
    const endReason = table('instances').columns.indexOf('end_reason');
    expect(table('instances').rows.every((r) => r[endReason] === null)).toBe(true);
  });

  it('with terminate (2008) kills the guests with reason maintenance and loses their data', () => {
    const { s, table } = summary(text('terminate'));
    expect(s.get('instances_lost')).toBe(30); // every host is maintained: nothing survives 30 d
    expect(s.get('instances_migrated')).toBe(0);
    expect(s.get('data_lost_gb')).toBeGreaterThan(0);
    const endReason = table('instances').columns.indexOf('end_reason');
    expect(table('instances').rows.every((r) => r[endReason] === 'maintenance')).toBe(true);
  });

  it('faults.csv gives the longest pre-copy pause and migration among the guests moved; a role may set its own dirty rate', () => {
    const { table } = summary(`name: m
duration: 2d
cloud: { zones: { a: { hosts: 8, racks: 2 } } }
faults:
  maintenance:
    schedule: [{ at: 1d, zone: a, rack: 0 }]
    duration: 1h
    policy: live-migrate
    migration: { bandwidth: 50MB/s, dirty_rate: 5MB/s }
fleet:
  db:  { image: ami-5a1f3c27, type: m1.large, count: 1, zone: a, dirty_rate: 40MB/s }
  web: { image: ami-f937d290, count: 3, zone: a }
`);
    const faults = table('faults');
    const col = (c: string) => faults.columns.indexOf(c);
    const row = faults.rows[0]!;
    expect(row[col('instances_migrated')]).toBe(4);
    const link = (mib: number, dirty: number) => preCopy({ memoryBytes: mib * 2 ** 20, bandwidthBytesPerMs: 50_000, dirtyBytesPerMs: dirty });
    const db = link(INSTANCE_TYPES_2008['m1.large']!.memoryMb, 40_000); // r = 0.8: the 3 x M cap, a long pause
    const web = link(INSTANCE_TYPES_2008['m1.small']!.memoryMb, 5_000);
    expect(db.stop).toBe('max-factor');
    expect(row[col('migration_pause_s')]).toBeCloseTo(Math.max(db.pauseMs, web.pauseMs) / 1000, 9);
    expect(row[col('migration_s')]).toBeCloseTo(Math.max(db.totalMs, web.totalMs) / 1000, 9);
  });

  it('scheduled windows live-migrate a rack to the other racks', () => {
    const { s, table } = summary(`name: w
duration: 3d
cloud: { zones: { a: { hosts: 8, racks: 2 } } }
placement: first-fit
faults:
  maintenance:
    schedule: [{ at: 1d, zone: a, rack: 0 }, { at: 2d, host: a-h3, duration: 30m }]
    duration: { uniform: { min: 1h, max: 3h } }
    policy: live-migrate
fleet:
  db: { image: ami-5a1f3c27, type: m1.xlarge, count: 4 }
`.replace('placement: first-fit\n', ''));
    const rows = table('faults').rows;
    expect(rows).toHaveLength(1); // the host window touched no instance (report: fleet)
    expect(rows[0]!.slice(0, 7)).toEqual([86_400, 'maintenance', 'a/rack0', 4, 0, 4, 0]);
    expect(rows[0]![7]).toBeGreaterThanOrEqual(3600);
    expect(s.get('instances_migrated')).toBe(4);
    const host = table('instances').columns.indexOf('host');
    expect(table('instances').rows.map((r) => r[host])).toEqual(['a-h00004', 'a-h00005', 'a-h00006', 'a-h00007']);
  });
});
