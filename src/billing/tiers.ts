import { mulDivRound, type Micros } from './money.js';

/**
 * One step of a tiered price: `size` catalog units (e.g. GB) at `micros` per unit, in the
 * order Amazon listed them ("first 10 TB, next 40 TB, over 50 TB"); the last tier has no size.
 */
export interface PriceTier {
  /** Units this tier covers; undefined for the last, open-ended tier. */
  readonly size?: number | undefined;
  /** Micro-dollars per unit. */
  readonly micros: Micros;
}

/** The part of a quantity that fell in one tier, and what it costs. */
export interface TierCharge {
  /** 1-based position of the tier in the list. */
  readonly tier: number;
  /** Base units (e.g. bytes, or byte-ms for storage) in this tier. */
  readonly quantity: bigint;
  readonly unitMicros: Micros;
  /** Micro-dollars: quantity × unit price ÷ unit size, rounded half-up once. */
  readonly amount: Micros;
}

/**
 * Splits `quantity` base units over `tiers` whose sizes and prices are per catalog unit of
 * `unitSize` base units (bytes per GB; byte-ms per GB-month), in order. Tiers the quantity
 * does not reach are left out. A month's usage is charged as one quantity, so the tiers
 * apply to the account's monthly total.
 */
export function chargeTiers(quantity: bigint, unitSize: bigint, tiers: readonly PriceTier[]): TierCharge[] {
  if (quantity < 0n) throw new RangeError(`quantity must be >= 0, got ${quantity}`);
  const out: TierCharge[] = [];
  let left = quantity;
  for (let i = 0; i < tiers.length && left > 0n; i++) {
    const t = tiers[i]!;
    const room = t.size === undefined ? left : BigInt(t.size) * unitSize;
    const part = left < room ? left : room;
    out.push({ tier: i + 1, quantity: part, unitMicros: t.micros, amount: mulDivRound(part, BigInt(t.micros), unitSize) });
    left -= part;
  }
  if (left > 0n) throw new RangeError('the last price tier must be open-ended (no size)');
  return out;
}
