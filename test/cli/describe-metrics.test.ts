import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { TABLES } from '../../src/metrics/metric-catalogue.js';

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('ephemera describe-metrics', () => {
  it('prints every table of the catalogue, summary.csv by section, each column with its unit, kind and meaning', async () => {
    expect(await main(['describe-metrics'])).toBe(0);
    for (const t of TABLES) expect(stdout).toContain(`${t.name}.csv: ${t.rows}`);
    expect(stdout).toMatch(/\n {2}Availability\n/);
    expect(stdout).toMatch(/\n {4}outage_p95_s +s +duration +95th percentile of per-client outage over the run\n/);
    expect(stdout).toMatch(/\n {2}<role>_running +count +count +the role's instances running, averaged over the interval\n/);
  });

  it('one table, as Markdown or JSON', async () => {
    expect(await main(['describe-metrics', 'scaling.csv', '--format', 'markdown'])).toBe(0);
    expect(stdout).toContain('### scaling.csv\n');
    expect(stdout).toContain('| `desired_after` | count | count | its desired capacity after it |');
    stdout = '';
    expect(await main(['describe-metrics', 'incidents', '--format', 'json'])).toBe(0);
    const json = JSON.parse(stdout) as { tables: { name: string; columns: { column: string; kind: string; unit: string }[] }[] };
    expect(json.tables.map((t) => t.name)).toEqual(['incidents']);
    expect(json.tables[0]!.columns.find((c) => c.column === 'detect_s')).toMatchObject({ kind: 'duration', unit: 's' });
  });

  it('refuses an unknown table, with a suggestion (exit 2)', async () => {
    expect(await main(['describe-metrics', 'sumary'])).toBe(2);
    expect(stderr).toContain('no table "sumary" (did you mean "summary"?)');
    expect(stdout).toBe('');
  });
});
