import { describe, expect, it } from 'vitest';
import { microsToUsd } from '../../src/billing/money.js';
import { s3Lines } from '../../src/billing/s3-meter.js';
import { builtin } from './catalogs.js';
import { DAY, HEAD, HOUR, rowsOf, runBill } from './helpers.js';

const START = Date.UTC(2008, 3, 1);
const GIB = 2 ** 30;

describe('S3: storage by the GB-month, requests by the batch', () => {
  it('charges a GB kept all month $0.15, and half a month half that', () => {
    const april = builtin('ec2-2008-04');
    expect(s3Lines([{ bytes: 10 * GIB, fromMs: 0 }], new Map(), 30 * DAY, START, april).map((l) => [l.type, l.quantity, l.unit, microsToUsd(l.amount)]))
      .toEqual([['all', 10, 'GiB-month', 1.5]]);
    expect(s3Lines([{ bytes: 10 * GIB, fromMs: 15 * DAY }], new Map(), 30 * DAY, START, april).map((l) => microsToUsd(l.amount))).toEqual([0.75]);
  });

  it('charges PUTs at $0.01 per 1,000, prorated', () => {
    const lines = s3Lines([], new Map([['2008-04', 1500]]), DAY, START, builtin('ec2-2008-04'));
    expect(lines.map((l) => [l.item, l.type, l.quantity, l.unitPriceUsd, microsToUsd(l.amount)])).toEqual([['s3-requests', 'put', 1500, 0.00001, 0.015]]);
  });

  it('tiers storage by the later 2008 list', () => {
    const lines = s3Lines([{ bytes: 60 * 1024 * GIB, fromMs: 0 }], new Map(), 30 * DAY, START, builtin('ec2-2008-11'));
    expect(lines.map((l) => [l.type, l.quantity, microsToUsd(l.amount)])).toEqual([['first-50TB', 51_200, 7680], ['next-50TB', 10_240, 1433.6]]);
  });

  it('stores the scenario\'s private images and the backups of roles that write to disk', () => {
    const bill = runBill(`${HEAD.replace('30d', '1d')}images:
  ami-2c3d4e5f: { name: db-image, arch: x86_64, size: 3GiB }
fleet:
  db: { image: ami-2c3d4e5f, type: m1.large, count: 1, disk_write: 1GiB/h, backup_every: 6h }
`);
    const rows = rowsOf(bill.invoice).filter((r) => String(r['item']).startsWith('s3'));
    // Backups at 6, 12 and 18 h after boot (6 GiB each, kept to the end); the image all day.
    const boot = Number(rowsOf(bill.tables.find((t) => t.name === 'instances'))[0]!['running_s']) * 1000;
    const gibMs = 3 * DAY + 6 * ((DAY - boot - 6 * HOUR) + (DAY - boot - 12 * HOUR) + (DAY - boot - 18 * HOUR));
    expect(rows[0]!['quantity']).toBeCloseTo(gibMs / (30 * DAY), 9);
    expect(rows[1]).toEqual({ month: '2008-04', item: 's3-requests', type: 'put', quantity: 6, unit: 'request', unit_price_usd: 0.00001, amount_usd: 0.00006 });
    // 6 GiB is two objects of at most 5 GB each: 2 PUTs per backup.
    expect(bill.summary.get('cost_s3_usd')).toBeCloseTo(0.15 * gibMs / (30 * DAY) + 0.00006, 6);
  });

  it('integrates a series of backups in closed form exactly as one object each', () => {
    const cat = builtin('ec2-2008-11');
    const series = { bytes: 7 * GIB + 3, fromMs: 5 * HOUR + 17, count: 500, everyMs: 6 * HOUR };
    const each = Array.from({ length: series.count }, (_, j) => ({ bytes: series.bytes, fromMs: series.fromMs + j * series.everyMs }));
    const end = 130 * DAY;
    expect(s3Lines([series, { bytes: GIB, fromMs: 0 }], new Map(), end, START, cat)).toEqual(s3Lines([...each, { bytes: GIB, fromMs: 0 }], new Map(), end, START, cat));
  });
});
