import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { csvToTable } from '../../src/metrics/csv-read.js';

let dir: string;
let stdout: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-compare-'));
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

const SEEDS = [1, 985602473, 3881526784, 3063649832, 28];

/** A results folder whose summary.csv has metric `x` (and `y` = 10 x) over replications 0..n-1. */
function folder(name: string, xs: readonly number[], seeds: readonly number[] = SEEDS): string {
  const d = join(dir, name);
  mkdirSync(d);
  const rows = xs.map((x, i) => `s,${i},${seeds[i]},${x},${10 * x}`);
  writeFileSync(join(d, 'summary.csv'), ['scenario,replication,seed,x,y', ...rows, ''].join('\n'));
  writeFileSync(join(d, 'manifest.json'), '{}\n');
  return d;
}

function comparison(file: string): Record<string, string>[] {
  const t = csvToTable('comparison', readFileSync(file, 'utf8'));
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, String(r[i])])));
}

describe('ephemera compare', () => {
  it('pairs replications that line up: the hand-computed paired CI', async () => {
    const out = join(dir, 'c.csv');
    expect(await main(['compare', folder('a', [1, 2, 3, 4, 5]), folder('b', [2, 4, 5, 4, 7]), '--out', out])).toBe(0);
    // d = 1, 2, 2, 0, 2: mean 1.4, sd sqrt(0.8), se 0.4, t(0.975, 4) = 2.7764451052: 1.4 -/+ 1.11057804208
    // Each side's own interval (x and y are not in the catalogue: Student's t): A 3 -/+ 2.7764451052 x
    // sqrt(2.5 / 5) = 1.96324316148; B 4.4 -/+ 2.7764451052 x sqrt(3.3 / 5) = 2.2555946663.
    expect(comparison(out)).toEqual([
      { metric: 'x', a_mean: '3', b_mean: '4.4', diff: '1.4', ci95_low: '0.289421957921', ci95_high: '2.51057804208', test: 'paired', n_a: '5', n_b: '5', df: '4',
        a_ci95_low: '1.03675683852', a_ci95_high: '4.96324316148', b_ci95_low: '2.1444053337', b_ci95_high: '6.6555946663' },
      { metric: 'y', a_mean: '30', b_mean: '44', diff: '14', ci95_low: '2.89421957921', ci95_high: '25.1057804208', test: 'paired', n_a: '5', n_b: '5', df: '4',
        a_ci95_low: '10.3675683852', a_ci95_high: '49.6324316148', b_ci95_low: '21.444053337', b_ci95_high: '66.555946663' },
    ]);
    expect(stdout).toContain('paired');
    // Printed: each mean with its interval (± when symmetric), then B - A with its own: 1.4 ± 1.1106.
    expect(stdout).toMatch(/\nx +3 +± 1\.963 +4\.4 +± 2\.256 +1\.4 +± 1\.111 +paired\n/);
  });

  it('falls back to Welch when seeds differ; --metric selects', async () => {
    const out = join(dir, 'c.csv');
    const b = folder('b', [2, 4, 5, 4, 7], [9, 8, 7, 6, 5]);
    expect(await main(['compare', folder('a', [1, 2, 3, 4, 5]), b, '--metric', 'x', '--out', out, '-q'])).toBe(0);
    const [row] = comparison(out);
    // se^2 = 2.5/5 + 3.3/5 = 1.16, df = 1.16^2 / (0.5^2/4 + 0.66^2/4) = 7.85064177363
    expect(row).toMatchObject({ metric: 'x', test: 'welch', diff: '1.4', df: '7.85064177363' });
    const half = Number(row!['ci95_high']) - 1.4;
    expect(half / Math.sqrt(1.16)).toBeCloseTo(2.3136, 3);
    expect(stdout).toBe('');
  });

  it('keeps intervals within what the metric can be: a count\'s mean >= 0, a share\'s difference within [-1, 1]', async () => {
    const make = (name: string, misdirected: readonly number[], unavailability: readonly number[]): string => {
      const d = join(dir, name);
      mkdirSync(d);
      const rows = misdirected.map((m, i) => `s,${i},${SEEDS[i]},${m},${unavailability[i]}`);
      writeFileSync(join(d, 'summary.csv'), ['scenario,replication,seed,misdirected_requests,unavailability', ...rows, ''].join('\n'));
      return d;
    };
    const out = join(dir, 'c.csv');
    expect(await main(['compare', make('a', [0, 0, 0, 0, 5000], [0, 0, 0, 0, 1]), make('b', [0, 0, 0, 0, 0], [1, 1, 1, 1, 0]), '--out', out, '-q'])).toBe(0);
    const [mis, unav] = comparison(out);
    // Student's t for A's misdirected requests would be 1000 -/+ 2776: below zero.
    expect(Number(mis!['a_ci95_low'])).toBeGreaterThan(0);
    expect(Number(mis!['a_ci95_high'])).toBeGreaterThan(1000 + 2776);
    // The paired differences 1, 1, 1, 1, -1: 0.6 -/+ 2.776 x 0.4 = -0.51 to 1.71, kept within [-1, 1].
    expect(Number(unav!['ci95_low'])).toBeCloseTo(0.6 - 2.7764451052 * 0.4, 9);
    expect(unav!['ci95_high']).toBe('1');
    expect(Number(unav!['a_ci95_high'])).toBeLessThan(1);
  });

  it('refuses what cannot be compared (exit 2)', async () => {
    const a = folder('a', [1, 2, 3]);
    expect(await main(['compare', a, folder('b', [1, 2]), '--metric', 'nope', '--out', join(dir, 'c.csv')])).toBe(2);
    expect(stderr).toContain('no metric "nope" in both summaries; available: x, y');
    expect(await main(['compare', a, join(dir, 'missing'), '--out', join(dir, 'c.csv')])).toBe(2);
    expect(stderr).toContain('no such results folder');
    const sweep = join(dir, 'sweep');
    mkdirSync(sweep);
    writeFileSync(join(sweep, 'summary.csv'), 'scenario,point,ttl,replication,seed,x\ns,0,30s,0,1,5\n');
    expect(await main(['compare', a, sweep, '--out', join(dir, 'c.csv')])).toBe(2);
    expect(stderr).toContain('cannot compare a run with a sweep over ttl');
  });
});
