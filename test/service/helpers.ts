import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import type { Cell, Table } from '../../src/metrics/table.js';

/** Runs scenario text for `replications`; returns summary rows and the timeseries, as column → value records. */
export function runText(text: string, replications = 1, readText?: (p: string) => string): { summary: Record<string, number>[]; series: Record<string, number>[] } {
  const { scenario } = parseScenario(text, 'test.yaml', readText === undefined ? {} : { readText });
  const r = runScenario(scenario, { replications });
  const rows = (t: Table | undefined): Record<string, number>[] => (t === undefined ? [] : t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, num(row[i])]))));
  return { summary: rows(r.tables.find((t) => t.name === 'summary')), series: rows(r.tables.find((t) => t.name === 'timeseries')) };
}

function num(c: Cell | undefined): number {
  return typeof c === 'number' ? c : c === null || c === undefined || c === '' ? Number.NaN : Number(c);
}

/** The failure causes of timeseries.csv. */
export const CAUSE_COLUMNS = ['dns', 'overload', 'backend_down', 'stale_config', 'db_down'].map((c) => `failed_requests_${c}`);

/** Rows whose demand is not exactly served plus every failure, or with a negative count. */
export function unbalanced(series: readonly Record<string, number>[]): Record<string, number>[] {
  return series.filter((r) => {
    const parts = [r['served_requests']!, ...CAUSE_COLUMNS.map((c) => r[c]!)];
    return parts.some((x) => !Number.isInteger(x) || x < 0) || parts.reduce((a, b) => a + b, 0) !== r['demand_requests'];
  });
}
