import type { LineItem } from '../billing/line-item.js';
import { microsToUsd } from '../billing/money.js';
import { TableBuilder, type Table } from './table.js';

/** Columns of invoice.csv and colocation-invoice.csv; money in USD, converted from exact micro-dollars here. */
export const INVOICE_COLUMNS = ['month', 'item', 'type', 'quantity', 'unit', 'unit_price_usd', 'amount_usd'] as const;

/**
 * An invoice as a table named `name` (invoice, colocation-invoice): one row per line item,
 * in the order given. `amount_usd` is the line's exact micro-dollars in dollars; lines add
 * up to the summary's `cost_usd` to the micro-dollar.
 */
export function invoiceTable(name: string, lines: readonly LineItem[]): Table {
  const t = new TableBuilder(name, INVOICE_COLUMNS);
  for (const l of lines) t.add([l.month, l.item, l.type, l.quantity, l.unit, l.unitPriceUsd, microsToUsd(l.amount)]);
  return t;
}
