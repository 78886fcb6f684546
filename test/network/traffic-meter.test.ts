import { describe, expect, it } from 'vitest';
import { monthSpans } from '../../src/network/calendar.js';
import { BOOT_MS, HOUR, world } from './helpers.js';

const GB = 1e9;
const perHour = (gb: number): number => (gb * GB) / HOUR;

describe('traffic meters', () => {
  it('split a role\'s figures evenly over its running instances, integrated exactly', () => {
    const w = world({ traffic: new Map([['web', { in: perHour(1), out: perHour(2) }]]) });
    const [a] = w.launch('web');
    w.sim.run({ until: HOUR });
    const [b] = w.launch('web'); // runs from 1 h + boot
    w.sim.run({ until: 3 * HOUR });
    const rows = w.network.meter.rows(3 * HOUR);
    const outOf = (id: string): number => rows.filter((r) => r.instance.id === id).reduce((s, r) => s + r.bytes.out, 0);
    // a alone from boot to 1 h + boot, then half each until 3 h.
    const alone = HOUR;
    const shared = 3 * HOUR - (HOUR + BOOT_MS);
    expect(outOf(a!.id) / GB).toBeCloseTo(2 * (alone + shared / 2) / HOUR, 9);
    expect(outOf(b!.id) / GB).toBeCloseTo(2 * (shared / 2) / HOUR, 9);
    const total = w.network.meter.totals(3 * HOUR);
    expect(total.out / GB).toBeCloseTo(2 * (3 * HOUR - BOOT_MS) / HOUR, 9);
    expect(total.in / GB).toBeCloseTo((3 * HOUR - BOOT_MS) / HOUR, 9);
    expect(w.network.meter.byRole(3 * HOUR).get('web')!.out).toBeCloseTo(total.out, 3);
  });

  it('meters nothing while no instance of the role runs (booting, rebooting, gone)', () => {
    const w = world({ traffic: new Map([['db', { internal: perHour(10) }]]) });
    const [db] = w.launch('db');
    w.sim.run({ until: HOUR });
    w.cloud.reboot(db!); // 30 s of kernel boot
    w.sim.run({ until: 2 * HOUR });
    w.cloud.terminate(db!);
    w.sim.run({ until: 5 * HOUR });
    const served = 2 * HOUR - BOOT_MS - 30_000;
    expect(w.network.meter.totals(5 * HOUR).internal / GB).toBeCloseTo((10 * served) / HOUR, 9);
  });

  it('splits totals at calendar-month boundaries (UTC) for billing', () => {
    const start = Date.UTC(2008, 3, 30, 22, 0, 0); // 2008-04-30 22:00
    const w = world({ startEpochMs: start, traffic: new Map([['lb', { out: perHour(1) }]]) });
    w.launch('lb');
    w.sim.run({ until: 4 * HOUR });
    const months = w.network.meter.byMonth(4 * HOUR);
    expect([...months.keys()]).toEqual(['2008-04', '2008-05']);
    expect(months.get('2008-04')!.out / GB).toBeCloseTo((2 * HOUR - BOOT_MS) / HOUR, 9);
    expect(months.get('2008-05')!.out / GB).toBeCloseTo(2, 9);
    expect(monthSpans(start, 0, 4 * HOUR).map((m) => m.month)).toEqual(['2008-04', '2008-05']);
  });

  it('adds the bytes other layers report (client requests), in the month they happen', () => {
    const w = world({ startEpochMs: Date.UTC(2008, 3, 30, 23, 0, 0) });
    const [lb] = w.launch('lb');
    w.network.meter.add(lb!, 'out', 5 * GB, 10 * 60_000);
    w.network.meter.add(lb!, 'in', 1 * GB, 2 * HOUR);
    const rows = w.network.meter.rows(3 * HOUR);
    expect(rows.map((r) => [r.month, r.bytes.in / GB, r.bytes.out / GB])).toEqual([['2008-04', 0, 5], ['2008-05', 1, 0]]);
    expect(() => w.network.meter.add(lb!, 'in', -1, 0)).toThrow(RangeError);
  });
});
