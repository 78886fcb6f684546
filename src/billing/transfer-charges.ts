import { TRANSFER_DIRECTIONS, type PriceCatalog, type TransferDirection } from './catalog.js';
import type { LineItem } from './line-item.js';
import { microsToUsd } from './money.js';
import { chargeTiers, type PriceTier } from './tiers.js';

/** Bytes per direction in one month (the traffic meter's `byMonth`). */
export type MonthBytes = Readonly<Record<TransferDirection, number>>;

/** `GiB` for Amazon's 2^30-byte GB, `GB` for 10^9, else the byte count: the unit line items are in. */
export function gbUnit(gbBytes: number): string {
  return gbBytes === 2 ** 30 ? 'GiB' : gbBytes === 1e9 ? 'GB' : `${gbBytes}B`;
}

/** A tier's name as Amazon wrote it: first-10TB, next-40TB, over-50TB (1 TB = 1,024 GB), or `all` for a flat price. */
export function tierLabel(tiers: readonly PriceTier[], index: number): string {
  if (tiers.length === 1) return 'all';
  const size = (gb: number): string => (gb % 1024 === 0 ? `${gb / 1024}TB` : `${gb}GB`);
  const t = tiers[index]!;
  if (t.size === undefined) return `over-${size(tiers.slice(0, index).reduce((s, x) => s + (x.size ?? 0), 0))}`;
  return `${index === 0 ? 'first' : 'next'}-${size(t.size)}`;
}

/**
 * `transfer-<direction>` line items: each month's bytes per direction (rounded to whole
 * bytes), split over the catalog's tiers for that direction (the tiers apply to the
 * month's total). Directions the catalog makes free still get a line, at $0, so the
 * invoice shows what was not charged. Amounts are exact to the micro-dollar.
 */
export function transferLines(byMonth: ReadonlyMap<string, MonthBytes>, catalog: PriceCatalog): LineItem[] {
  const out: LineItem[] = [];
  const gb = BigInt(catalog.gbBytes);
  for (const [month, bytes] of byMonth) {
    for (const d of TRANSFER_DIRECTIONS) {
      const b = Math.round(bytes[d]);
      if (b <= 0) continue;
      const tiers = catalog.transfer[d];
      for (const c of chargeTiers(BigInt(b), gb, tiers)) {
        out.push({
          month, item: `transfer-${d}`, type: tierLabel(tiers, c.tier - 1), quantity: Number(c.quantity) / catalog.gbBytes,
          unit: gbUnit(catalog.gbBytes), unitPriceUsd: microsToUsd(c.unitMicros), amount: c.amount, category: 'transfer',
        });
      }
    }
  }
  return out;
}
