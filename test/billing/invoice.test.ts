import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/engine/index.js';
import type { CloudEvents } from '../../src/cloud/events.js';
import type { Instance } from '../../src/cloud/instance.js';
import { InternetRateMeter } from '../../src/billing/internet-rate.js';
import { INVOICE_COLUMNS } from '../../src/metrics/invoice-table.js';
import { DAY, HEAD, HOUR, rowsOf, runBill } from './helpers.js';

const SERVICE = `${HEAD}fleet:
  lb: { image: ami-f937d290, type: m1.small, count: 2 }
  web: { image: ami-5a1f3c27, type: m1.large, count: 2 }
`;

/** Sums dollar cells as micro-dollars (each is exact to the micro-dollar). */
const micros = (values: unknown[]): number => values.reduce<number>((s, v) => s + Math.round(Number(v) * 1e6), 0);

describe('the invoice', () => {
  it('has one line per (month, item, type) whose amounts add up to the summary, part by part', () => {
    const bill = runBill(`${SERVICE.replace('duration: 30d', 'duration: 45d')}traffic:
  lb: { in: 20GB/d, out: 200GB/d, internal: 100GB/d }
faults:
  hardware: { ttf: { exponential: { mean: 20d } }, repair: { exponential: { mean: 4h } } }
actions:
  - { at: 0s, run: "ec2-allocate-address" }
  - { at: 1h, run: "ec2-associate-address -i @lb.0 @eip.0" }
colocation: {}
`);
    expect(bill.invoice!.columns).toEqual(INVOICE_COLUMNS);
    const rows = rowsOf(bill.invoice);
    const keys = rows.map((r) => `${r['month']}/${r['item']}/${r['type']}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(rows.map((r) => r['month']))).toEqual(new Set(['2008-04', '2008-05']));
    const s = bill.summary;
    expect(micros(rows.map((r) => r['amount_usd']))).toBe(Math.round(s.get('cost_usd')! * 1e6));
    const parts = ['cost_instances_usd', 'cost_transfer_usd', 'cost_s3_usd', 'cost_eip_usd'].map((c) => s.get(c));
    expect(micros(parts)).toBe(Math.round(s.get('cost_usd')! * 1e6));
    expect(s.get('cost_per_month_usd')).toBeCloseTo((s.get('cost_usd')! * 30) / 45, 5);
    expect(micros(rowsOf(bill.colocation).map((r) => r['amount_usd']))).toBe(Math.round(s.get('colocation_cost_usd')! * 1e6));
    // A May line for 15 of 31 days.
    expect(rowsOf(bill.colocation).find((r) => r['month'] === '2008-05' && r['item'] === 'rack-space')!['amount_usd']).toBe(241.935484);
  });
});

describe('the Internet rate meter behind the 95th percentile', () => {
  it('follows the traffic meter\'s rule: a role\'s traffic flows while any of its instances runs', () => {
    const bus = new EventBus<CloudEvents>();
    const meter = new InternetRateMeter(bus, new Map([['lb', { in: 1, out: 10 }], ['web', { out: 5 }]]));
    const inst = (id: string, role: string): Instance => ({ id, spec: { role } }) as unknown as Instance;
    const [a, b, w] = [inst('a', 'lb'), inst('b', 'lb'), inst('w', 'web')];
    bus.emit('instance.running', { timeMs: HOUR, instance: a, reboot: false });
    bus.emit('instance.running', { timeMs: HOUR, instance: w, reboot: false });
    bus.emit('instance.running', { timeMs: 2 * HOUR, instance: b, reboot: false }); // lb already serving: no step
    bus.emit('instance.rebooting', { timeMs: 3 * HOUR, instance: a });
    bus.emit('instance.terminated', { timeMs: 4 * HOUR, instance: b, reason: 'hardware-failure' }); // no lb left
    bus.emit('instance.running', { timeMs: 4 * HOUR + 30_000, instance: a, reboot: true });
    bus.emit('instance.terminated', { timeMs: DAY, instance: w, reason: 'user-terminated' });
    expect(meter.steps).toEqual([
      { fromMs: 0, in: 0, out: 0 },
      { fromMs: HOUR, in: 1, out: 15 },
      { fromMs: 4 * HOUR, in: 0, out: 5 },
      { fromMs: 4 * HOUR + 30_000, in: 1, out: 15 },
      { fromMs: DAY, in: 1, out: 10 },
    ]);
  });
});
