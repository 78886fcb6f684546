import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatSummary, intervalText } from '../../src/cli/summary-text.js';
import { summaryStatistics } from '../../src/experiment/summary-statistics.js';
import { formatReadable } from '../../src/metrics/number-format.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('numbers for people', () => {
  it('5 significant digits with thousands separators, whatever the locale; tiny values in exponent form', () => {
    expect(formatReadable(8_639_673_818.5)).toBe('8,639,700,000');
    expect(formatReadable(1372.78123)).toBe('1,372.8');
    expect(formatReadable(0.000237123)).toBe('0.00023712');
    expect(formatReadable(-20_000.5)).toBe('-20,001');
    expect(formatReadable(324)).toBe('324');
    expect(formatReadable(1.23456e-9)).toBe('1.2346e-9');
    expect(formatReadable(0)).toBe('0');
    expect(formatReadable(Number.NaN)).toBe('');
    expect(formatReadable(0.5, 4)).toBe('0.5');
  });

  it('an interval as ± when its sides agree within 5%, else each side', () => {
    expect(intervalText(100, 90, 110)).toBe('± 10');
    expect(intervalText(100, 90.2, 110)).toBe('± 10');
    expect(intervalText(907, 156, 5260)).toBe('-751 +4,353');
    expect(intervalText(5, Number.NaN, Number.NaN)).toBe('');
  });
});

describe('the printed summary', () => {
  const rows = [
    ['s', 0, 1, 10, 0.001, '', 5, 100],
    ['s', 1, 2, 12, 0.002, '', 7, 100],
    ['s', 2, 3, 11, 0.0015, '', 6, 100],
  ];
  const metrics = ['host_failures', 'unavailability', 'steal_pct_mean', 'cost_usd', 'not_catalogued'];
  const stats = summaryStatistics(metrics, [3, 4, 5, 6, 7], rows);

  it('groups metrics by section in catalogue order, leaves empty ones out, and puts unknown columns last', () => {
    expect(stats.map((s) => [s.metric, s.group])).toEqual([['host_failures', 'availability'], ['unavailability', 'availability'], ['cost_usd', 'cost'], ['not_catalogued', 'other']]);
  });

  it('prints metric, mean, interval and unit; with one replication the value alone', () => {
    const text = formatSummary(stats, 3);
    // host_failures 10, 12, 11: sd 1, t(0.975, 2) se / m = 4.30265 x 0.57735 / 11 = 0.225834,
    // 11 / e^0.225834 = 8.7764 and 11 e^0.225834 = 13.787. unavailability: logit(0.0015) =
    // -6.50079 ± 4.30265 x 0.00028868 / (0.0015 x 0.9985) = ± 0.82934: 0.000655 to 0.003431.
    expect(text.split('\n')).toEqual([
      '    metric            mean  95% CI                unit',
      '  Availability',
      '    host_failures       11  -2.224 +2.787         count',
      '    unavailability  0.0015  -0.0008449 +0.001931  0..1',
      '  Cost',
      '    cost_usd             6  -2.034 +3.077         USD',
      '  Other',
      '    not_catalogued     100  ± 0',
      '',
    ]);
    const one = formatSummary(summaryStatistics(['host_failures'], [3], [rows[0]!]), 1);
    expect(one).toBe('    metric         value  unit\n  Availability\n    host_failures     10  count\n');
  });

  it('is what ephemera run prints after a scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ephemera-summary-'));
    writeFileSync(join(dir, 's.yaml'), 'name: s\nduration: 30d\nreplications: 3\ncloud: { zones: { us-east-1a: { hosts: 20 } } }\nfaults: { hardware: { ttf: { exponential: { mean: 30d } }, repair: { exponential: { mean: 4h } } } }\n');
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      stdout += String(s);
      return true;
    });
    expect(await main(['run', join(dir, 's.yaml'), '--out', join(dir, 'out')])).toBe(0);
    expect(stdout).toMatch(/\n {2}Availability\n {4}host_failures +[\d.,]+ +(± |-)[\d.,]+.* +count\n/);
    expect(stdout).toMatch(/\n {2}Cloud\n {4}hosts +20 +± 0 +count\n/);
    expect(stdout).not.toContain('steal_pct_mean'); // no instance declared a cpu demand: empty, left out
  });
});
