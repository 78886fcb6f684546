import { describe, expect, it } from 'vitest';
import { colocationLines, mbps, type ColocationSpec } from '../../src/billing/colocation.js';
import { microsToUsd } from '../../src/billing/money.js';
import { nearestRankPercentile } from '../../src/billing/percentile.js';
import { intervalSamples, type Sample } from '../../src/billing/samples.js';
import type { RateStep } from '../../src/billing/internet-rate.js';
import { DAY, HEAD, HOUR, MIN, rowsOf, runBill } from './helpers.js';

const START = Date.UTC(2008, 3, 1);
const FIVE = 5 * MIN;
/** Bytes per ms of `m` Mbps. */
const rate = (m: number): number => (m * 1e6) / 8 / 1000;
const ones = (values: number[]): Sample[] => values.map((value) => ({ value, count: 1 }));
const expand = (samples: readonly Sample[]): number[] => samples.flatMap((s) => Array.from({ length: s.count }, () => s.value));

const SPEC: ColocationSpec = {
  servers: 6, serverPrice: 3_000_000_000, amortiseMonths: 36, rackPerMonth: 500_000_000, powerPerMonth: 200_000_000,
  bandwidth: { perMbpsMonth: 20_000_000, commitMbps: 10, overagePerMbpsMonth: 25_000_000, percentile: 95, sampleMs: FIVE },
  ipBlock: { addresses: 8, perMonth: 10_000_000 },
};

describe('the 95th percentile of 5-minute samples', () => {
  it('matches a hand-computed sample: of 20 samples, drop the top 1 and bill the highest left', () => {
    // Sorted: 1..20; 95% of 20 is 19, so the 19th smallest is billed.
    const values = [7, 3, 20, 1, 15, 9, 4, 18, 2, 11, 6, 13, 19, 8, 5, 17, 10, 12, 16, 14];
    expect(nearestRankPercentile(ones(values), 95)).toBe(19);
    expect(nearestRankPercentile(ones(values), 50)).toBe(10);
    expect(nearestRankPercentile(ones([4, 4, 100]), 95)).toBe(100); // 95% of 3 is 2.85: rank 3
    expect(nearestRankPercentile([], 95)).toBe(0);
  });

  it('of a 30-day month, leaves the top 36 hours (432 samples) free, and not a sample more', () => {
    const month = (burstMs: number): RateStep[] => [{ fromMs: 0, in: 0, out: rate(10) }, { fromMs: 10 * DAY, in: 0, out: rate(100) }, { fromMs: 10 * DAY + burstMs, in: 0, out: rate(10) }];
    const p95 = (steps: RateStep[]): number => {
      const samples = intervalSamples(steps, (s) => s.out, 30 * DAY, FIVE, START).get('2008-04')!;
      expect(samples.reduce((n, s) => n + s.count, 0)).toBe(8640);
      return mbps(nearestRankPercentile(samples, 95));
    };
    expect(p95(month(36 * HOUR))).toBeCloseTo(10, 9);
    expect(p95(month(36 * HOUR + FIVE))).toBeCloseTo(100, 9);
  });

  it('is the rate itself when the traffic is constant', () => {
    const samples = intervalSamples([{ fromMs: 0, in: rate(3), out: rate(18.5) }], (s) => s.out, 30 * DAY, FIVE, START);
    expect([...samples.keys()]).toEqual(['2008-04']);
    expect(samples.get('2008-04')).toEqual([{ value: rate(18.5), count: 8640 }]);
  });

  it('averages an interval over the steps inside it, and cuts the last at the end of the run', () => {
    // 0 until 2.5 min, then 8 Mbps: the first sample averages 4; the run ends 1 minute into the third.
    const steps: RateStep[] = [{ fromMs: 0, in: 0, out: 0 }, { fromMs: 150_000, in: 0, out: rate(8) }];
    const samples = intervalSamples(steps, (s) => s.out, 11 * MIN, FIVE, START).get('2008-04')!;
    expect(expand(samples).map(mbps)).toEqual([4, 8, 8]);
  });

  it('groups samples by the month they start in', () => {
    const start = Date.UTC(2008, 3, 30, 23, 50);
    const samples = intervalSamples([{ fromMs: 0, in: 0, out: 1 }], (s) => s.out, 30 * MIN, FIVE, start);
    expect([...samples].map(([m, s]) => [m, s.reduce((n, x) => n + x.count, 0)])).toEqual([['2008-04', 2], ['2008-05', 4]]);
  });
});

describe('the colocation invoice', () => {
  it('amortises the servers, adds rack, power, bandwidth and addresses, by the month', () => {
    const lines = colocationLines(SPEC, [{ month: '2008-04', coveredMs: 30 * DAY, monthMs: 30 * DAY, percentileMbps: 18.5 }]);
    expect(lines.map((l) => [l.item, l.type, l.quantity, microsToUsd(l.amount)])).toEqual([
      ['servers', 'amortised-36-months', 6, 500], // 6 × $3,000 / 36
      ['rack-space', 'rack', 1, 500],
      ['power', 'circuit', 1, 200],
      ['bandwidth', 'commit', 10, 200], // 10 Mbps × $20
      ['bandwidth', 'over-commit-p95', 8.5, 212.5], // (18.5 − 10) Mbps × $25
      ['ip-block', '8-addresses', 1, 10],
    ]);
  });

  it('prorates a month the run covers in part, to the micro-dollar', () => {
    const lines = colocationLines(SPEC, [{ month: '2008-05', coveredMs: 10 * DAY, monthMs: 31 * DAY, percentileMbps: 0 }]);
    // $500 × 10/31 = $161.290322...; one server-month is $83.333333...
    expect(lines.map((l) => microsToUsd(l.amount))).toEqual([161.290323, 161.290323, 64.516129, 64.516129, 3.225806]);
  });

  it('bills the same service in scenarios/colocation.yaml style: the fleet\'s size in servers, its traffic at the 95th percentile', () => {
    const bill = runBill(`${HEAD}fleet:
  lb: { image: ami-f937d290, type: m1.small, count: 2 }
  web: { image: ami-f937d290, type: m1.small, count: 4 }
traffic:
  lb: { in: 20GB/d, out: 200GB/d }
colocation: { bandwidth: { commit_mbps: 10 } }
`);
    const rows = rowsOf(bill.colocation);
    expect(rows.find((r) => r['item'] === 'servers')!['quantity']).toBe(6);
    // 200 GB a day is 18.52 Mbps; the first few minutes (booting) are below the 95th percentile.
    expect(bill.summary.get('colocation_p95_mbps')).toBeCloseTo((200e9 * 8) / 86_400 / 1e6, 9);
    const over = rows.find((r) => r['type'] === 'over-commit-p95')!;
    expect(over['quantity']).toBeCloseTo(8.518518518, 6);
    expect(bill.summary.get('colocation_cost_usd')).toBe(1580.37037); // 500 + 500 + 200 + 200 + 170.37037 + 10
    expect(bill.summary.get('cost_usd')).toBeGreaterThan(0);
  });
});
