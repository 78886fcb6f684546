import type { MetricStatistics } from '../experiment/summary-statistics.js';
import { SUMMARY_GROUPS } from '../metrics/metric-catalogue.js';
import { formatReadable } from '../metrics/number-format.js';

/** Significant digits of a mean, and of the sides of its interval. */
const MEAN_DIGITS = 5;
const CI_DIGITS = 4;

/**
 * The interval of a mean as the summary prints it: `± 14` when it is symmetric about the
 * mean (its two sides within 5% of each other: the longer is shown), else each side, `-751 +4,353` (an interval
 * that respects a bound is often longer on one side); '' without an interval (n < 2).
 */
export function intervalText(mean: number, low: number, high: number): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return '';
  const down = mean - low;
  const up = high - mean;
  const [d, u] = [formatReadable(down, CI_DIGITS), formatReadable(up, CI_DIGITS)];
  if (Math.abs(up - down) <= 0.05 * Math.max(up, down) || d === u) return `± ${formatReadable(Math.max(up, down), CI_DIGITS)}`;
  return `-${d} +${u}`;
}

/**
 * The printed summary of a run: per section (availability, DNS, service, ...), one line
 * per metric with its mean over the replications, the 95% confidence interval (with two
 * replications or more) and its unit. Metrics no replication gave a number for are not in
 * `stats` (see summaryStatistics).
 */
export function formatSummary(stats: readonly MetricStatistics[], replications: number): string {
  const withCi = replications >= 2;
  const titles = new Map<string, string>([...SUMMARY_GROUPS, ['other', 'Other']]);
  const rows = stats.map((s) => ({
    group: s.group,
    metric: s.metric,
    mean: formatReadable(s.mean, MEAN_DIGITS),
    ci: withCi ? intervalText(s.mean, s.low, s.high) : '',
    unit: s.info?.unit ?? '',
  }));
  const head = { metric: 'metric', mean: withCi ? 'mean' : 'value', ci: withCi ? '95% CI' : '', unit: 'unit' };
  const w = (f: 'metric' | 'mean' | 'ci' | 'unit'): number => Math.max(head[f].length, ...rows.map((r) => r[f].length));
  const [wm, wv, wc] = [w('metric'), w('mean'), w('ci')];
  const line = (metric: string, mean: string, ci: string, unit: string): string =>
    `    ${metric.padEnd(wm)}  ${mean.padStart(wv)}${withCi ? `  ${ci.padEnd(wc)}` : ''}  ${unit}`.trimEnd();
  const out: string[] = [line(head.metric, head.mean, head.ci, head.unit)];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      out.push(`  ${titles.get(group) ?? group}`);
    }
    out.push(line(r.metric, r.mean, r.ci, r.unit));
  }
  return `${out.join('\n')}\n`;
}
