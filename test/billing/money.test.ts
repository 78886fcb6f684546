import { describe, expect, it } from 'vitest';
import { totalMicros, type LineItem } from '../../src/billing/line-item.js';
import { microsToUsd, mulDivRound, sumMicros, usdToMicros } from '../../src/billing/money.js';
import { chargeTiers } from '../../src/billing/tiers.js';

describe('money in integer micro-dollars', () => {
  it('reads catalog prices exactly and refuses what a micro-dollar cannot hold', () => {
    expect(usdToMicros(0.1)).toBe(100_000);
    expect(usdToMicros(0.18)).toBe(180_000);
    expect(usdToMicros(0.000001)).toBe(1);
    expect(usdToMicros(3000)).toBe(3_000_000_000);
    expect(usdToMicros(0.0000001)).toBeUndefined();
    expect(usdToMicros(-1)).toBeUndefined();
    expect(usdToMicros(Number.NaN)).toBeUndefined();
  });

  it('sums a million charges of $0.10 to exactly $100,000 (float dollars would not)', () => {
    const line: LineItem = { month: '2008-04', item: 'instance-hours', type: 'm1.small', quantity: 1, unit: 'instance-hour', unitPriceUsd: 0.1, amount: usdToMicros(0.1)!, category: 'instances' };
    const lines = Array.from({ length: 1_000_000 }, () => line);
    expect(microsToUsd(totalMicros(lines))).toBe(100_000);
    let floatSum = 0;
    for (let i = 0; i < 1_000_000; i++) floatSum += 0.1;
    expect(floatSum).not.toBe(100_000);
  });

  it('multiplies and divides exactly, rounding half up once', () => {
    expect(mulDivRound(3n, 1n, 2n)).toBe(2);
    expect(mulDivRound(1n, 1n, 3n)).toBe(0);
    // 12 TiB at $0.18 per GiB: the product needs more than 53 bits.
    expect(mulDivRound(12n * 2n ** 40n, 180_000n, 2n ** 30n)).toBe(12_288 * 180_000);
    expect(() => sumMicros([0.5])).toThrow(RangeError);
  });

  it('splits a quantity over tiers in order, the last open-ended', () => {
    const tiers = [{ size: 10, micros: 3 }, { size: 40, micros: 2 }, { micros: 1 }];
    expect(chargeTiers(60n, 1n, tiers).map((c) => [c.tier, Number(c.quantity), c.amount])).toEqual([[1, 10, 30], [2, 40, 80], [3, 10, 10]]);
    expect(chargeTiers(5n, 1n, tiers).map((c) => c.amount)).toEqual([15]);
    expect(chargeTiers(0n, 1n, tiers)).toEqual([]);
  });
});
