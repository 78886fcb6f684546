import { sumMicros, type Micros } from './money.js';

/** What a line item is for; the summary's cost_*_usd columns add these up. */
export type CostCategory = 'instances' | 'transfer' | 's3' | 'eip' | 'colocation';

/** One line of an invoice: an item of one type in one calendar month. */
export interface LineItem {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  /** e.g. instance-hours, transfer-out, s3-storage, eip-idle-hours; colocation: servers, bandwidth. */
  readonly item: string;
  /** e.g. m1.small, tier-1, put, idle, commit. */
  readonly type: string;
  /** In `unit`s; for display (amounts are computed from exact base quantities). */
  readonly quantity: number;
  /** e.g. instance-hour, GB (2^30 bytes), GB-month, request, remap, Mbps-month. */
  readonly unit: string;
  /** USD per unit, for display. */
  readonly unitPriceUsd: number;
  /** Micro-dollars, exact. */
  readonly amount: Micros;
  readonly category: CostCategory;
}

const ITEM_ORDER = [
  'instance-hours', 'transfer-in', 'transfer-out', 'transfer-internal', 'transfer-regional', 'transfer-s3', 's3-storage', 's3-requests', 'eip-idle-hours', 'eip-remaps',
  'servers', 'rack-space', 'power', 'bandwidth', 'ip-block',
];

/** Line items in invoice order: by month, then item (the order above), then type. */
export function sortLines(lines: readonly LineItem[]): LineItem[] {
  const rank = (item: string): number => {
    const i = ITEM_ORDER.indexOf(item);
    return i < 0 ? ITEM_ORDER.length : i;
  };
  return [...lines].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)
    || rank(a.item) - rank(b.item) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)
    || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** Micro-dollars of the lines (of one category when given). */
export function totalMicros(lines: readonly LineItem[], category?: CostCategory): Micros {
  return sumMicros(lines.filter((l) => category === undefined || l.category === category).map((l) => l.amount));
}
