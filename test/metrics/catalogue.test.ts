import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/experiment/compare.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { runSweep } from '../../src/experiment/run-sweep.js';
import { planSweep } from '../../src/experiment/sweep-plan.js';
import { summaryLayout } from '../../src/experiment/summary-layout.js';
import { updateCatalogueBlocks } from '../../src/metrics/catalogue-markdown.js';
import { csvToTable, numericCell } from '../../src/metrics/csv-read.js';
import { columnInfo, TABLES } from '../../src/metrics/metric-catalogue.js';
import { supportOf } from '../../src/metrics/metric-kind.js';
import type { Table } from '../../src/metrics/table.js';
import { loadScenario } from '../../src/scenario/loader.js';

const GOLDEN = 'test/golden';

/** Every table the golden folders hold (their first lines, for the large ones), as tables. */
function goldenTables(): { where: string; table: Table }[] {
  const out: { where: string; table: Table }[] = [];
  for (const d of readdirSync(GOLDEN, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const f of readdirSync(join(GOLDEN, d.name))) {
      const m = /^(.+)\.csv(\.head)?$/.exec(f);
      if (m === null) continue;
      const text = readFileSync(join(GOLDEN, d.name, f), 'utf8');
      // A .head file may end inside a quoted cell: keep whole lines up to the last complete row.
      out.push({ where: `${d.name}/${f}`, table: csvToTable(m[1]!, m[2] === undefined ? text : text.split('\n').slice(0, 30).join('\n')) });
    }
  }
  return out;
}

/** Columns of `table` the catalogue does not know, as `where: column`. */
function unknown(where: string, table: Table, parameters: readonly string[] = []): string[] {
  return table.columns.filter((c) => columnInfo(table.name, c, parameters) === undefined).map((c) => `${where}: ${c}`);
}

describe('the metric catalogue', () => {
  const golden = goldenTables();

  it('knows every column of every table the shipped scenarios write', () => {
    expect(golden.length).toBeGreaterThan(50);
    expect(golden.flatMap((g) => unknown(g.where, g.table))).toEqual([]);
    const names = new Set(golden.map((g) => g.table.name));
    for (const t of ['summary', 'timeseries', 'scaling', 'incidents', 'outages', 'instances', 'actions', 'addresses', 'flows', 'traffic', 'faults', 'invoice', 'colocation-invoice']) expect(names, t).toContain(t);
  });

  it('knows the columns of the forms the shipped scenarios do not write: client outages, a sweep\'s tables, aggregate.csv, comparison.csv', async () => {
    const { scenario } = loadScenario('scenarios/aiderss.yaml', { set: ['duration=13d', 'dns.outages=clients', 'clients.count=2000', 'dns.resolvers.count=200', 'replications=1', 'clients.sample.per_resolver=3'] });
    const run = runScenario(scenario);
    expect(run.tables.find((t) => t.name === 'outages')?.columns).toContain('censored');
    expect(run.tables.flatMap((t) => unknown(`aiderss (clients form)/${t.name}.csv`, t))).toEqual([]);
    const plan = planSweep({ scenario: 'test/fixtures/sweep-small.yaml', vary: ['faults.hardware.repair.exponential.mean=2h,8h'], set: ['duration=10d'], replications: 2 });
    const sweep = await runSweep(plan, { workers: 1 });
    const parameters = ['faults.hardware.repair.exponential.mean'];
    expect(sweep.tables.map((t) => t.name)).toContain('aggregate');
    expect(sweep.tables.flatMap((t) => unknown(`sweep/${t.name}.csv`, t, parameters))).toEqual([]);
    const summary = sweep.tables[0]!;
    expect(unknown('comparison.csv', compareSummaries(summary, summary), parameters)).toEqual([]);
    // A varied path is a parameter only where the caller says so: it would match anything.
    expect(columnInfo('summary', 'faults.hardware.repair.exponential.mean')).toBeUndefined();
    expect(summaryLayout(summary).varied).toEqual(parameters);
  }, 60_000);

  it('fills in a pattern\'s placeholder, and gives an exact name precedence', () => {
    expect(columnInfo('timeseries', 'web_running')).toMatchObject({ entry: '<role>_running', value: 'web', label: 'web running', kind: 'count' });
    expect(columnInfo('timeseries.csv', 'latency_p95_s')).toMatchObject({ entry: 'latency_p95_s', kind: 'duration', unit: 's' });
    expect(columnInfo('timeseries', 'db_latency_p95_s')).toMatchObject({ entry: '<role>_latency_p95_s', value: 'db' });
    expect(columnInfo('summary', 'mean_instances_web')).toMatchObject({ entry: 'mean_instances_<group>', label: 'web mean instances', group: 'elasticity' });
    expect(columnInfo('summary', 'no_such_metric')).toBeUndefined();
    expect(columnInfo('no-such-table', 'time_s')).toBeUndefined();
  });

  it('gives each summary metric a section, a label, a unit and a meaning', () => {
    const summary = TABLES.find((t) => t.name === 'summary')!;
    for (const c of summary.columns) {
      if (c.column === 'scenario' || c.column === 'seed') continue;
      expect(c.group, c.column).toBeDefined();
      expect(c.unit, c.column).not.toBe('');
    }
    for (const t of TABLES) {
      for (const c of t.columns) {
        expect(c.label.length, `${t.name}.${c.column}`).toBeGreaterThan(0);
        expect(c.meaning.length, `${t.name}.${c.column}`).toBeGreaterThan(5);
      }
      expect(new Set(t.columns.map((c) => c.column)).size, t.name).toBe(t.columns.length);
    }
  });

  it('its kinds hold in every golden value: counts, durations, money and sizes >= 0, fractions within [0, 1], percentages within [0, 100]', () => {
    const out: string[] = [];
    let checked = 0;
    for (const { where, table } of golden) {
      table.columns.forEach((c, j) => {
        const info = columnInfo(table.name, c);
        const support = info === undefined ? undefined : supportOf(info.kind);
        if (support === undefined) return;
        for (const row of table.rows) {
          const v = numericCell(row[j]);
          if (v === undefined || Number.isNaN(v)) continue;
          checked++;
          if (v < support.lo || v > support.hi) out.push(`${where}: ${c} = ${v}, outside [${support.lo}, ${support.hi}]`);
        }
      });
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(out.slice(0, 20)).toEqual([]);
  });
});

describe('README', () => {
  it('documents every table\'s columns as the catalogue generates them (npm run docs rewrites them)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(updateCatalogueBlocks(readme) === readme, 'README.md is not what the catalogue generates: run npm run docs').toBe(true);
  });
});
