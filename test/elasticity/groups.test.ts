import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import type { Table } from '../../src/metrics/table.js';
import { studentTQuantile } from '../../src/experiment/student-t.js';
import { unbalanced } from '../service/helpers.js';


function run(text: string, replications = 1): { summary: Record<string, number>[]; series: Record<string, number>[]; scaling: Record<string, string | number>[] } {
  const { scenario } = parseScenario(text, 'groups.yaml');
  const r = runScenario(scenario, { replications });
  const rows = (t: Table | undefined): Record<string, string | number>[] => (t === undefined ? [] : t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i] as string | number]))));
  const num = (rs: Record<string, string | number>[]): Record<string, number>[] => rs.map((r2) => Object.fromEntries(Object.entries(r2).map(([k, v]) => [k, typeof v === 'number' ? v : Number(v)])));
  return { summary: num(rows(r.tables.find((t) => t.name === 'summary'))), series: num(rows(r.tables.find((t) => t.name === 'timeseries'))), scaling: rows(r.tables.find((t) => t.name === 'scaling')) };
}

/** A web tier behind a balancer, instances that boot at once (a 10 KB image: 1 ms; no kernel time). */
function scenario(group: string, demand: string, extra = ''): string {
  return `name: g
duration: 12h
cloud:
  zones:
    us-east-1a: { hosts: 40, racks: 8 }
  placement: spread
  boot: { kernel: 0s }
images:
  ami-00000000: { name: tiny, arch: i386, size: 10KB }   # 1 ms to fetch
fleet:
  lb:  { image: ami-00000000, count: 1 }
  web: { image: ami-00000000 }
demand:
${demand}
service:
  interval: 1m
  path: lb -> web
  roles:
    lb:  { capacity: 100000/s, per: instance }
    web: { capacity: 50/s, per: instance }
  health_check: { every: 1s, failures: 1, rise: 1 }
autoscaling:
  web:
${group}
${extra}`;
}

describe('target tracking through the whole model', () => {
  // Zero boot time, no cooldown to speak of (1 s), one-minute periods: after a step in
  // demand the group holds ceil(λ / (target × μ)) at every period (λ the last minute's rate).
  const step = '  rate: 100/s\n  spikes: [{ at: 4h, duration: 4h, factor: 5 }]';
  const want = (lambda: number, perInstance: number): number => Math.ceil(lambda / perInstance - 1e-9);
  const check = (series: Record<string, number>[], perInstance: number): void => {
    for (const r of series) {
      const t = r['time_s']!;
      if (t < 300) continue; // the service goes live in the first seconds
      // Interval [t, t + 60) holds the capacity decided at t from the minute before it.
      const lambda = t >= 4 * 3600 + 60 && t < 8 * 3600 + 60 ? 500 : 100;
      const w = Math.min(20, Math.max(1, want(lambda, perInstance)));
      expect(r['web_desired'], `t=${t}`).toBe(w);
      expect(r['web_running'], `t=${t}`).toBeCloseTo(w, 2); // less the 1 ms a new one boots
    }
  };

  it('on requests per instance (target 25/s: half of μ)', () => {
    const { series, summary } = run(scenario(`    min: 1
    max: 20
    desired: 4
    cooldown: 1s
    drain: 0s
    policies:
      - target_tracking: { metric: requests_per_instance, target: 25, period: 1m }`, step));
    check(series, 25);
    expect(summary[0]!['scale_out_events']).toBe(1);
    expect(summary[0]!['scale_in_events']).toBe(1);
    expect(unbalanced(series)).toEqual([]);
  });

  it('on CPU, for a step that does not saturate the tier (target 0.5: ceil(λ / 25))', () => {
    const { series } = run(scenario(`    min: 1
    max: 20
    desired: 4
    cooldown: 1s
    drain: 0s
    policies:
      - target_tracking: { metric: cpu, target: 0.5, period: 1m }`, '  rate: 100/s\n  spikes: [{ at: 4h, duration: 4h, factor: 1.8 }]'));
    for (const r of series) {
      const t = r['time_s']!;
      if (t < 300) continue;
      const lambda = t >= 4 * 3600 + 60 && t < 8 * 3600 + 60 ? 180 : 100;
      expect(r['web_desired'], `t=${t}`).toBe(want(lambda, 25));
    }
  });
});

describe('cooldown, breach, bounds', () => {
  const rising = '  rate: 50/s\n  spikes: [{ at: 2h, duration: 6h, factor: 20, ramp: 3h }]';

  it('after a change, policies wait out the cooldown; the capacity stays within min and max', () => {
    const { scaling, series } = run(scenario(`    min: 2
    max: 9
    cooldown: 10m
    policies:
      - target_tracking: { metric: cpu, target: 0.5, period: 1m }`, rising));
    const changes = [...new Set(scaling.filter((r) => r['cause'] === 'scale-out' || r['cause'] === 'scale-in').filter((r) => r['reason'] !== 'initial capacity').map((r) => Number(r['time_s'])))];
    expect(changes.length).toBeGreaterThan(3);
    for (let i = 1; i < changes.length; i++) expect(changes[i]! - changes[i - 1]!).toBeGreaterThanOrEqual(600);
    for (const r of series) {
      expect(r['web_desired']).toBeGreaterThanOrEqual(2);
      expect(r['web_desired']).toBeLessThanOrEqual(9);
    }
    expect(Math.max(...series.map((r) => r['web_desired']!))).toBe(9);
  });

  it('a step policy acts only after the metric stayed beyond its bound for the breach time', () => {
    const { scaling, series } = run(scenario(`    min: 2
    max: 30
    cooldown: 1s
    policies:
      - step: { metric: cpu, upper: 0.7, lower: 0.2, breach: 5m, out: +3, in: -1, period: 1m }`, rising));
    const outs = scaling.filter((r) => r['cause'] === 'scale-out' && r['reason'] !== 'initial capacity');
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) {
      const t = Number(o['time_s']);
      // The five minutes before the action were all above 0.7.
      const before = series.filter((r) => r['time_s']! >= t - 5 * 60 && r['time_s']! < t);
      expect(before.length).toBe(5);
      for (const r of before) expect(r['web_utilization']).toBeGreaterThan(0.7 - 1e-9);
      expect(o['reason']).toMatch(/above 0\.7 for 300 s/);
    }
  });
});

describe('replacing a failed member', () => {
  it('replaces a member a fault killed and returns to the desired capacity', () => {
    const { scaling, series, summary } = run(scenario(`    min: 3
    max: 3
    policies: []`, '  rate: 60/s', 'faults:\n  outages:\n    - { at: 3h, host: us-east-1a-h00005, duration: 2h }'));
    const replace = scaling.filter((r) => r['cause'] === 'replace-unhealthy');
    expect(replace.length).toBe(1);
    expect(Number(replace[0]!['time_s'])).toBeGreaterThanOrEqual(3 * 3600); // at the group's first check after the fault
    expect(Number(replace[0]!['time_s'])).toBeLessThanOrEqual(3 * 3600 + 60);
    expect(summary[0]!['replacements']).toBe(1);
    const after = series.filter((r) => r['time_s']! >= 3 * 3600 + 120);
    for (const r of after) expect(r['web_running']).toBe(3);
    expect(summary[0]!['failed_requests_backend_down']).toBeGreaterThan(0); // until the balancer's check dropped it
  });
});

describe('scale-in under hourly billing', () => {
  it('closest-to-next-hour bills fewer instance-hours than oldest on the diurnal scenario (paired, with common random numbers)', () => {
    const base = parseScenario(readDiurnal(), 'scenarios/autoscaling-diurnal.yaml', { set: ['duration=7d', 'cloud.network.tenant_churn=0/h'] }).scenario;
    const oldest = parseScenario(readDiurnal(), 'scenarios/autoscaling-diurnal.yaml', { set: ['duration=7d', 'cloud.network.tenant_churn=0/h', 'autoscaling.web.termination=oldest'] }).scenario;
    const R = 4;
    const col = (s: typeof base, c: string): number[] => {
      const t = runScenario(s, { replications: R }).tables[0]!;
      return t.rows.map((r) => r[t.columns.indexOf(c)] as number);
    };
    const a = col(oldest, 'instance_hours_billed_web');
    const b = col(base, 'instance_hours_billed_web');
    const d = a.map((x, i) => x - b[i]!);
    const mean = d.reduce((x, y) => x + y, 0) / R;
    const sd = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / (R - 1));
    const half = studentTQuantile(0.975, R - 1) * sd / Math.sqrt(R);
    expect(mean - half).toBeGreaterThan(0); // the 95% interval of oldest − closest excludes zero
  });
});

import { readFileSync } from 'node:fs';
function readDiurnal(): string {
  return readFileSync('scenarios/autoscaling-diurnal.yaml', 'utf8');
}
