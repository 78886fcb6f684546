import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import { FaultKind } from '../../src/faults/fault.js';
import { scheduleFaults, type ScheduledFault } from '../../src/faults/scheduled-faults.js';
import { resolveScope, type ScopeSpec } from '../../src/faults/scope.js';
import type { Cloud } from '../../src/cloud/cloud.js';
import { DAY, faultWorld, HOUR, MIN } from './fault-world.js';

function outage(cloud: Cloud, atMs: number, durationMs: number, where: ScopeSpec): ScheduledFault {
  const kind = where.host !== undefined ? FaultKind.HardwareFailure : where.rack !== undefined ? FaultKind.RackFailure : FaultKind.PowerOutage;
  return { atMs, kind, unit: resolveScope(cloud, where), durationMs: () => durationMs, policy: { kind: 'terminate' }, noticeMs: 0 };
}

describe('rack and zone outages', () => {
  it('take exactly the hosts of their rack or zone, and bring them back', () => {
    // Zone a: 10 hosts in 3 racks [0,3) [3,6) [6,10); zone b: 5 hosts.
    const w = faultWorld([{ name: 'a', hosts: 10, racks: 3 }, { name: 'b', hosts: 5, racks: 1 }]);
    scheduleFaults(w.sim, w.ledger, [outage(w.cloud, HOUR, 2 * HOUR, { zone: 'a', rack: 1 }), outage(w.cloud, 2 * HOUR, HOUR, { zone: 'b' })]);
    w.sim.run({ until: DAY });
    const rack = ['a-h00003', 'a-h00004', 'a-h00005'];
    const zoneB = ['b-h00000', 'b-h00001', 'b-h00002', 'b-h00003', 'b-h00004'];
    expect(w.log).toEqual([
      ...rack.map((h) => `down ${h} rack-failure @${HOUR}`),
      ...zoneB.map((h) => `down ${h} power-outage @${2 * HOUR}`),
      ...rack.map((h) => `up ${h} @${3 * HOUR}`),
      ...zoneB.map((h) => `up ${h} @${3 * HOUR}`),
    ]);
  });

  it('keep a host down until the last of its overlapping faults is over', () => {
    const w = faultWorld([{ name: 'a', hosts: 6, racks: 2 }, { name: 'b', hosts: 2, racks: 1 }]);
    // One m1.xlarge per host of zone a (a host has room for one).
    const byHost = new Map(w.launch(6, 'a', 'db', 'm1.xlarge').map((i) => [i.host.id, i]));
    expect(byHost.size).toBe(6);
    scheduleFaults(w.sim, w.ledger, [
      outage(w.cloud, 30 * MIN, 5 * HOUR, { host: 'a-h00004' }), // hardware: 0:30 to 5:30
      outage(w.cloud, HOUR, 2 * HOUR, { zone: 'a', rack: 1 }), // rack 1 = hosts 3..5: 1:00 to 3:00
      outage(w.cloud, 2 * HOUR, 4 * HOUR, { zone: 'a' }), // the zone: 2:00 to 6:00
    ]);
    w.sim.run({ until: 4 * HOUR });
    expect(w.cloud.hosts.filter((h) => h.state === 'down').map((h) => h.id)).toEqual(['a-h00000', 'a-h00001', 'a-h00002', 'a-h00003', 'a-h00004', 'a-h00005']);
    expect(w.ledger.holds(w.cloud.hosts[4]!)).toBe(2); // hardware + zone (the rack is over)
    w.sim.run({ until: DAY });
    // Each host went down once (with its first fault's cause) and came back once, at 6:00.
    expect(w.log.filter((l) => l.includes('a-h00004'))).toEqual([`down a-h00004 hardware-failure @${30 * MIN}`, `up a-h00004 @${6 * HOUR}`]);
    expect(w.log.filter((l) => l.includes('a-h00003'))).toEqual([`down a-h00003 rack-failure @${HOUR}`, `up a-h00003 @${6 * HOUR}`]);
    expect(w.log.filter((l) => l.includes('a-h00000'))).toEqual([`down a-h00000 power-outage @${2 * HOUR}`, `up a-h00000 @${6 * HOUR}`]);
    expect(w.log.some((l) => l.includes(' b-h'))).toBe(false);
    // The instances died with the cause of the fault that took their host.
    expect([byHost.get('a-h00004')!.endReason, byHost.get('a-h00003')!.endReason, byHost.get('a-h00000')!.endReason]).toEqual(['hardware-failure', 'rack-failure', 'power-outage']);
    expect(w.cloud.hosts.every((h) => w.ledger.holds(h) === 0 && h.state === 'up')).toBe(true);
  });

  it('a guest already shutting down is not lost: it ends as its user asked', () => {
    const w = faultWorld([{ name: 'a', hosts: 1, racks: 1 }]);
    const [leaving, staying] = w.launch(2, 'a');
    w.sim.run({ until: 10 * MIN });
    w.cloud.terminate(leaving!); // terminated 10 s later
    let killed: readonly unknown[] = [];
    w.bus.on('fault.started', (e) => (killed = e.killed));
    scheduleFaults(w.sim, w.ledger, [outage(w.cloud, 10 * MIN + 5000, HOUR, { zone: 'a' })]);
    w.sim.run({ until: HOUR });
    expect([leaving!.endReason, staying!.endReason]).toEqual(['user-terminated', 'power-outage']);
    expect(killed).toEqual([staying]);
  });
});

function run(text: string, seed = 1) {
  const { scenario } = parseScenario(text, 'outages.yaml');
  const r = build(scenario, seed).run();
  return { summary: new Map(r.summary), tables: new Map(r.tables.map((t) => [t.name, t])) };
}

describe('correlated faults in a scenario', () => {
  it('a scheduled zone outage and rack failure appear in faults.csv with their hosts and victims', () => {
    const r = run(`name: o
duration: 2d
cloud: { zones: { us-east-1a: { hosts: 40, racks: 4 }, us-east-1b: { hosts: 10 } } }
faults:
  report: all
  outages:
    - { at: 1d, zone: us-east-1a, duration: 3h }
    - { at: 5h, zone: us-east-1b, rack: 0, duration: 1h }
fleet:
  web: { image: ami-f937d290, count: 4, zone: us-east-1a }
`);
    const faults = r.tables.get('faults')!;
    expect(faults.rows).toEqual([
      [5 * 3600, 'rack-failure', 'us-east-1b/rack0', 10, 0, 0, 0, 3600, null, null],
      [86_400, 'power-outage', 'us-east-1a', 40, 4, 0, 0, 3 * 3600, null, null],
    ]);
    expect(r.summary.get('instances_lost')).toBe(4);
    expect(r.summary.get('host_downtime_s')).toBe(40 * 3 * 3600 + 10 * 3600);
    expect(r.summary.get('host_failures')).toBe(0);
  });

  // Rack failures: R racks alternate Exp(mean m) up times and Exp(mean d) outages, so over T
  // the count is ~ Normal(R T / (m + d), R T (m^2 + d^2) / (m + d)^3) (renewal CLT), 4 sd.
  it('rack and zone power-outage processes follow renewal theory', () => {
    const r = run(`name: racks
duration: 20y
cloud: { zones: { a: { hosts: 400, racks: 100 }, b: { hosts: 400, racks: 100 } } }
faults:
  report: all
  rack_failures: { every: { exponential: { mean: 30d } }, duration: { exponential: { mean: 2h } } }
  power_outages: { every: { exponential: { mean: 1y } }, duration: 6h }
`);
    const rows = r.tables.get('faults')!.rows;
    const count = (kind: string): number => rows.filter((row) => row[1] === kind).length;
    const T = 20 * 365 * DAY;
    const check = (n: number, units: number, m: number, d: number, varD: number): void => {
      const mean = (units * T) / (m + d);
      const sd = Math.sqrt((units * T * (m * m + varD)) / (m + d) ** 3);
      expect(Math.abs(n - mean)).toBeLessThan(4 * sd);
    };
    check(count('rack-failure'), 200, 30 * DAY, 2 * HOUR, (2 * HOUR) ** 2);
    check(count('power-outage'), 2, 365 * DAY, 6 * HOUR, 0);
    expect(rows.filter((row) => row[1] === 'rack-failure').every((row) => row[3] === 4)).toBe(true);
    expect(rows.filter((row) => row[1] === 'power-outage').every((row) => row[3] === 400)).toBe(true);
  });

  it('adding a fault process changes no other process draws (common random numbers)', () => {
    const base = `name: crn
duration: 1y
cloud: { zones: { a: { hosts: 200 } } }
faults:
  report: all
  hardware: { ttf: { weibull: { shape: 0.8, mean: 60d } }, repair: { lognormal: { median: 4h, sigma: 1 } } }
`;
    const hw = (text: string): unknown[][] => run(text, 5).tables.get('faults')!.rows.filter((row) => row[1] === 'hardware-failure');
    const alone = hw(base);
    const withOthers = hw(`${base}  rack_failures: { every: { exponential: { mean: 90d } }, duration: 1h }\n  maintenance: { every: 30d, duration: 2h }\n`);
    expect(alone.length).toBeGreaterThan(500);
    expect(withOthers).toEqual(alone);
  });
});
