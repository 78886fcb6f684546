import { describe, expect, it } from 'vitest';
import { totalMicros } from '../../src/billing/line-item.js';
import { microsToUsd } from '../../src/billing/money.js';
import { transferLines, type MonthBytes } from '../../src/billing/transfer-charges.js';
import { builtin } from './catalogs.js';
import { HEAD, rowsOf, runBill } from './helpers.js';

const TB = 2 ** 40; // Amazon's TB: 1,024 GB of 2^30 bytes
const month = (out: number, extra: Partial<MonthBytes> = {}): Map<string, MonthBytes> => new Map([['2008-04', { in: 0, out, internal: 0, regional: 0, s3: 0, ...extra }]]);

describe('data transfer, tiered per calendar month', () => {
  it('12 TB out in a month is 10,240 GB at $0.18 plus 2,048 GB at $0.16 = $2,170.88', () => {
    const lines = transferLines(month(12 * TB), builtin('ec2-2008-04'));
    expect(lines.map((l) => [l.type, l.quantity, l.unit, l.unitPriceUsd, microsToUsd(l.amount)])).toEqual([
      ['first-10TB', 10_240, 'GiB', 0.18, 1843.2],
      ['next-40TB', 2_048, 'GiB', 0.16, 327.68],
    ]);
    expect(microsToUsd(totalMicros(lines))).toBe(2170.88);
  });

  it('charges above 50 TB at $0.13, and by the later 2008 list at $0.17 / $0.13 / $0.11 / $0.10', () => {
    expect(microsToUsd(totalMicros(transferLines(month(60 * TB), builtin('ec2-2008-04'))))).toBe(9728); // 1,843.20 + 6,553.60 + 1,331.20
    const nov = builtin('ec2-2008-11');
    expect(microsToUsd(totalMicros(transferLines(month(12 * TB), nov)))).toBe(2007.04); // 1,740.80 + 266.24
    expect(transferLines(month(200 * TB), nov).map((l) => [l.type, l.quantity, l.unitPriceUsd])).toEqual([
      ['first-10TB', 10_240, 0.17], ['next-40TB', 40_960, 0.13], ['next-100TB', 102_400, 0.11], ['over-150TB', 51_200, 0.1],
    ]);
  });

  it('charges data in at $0.10/GB and shows free traffic (between instances, to S3) at $0', () => {
    const lines = transferLines(month(0, { in: 100 * 2 ** 30, internal: 50 * 2 ** 30, s3: 2 ** 30 }), builtin('ec2-2008-04'));
    expect(lines.map((l) => [l.item, l.type, l.quantity, microsToUsd(l.amount)])).toEqual([
      ['transfer-in', 'all', 100, 10], ['transfer-internal', 'all', 50, 0], ['transfer-s3', 'all', 1, 0],
    ]);
  });

  it('bills what the traffic meter measured, month by month', () => {
    const bill = runBill(`${HEAD.replace('30d', '2d')}fleet:
  lb: { image: ami-f937d290, type: m1.small, count: 1 }
traffic:
  lb: { in: 1GiB/h, out: 10GiB/h }
`);
    const rows = rowsOf(bill.invoice).filter((r) => String(r['item']).startsWith('transfer'));
    // The role serves from boot (about 3 minutes) to the end of the run.
    const served = rows.find((r) => r['item'] === 'transfer-in')!['quantity'] as number;
    expect(served).toBeGreaterThan(47.9);
    expect(served).toBeLessThan(48);
    expect(rows.find((r) => r['item'] === 'transfer-out')!['quantity']).toBeCloseTo(10 * served, 6);
    expect(bill.summary.get('cost_transfer_usd')).toBeCloseTo(served * 0.1 + 10 * served * 0.18, 5);
    expect(bill.summary.get('traffic_out_gb')! * 1e9 / 2 ** 30).toBeCloseTo(10 * served, 6);
  });
});
