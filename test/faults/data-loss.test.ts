import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/engine/distributions.js';
import { hardwareFailures } from '../../src/faults/hardware-failures.js';
import { FaultKind } from '../../src/faults/fault.js';
import { BYTES_PER_GB, dataLostBytes } from '../../src/metrics/data-loss.js';
import { FaultsTable } from '../../src/metrics/faults-table.js';
import { instanceDataLostGb } from '../../src/metrics/instances-table.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { DAY, faultWorld, HOUR, MIN } from './fault-world.js';

const GB_PER_HOUR = 1e9 / HOUR; // bytes per ms

describe('dataLostBytes', () => {
  const w = faultWorld([{ name: 'a', hosts: 4, racks: 1 }]);
  const [backed] = w.launch(1, 'a', 'db', 'm1.large', { diskWriteBytesPerMs: 2 * GB_PER_HOUR, backupEveryMs: 6 * HOUR });
  const [unbacked] = w.launch(1, 'a', 'log', 'm1.large', { diskWriteBytesPerMs: 2 * GB_PER_HOUR });
  const [quiet] = w.launch(1, 'a', 'web');

  it('is nothing for an instance killed while pending, or one that writes nothing', () => {
    expect(dataLostBytes(backed!, 10_000)).toBe(0);
    w.sim.run({ until: 10 * MIN });
    expect(quiet!.runningMs).toBeDefined();
    expect(dataLostBytes(quiet!, 5 * HOUR)).toBe(0);
  });

  it('is what was written since the last completed backup, or since it ran without backups', () => {
    const r = backed!.runningMs!;
    expect(dataLostBytes(backed!, r + 2 * HOUR)).toBeCloseTo(4e9, 0);
    expect(dataLostBytes(backed!, r + 6 * HOUR)).toBe(0); // a backup completed just then
    expect(dataLostBytes(backed!, r + 15 * HOUR)).toBeCloseTo(6e9, 0); // backups at 6 h and 12 h
    expect(dataLostBytes(unbacked!, unbacked!.runningMs! + 15 * HOUR)).toBeCloseTo(30e9, 0);
  });
});

describe('data lost to hardware failures', () => {
  // 2000 hosts with one m1.xlarge each (a 2008 host has room for one), writing w = 2 GB/h
  // with a backup every b = 6 h. Each dies at its host's first failure, T ~ Exp(m = 30 d)
  // from time 0, and loses w (E mod b) where E is the time it had been running. Given
  // T > boot, E ~ Exp(m) too (memorylessness), so E mod b has density ∝ e^(-x/m) on [0, b):
  //   mean  m - b q / (1 - q), q = e^(-b/m)   (= b/2 - b^2/(12 m) + ..., ~ b/2 for b << m)
  // and variance at most b^2/12 (that of U[0, b]). A year is 12 m: an instance outliving it
  // (probability e^-12) changes nothing measurable. Tolerance: 4 sd of the mean of n deaths.
  it('averages about w b / 2 per lost instance', () => {
    const hosts = 2000;
    const w = faultWorld([{ name: 'a', hosts, racks: 50 }]);
    const table = new FaultsTable(w.bus, 'fleet');
    const insts = w.launch(hosts, 'a', 'db', 'm1.xlarge', { diskWriteBytesPerMs: 2 * GB_PER_HOUR, backupEveryMs: 6 * HOUR });
    expect(new Set(insts.map((i) => i.host.id)).size).toBe(hosts);
    hardwareFailures(w.sim, w.cloud, w.ledger, { ttf: exponential({ mean: 30 * DAY }), repair: exponential({ mean: 4 * HOUR }) }).start();
    w.sim.run({ until: 365 * DAY });
    const lost = insts.filter((i) => i.endReason === FaultKind.HardwareFailure);
    const ran = lost.filter((i) => i.runningMs !== undefined);
    expect(table.totals().instances_lost).toBe(lost.length);
    expect(lost.length).toBeGreaterThan(hosts - 5);
    const m = 30 * DAY;
    const b = 6 * HOUR;
    const q = Math.exp(-b / m);
    const expectedGb = (2 * (m - (b * q) / (1 - q))) / HOUR; // 2 GB/h × E[E mod b] hours
    const sdGb = (2 * b) / HOUR / Math.sqrt(12 * ran.length);
    const meanGb = table.totals().data_lost_gb / ran.length;
    expect(Math.abs(meanGb - expectedGb)).toBeLessThan(4 * sdGb);
    expect(Math.abs(expectedGb - 6)).toBeLessThan(0.01); // w b / 2 = 6 GB, to within b^2/(12 m)
    // The table's total is the sum of each death's loss.
    const sum = ran.reduce((a, i) => a + dataLostBytes(i, i.terminatedMs!), 0) / BYTES_PER_GB;
    expect(table.totals().data_lost_gb).toBeCloseTo(sum, 6);
    // instances.csv's per-instance column gives the same figures.
    expect(insts.reduce((a, i) => a + instanceDataLostGb(i), 0)).toBeCloseTo(table.totals().data_lost_gb, 6);
  });

  it('instances.csv data_lost_gb adds up to summary.csv data_lost_gb, replication by replication (power-failure.yaml)', () => {
    const { scenario } = loadScenario('scenarios/power-failure.yaml');
    const r = runScenario(scenario, { replications: 3 });
    const summary = r.tables[0]!;
    const instances = r.tables.find((t) => t.name === 'instances')!;
    const col = instances.columns.indexOf('data_lost_gb');
    const reason = instances.columns.indexOf('end_reason');
    for (let rep = 0; rep < 3; rep++) {
      const rows = instances.rows.filter((row) => row[0] === rep);
      const perInstance = rows.reduce((a, row) => a + (row[col] as number), 0);
      const total = summary.rows[rep]![summary.columns.indexOf('data_lost_gb')] as number;
      expect(total).toBeGreaterThan(1); // the zone's power failure kills db and web servers with unsaved data
      expect(perInstance).toBeCloseTo(total, 9);
      // Only instances killed by a fault lose data.
      for (const row of rows) if (row[col] !== 0) expect(['power-outage', 'hardware-failure']).toContain(row[reason]);
    }
  });
});
