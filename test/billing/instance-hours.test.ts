import { describe, expect, it } from 'vitest';
import { billedHours, hoursByMonth } from '../../src/billing/hours.js';
import { HEAD, MIN, rowsOf, runBill } from './helpers.js';

const ONE_SMALL = 'fleet:\n  web: { image: ami-f937d290, type: m1.small, count: 1 }\n';

describe('instance-hours, by EC2 rules (2008)', () => {
  it('one m1.small running all month (720 hours) costs $72.00: the article\'s "$70/month"', () => {
    const bill = runBill(HEAD + ONE_SMALL);
    expect(rowsOf(bill.invoice)).toEqual([
      { month: '2008-04', item: 'instance-hours', type: 'm1.small', quantity: 720, unit: 'instance-hour', unit_price_usd: 0.1, amount_usd: 72 },
    ]);
    expect(bill.summary.get('cost_usd')).toBe(72);
    expect(bill.summary.get('cost_instances_usd')).toBe(72);
    expect(bill.summary.get('cost_per_month_usd')).toBe(72);
    expect(bill.summary.get('instance_hours_billed')).toBe(720);
  });

  it('bills every partial hour as a full one: a 61-minute instance pays 2 hours', () => {
    expect(billedHours(0, 61 * MIN)).toBe(2);
    expect(billedHours(0, 60 * MIN)).toBe(1);
    expect(billedHours(0, 1)).toBe(1);
    expect(billedHours(5 * MIN, 5 * MIN)).toBe(1);
    const bill = runBill(`${HEAD.replace('30d', '3h')}actions:
  - { at: 0s, run: "ec2-run-instances ami-f937d290" }
  - { at: 61m, run: "ec2-terminate-instances @1" }
`);
    // Terminated 10 s after the request (shutting-down): 61 min 10 s, 2 hours.
    expect(bill.summary.get('instance_hours_billed')).toBe(2);
    expect(bill.summary.get('cost_usd')).toBe(0.2);
  });

  it('an instance failed and replaced at minute 30 bills 2 hours in that clock hour; the lost half hour is shown', () => {
    const bill = runBill(`${HEAD.replace('30d', '1h')}${ONE_SMALL}faults:
  outages:
    - { at: 30m, host: us-east-1a-h00000, duration: 2h }
actions:
  - { at: 30m, run: "ec2-run-instances ami-f937d290", as: web }
`);
    expect(bill.summary.get('instance_hours_billed')).toBe(2);
    expect(bill.summary.get('cost_instances_usd')).toBe(0.2);
    // Paid a full hour for the first instance, used 30 minutes of it.
    expect(bill.summary.get('cost_lost_to_failures_usd')).toBe(0.05);
  });

  it('prices each type by the catalog: m1.large $0.40, m1.xlarge $0.80', () => {
    const bill = runBill(`${HEAD.replace('30d', '10h')}fleet:
  db: { image: ami-5a1f3c27, type: m1.xlarge, count: 1 }
  app: { image: ami-5a1f3c27, type: m1.large, count: 2 }
`);
    expect(rowsOf(bill.invoice).map((r) => [r['type'], r['quantity'], r['amount_usd']])).toEqual([['m1.large', 20, 8], ['m1.xlarge', 10, 8]]);
  });

  it('bills an hour in the month it begins, so a month boundary splits hours without loss', () => {
    const start = Date.UTC(2008, 3, 30, 23, 30); // 2008-04-30 23:30 UTC
    expect([...hoursByMonth(start, 0, 3)]).toEqual([['2008-04', 1], ['2008-05', 2]]);
    // Hours from launch, not from the clock: launched 20 min in, the hour 23:50-00:50 is April's.
    expect([...hoursByMonth(start, 20 * MIN, 2)]).toEqual([['2008-04', 1], ['2008-05', 1]]);
    const bill = runBill(`${HEAD.replace('30d', '2h30m')}start: 2008-04-30T23:00:00Z\n${ONE_SMALL}`);
    expect(rowsOf(bill.invoice).map((r) => [r['month'], r['quantity']])).toEqual([['2008-04', 1], ['2008-05', 2]]);
    expect(bill.summary.get('instance_hours_billed')).toBe(3);
  });

  it('scales the cost to a 30-day month for cost_per_month_usd', () => {
    const bill = runBill(HEAD.replace('30d', '15d') + ONE_SMALL);
    expect(bill.summary.get('cost_usd')).toBe(36);
    expect(bill.summary.get('cost_per_month_usd')).toBe(72);
  });

  it('bills nothing, and adds no cost columns, when a scenario launches nothing', () => {
    const bill = runBill(HEAD);
    expect(bill.invoice).toBeUndefined();
    expect(bill.summary.has('cost_usd')).toBe(false);
  });
});
