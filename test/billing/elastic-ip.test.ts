import { describe, expect, it } from 'vitest';
import { elasticIpLines } from '../../src/billing/elastic-ip-meter.js';
import { microsToUsd } from '../../src/billing/money.js';
import { builtin } from './catalogs.js';
import { DAY, HEAD, HOUR, rowsOf, runBill } from './helpers.js';

const START = Date.UTC(2008, 3, 1);

describe('elastic IPs, by the catalog\'s rules', () => {
  it('charges $0.01 for every hour (or part) an address is held but mapped to nothing', () => {
    const bill = runBill(`${HEAD.replace('30d', '5h')}fleet:
  lb: { image: ami-f937d290, type: m1.small, count: 1 }
actions:
  - { at: 0s, run: "ec2-allocate-address" }
  - { at: 5m, run: "ec2-associate-address -i @lb.0 @eip.0" }
  - { at: 2h, run: "ec2-terminate-instances @lb.0" }
`);
    // Idle 0-7 min (the remap takes 2 min): 1 hour; idle from 2 h 10 s (terminated) to 5 h: 3 hours.
    expect(rowsOf(bill.invoice).filter((r) => String(r['item']).startsWith('eip'))).toEqual([
      { month: '2008-04', item: 'eip-idle-hours', type: 'idle', quantity: 4, unit: 'address-hour', unit_price_usd: 0.01, amount_usd: 0.04 },
      { month: '2008-04', item: 'eip-remaps', type: 'free', quantity: 1, unit: 'remap', unit_price_usd: 0, amount_usd: 0 },
    ]);
    expect(bill.summary.get('cost_eip_usd')).toBe(0.04);
  });

  it('gives the first 100 remaps of each month free and charges $0.10 for each after', () => {
    const remaps = [...Array.from({ length: 103 }, (_, i) => i * HOUR), ...Array.from({ length: 5 }, (_, i) => 30 * DAY + i * HOUR)];
    const lines = elasticIpLines([], remaps, START, builtin('ec2-2008-04'));
    expect(lines.map((l) => [l.month, l.type, l.quantity, microsToUsd(l.amount)])).toEqual([
      ['2008-04', 'free', 100, 0], ['2008-04', 'charged', 3, 0.3], ['2008-05', 'free', 5, 0],
    ]);
  });

  it('counts each idle span in whole hours, in the month each hour begins', () => {
    const idle = [{ index: 0, fromMs: 30 * DAY - 30 * 60_000, toMs: 30 * DAY + 90 * 60_000 }, { index: 1, fromMs: 0, toMs: 1 }];
    const lines = elasticIpLines(idle, [], START, builtin('ec2-2008-04'));
    expect(lines.map((l) => [l.month, l.quantity, microsToUsd(l.amount)])).toEqual([['2008-04', 2, 0.02], ['2008-05', 1, 0.01]]);
  });
});
