/** Runs small scenarios and reads their bills, for the billing tests. */
import { parseScenario, type ParseOptions } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import type { Table } from '../../src/metrics/table.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A one-zone cloud without other customers; append fleet, actions, faults, ... */
export const HEAD = `name: bill
duration: 30d
cloud:
  zones:
    us-east-1a: { hosts: 4 }
  network: { tenant_churn: 0 }
`;

export interface Bill {
  readonly summary: Map<string, number>;
  readonly invoice: Table | undefined;
  readonly colocation: Table | undefined;
  readonly tables: readonly Table[];
}

/** Parses `text` (as file `b.yaml`), runs one replication with seed 1 and returns the summary and invoices. */
export function runBill(text: string, options: ParseOptions = {}): Bill {
  const { scenario } = parseScenario(text, 'b.yaml', options);
  const r = build(scenario, 1).run();
  return {
    summary: new Map(r.summary),
    invoice: r.tables.find((t) => t.name === 'invoice'),
    colocation: r.tables.find((t) => t.name === 'colocation-invoice'),
    tables: r.tables,
  };
}

/** Invoice rows as objects keyed by column. */
export function rowsOf(t: Table | undefined): Record<string, string | number | null>[] {
  if (t === undefined) return [];
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}
