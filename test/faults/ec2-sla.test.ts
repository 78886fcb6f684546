import { describe, expect, it } from 'vitest';
import { annualUptime, SLA_YEAR_PERIODS } from '../../src/metrics/ec2-sla.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { loadScenario } from '../../src/scenario/loader.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

describe('the 2008 EC2 SLA: Annual Uptime Percentage in 5-minute periods', () => {
  it('one zone unavailable is not Region Unavailable', () => {
    expect(annualUptime([[{ fromMs: DAY, toMs: DAY + 10 * HOUR }], []], 30 * DAY)).toEqual({ unavailablePeriods: 0, uptimePct: 100, met: true });
  });

  it('two zones down together for 3 h: 36 periods of a 105,120-period year, 99.9658%: met', () => {
    const r = annualUptime([[{ fromMs: DAY, toMs: DAY + 3 * HOUR }], [{ fromMs: DAY, toMs: DAY + 3 * HOUR }]], 30 * DAY);
    expect(SLA_YEAR_PERIODS).toBe(105_120);
    expect(r.unavailablePeriods).toBe(36);
    expect(r.uptimePct).toBeCloseTo(100 * (1 - 36 / 105_120), 12);
    expect(r.met).toBe(true);
  });

  it('only whole periods in which more than one zone is unavailable count', () => {
    // A from 1 min (its first whole period starts at 5 min), B from 0: both whole in periods 1..35.
    const r = annualUptime([[{ fromMs: MIN, toMs: 3 * HOUR + MIN }], [{ fromMs: 0, toMs: 3 * HOUR }]], DAY);
    expect(r.unavailablePeriods).toBe(35);
    // Three zones: A all period 0, B its first half, C its second half: no two zones whole in it.
    expect(annualUptime([[{ fromMs: 0, toMs: 5 * MIN }], [{ fromMs: 0, toMs: 150_000 }], [{ fromMs: 150_000, toMs: 5 * MIN }]], DAY).unavailablePeriods).toBe(0);
  });

  it('99.95% allows 52 periods (4 h 20 min) a year; 53 break it', () => {
    const both = (periods: number) => {
      const span = [{ fromMs: 0, toMs: periods * 5 * MIN }];
      return annualUptime([span, span], 30 * DAY);
    };
    expect(both(52)).toMatchObject({ unavailablePeriods: 52, met: true });
    expect(both(53)).toMatchObject({ unavailablePeriods: 53, met: false });
    expect(both(52).uptimePct).toBeGreaterThanOrEqual(99.95);
    expect(both(53).uptimePct).toBeLessThan(99.95);
  });

  it('over several years the worst Service Year counts: outages 2 years apart fall in different years', () => {
    const a = { fromMs: DAY, toMs: DAY + 3 * HOUR };
    const b = { fromMs: 2 * YEAR + DAY, toMs: 2 * YEAR + DAY + 4 * HOUR };
    expect(annualUptime([[a, b], [a, b]], 3 * YEAR).unavailablePeriods).toBe(48);
    // Half a year apart: one Service Year holds both.
    const c = { fromMs: YEAR / 2, toMs: YEAR / 2 + 4 * HOUR };
    expect(annualUptime([[a, c], [a, c]], 3 * YEAR).unavailablePeriods).toBe(36 + 48);
  });
});

describe('the SLA in summary.csv', () => {
  const run = (file: string, set: string[]) => {
    const { scenario } = loadScenario(file, { set: ['replications=1', ...set] });
    const t = runScenario(scenario).tables[0]!;
    return (c: string) => t.rows[0]![t.columns.indexOf(c)];
  };
  const bothZones = ['faults.outages.1={at: 12d3h, zone: us-east-1b, duration: 3h}'];

  it('a zone power failure alone leaves the region available; both zones at once is Region Unavailable', () => {
    expect(run('scenarios/power-failure-spread.yaml', [])('ec2_sla_uptime_pct')).toBe(100);
    const s = run('scenarios/power-failure-spread.yaml', bothZones);
    expect(s('ec2_sla_unavailable_periods')).toBe(36);
    expect(s('ec2_sla_uptime_pct')).toBeCloseTo(100 * (1 - 36 / 105_120), 9);
    expect(s('ec2_sla_met')).toBe(1);
    const long = run('scenarios/power-failure-spread.yaml', [...bothZones.map((x) => x.replace('3h}', '5h}')), 'faults.outages.0.duration=5h']);
    expect(long('ec2_sla_unavailable_periods')).toBe(60);
    expect(long('ec2_sla_met')).toBe(0);
  });

  it('a service run in one zone is never Region Unavailable, even when both zones lose power', () => {
    const s = run('scenarios/power-failure.yaml', bothZones);
    expect(s('instances_lost')).toBeGreaterThanOrEqual(8);
    expect(s('ec2_sla_unavailable_periods')).toBe(0);
    expect(s('ec2_sla_met')).toBe(1);
  });

  it('is not reported for a single-zone cloud', () => {
    expect(run('scenarios/aiderss.yaml', ['dns.resolvers.count=10', 'clients.count=100'])('ec2_sla_met')).toBeUndefined();
  });
});
