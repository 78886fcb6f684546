import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/experiment/compare.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { variance } from '../../src/experiment/statistics.js';
import { parseScenario } from '../../src/scenario/loader.js';

// Six databases on ten failing hosts, with two disk write rates. Replication i of both
// variants uses the seed replicationSeed(1, i), so both see the same host failures (common
// random numbers): the difference in data lost is the effect of the write rate alone.
// (A variant of the fault process itself, such as another repair-time mean, reorders the
// draws of the one fault stream all hosts share, so its failures drift apart.)
const SCENARIO = `name: crn
duration: 180d
replications: 20
cloud: { zones: { us-east-1a: { hosts: 10 } }, network: { tenant_churn: 0/h } }
fleet:
  db: { image: ami-5a1f3c27, type: m1.large, count: 6, disk_write: 2GB/h, backup_every: 6h }
faults:
  hardware:
    ttf: { exponential: { mean: 60d } }
    repair: { exponential: { mean: 4h } }
`;

function summary(diskWrite: string, seed: number, replications = 20) {
  const { scenario } = parseScenario(SCENARIO, 'crn.yaml', { set: [`fleet.db.disk_write=${diskWrite}`, `replications=${replications}`] });
  return runScenario(scenario, { seed }).tables[0]!;
}

function dataLost(diskWrite: string, seed: number): number[] {
  const t = summary(diskWrite, seed);
  const j = t.columns.indexOf('data_lost_gb');
  return t.rows.map((r) => r[j] as number);
}

describe('common random numbers', () => {
  it('the paired difference between two variants varies far less than an unpaired one', () => {
    const a = dataLost('2GB/h', 1);
    const b = dataLost('3GB/h', 1); // same seeds as a: paired
    const c = dataLost('3GB/h', 1000); // other seeds: independent of a
    const paired = variance(a.map((x, i) => b[i]! - x));
    const unpaired = variance(a.map((x, i) => c[i]! - x));
    expect(paired).toBeLessThan(unpaired / 4);
  });

  it('compare pairs replications that line up and gets a narrower CI than Welch', () => {
    const a = summary('2GB/h', 1, 10);
    const paired = compareSummaries(a, summary('3GB/h', 1, 10), { metrics: ['data_lost_gb'] });
    const welch = compareSummaries(a, summary('3GB/h', 1000, 10), { metrics: ['data_lost_gb'] });
    const col = (t: typeof paired, c: string) => t.rows[0]![t.columns.indexOf(c)];
    expect(col(paired, 'test')).toBe('paired');
    expect(col(welch, 'test')).toBe('welch');
    const width = (t: typeof paired) => (col(t, 'ci95_high') as number) - (col(t, 'ci95_low') as number);
    expect(width(paired)).toBeLessThan(width(welch) / 2);
    expect(col(paired, 'ci95_low') as number).toBeGreaterThan(0); // writing faster loses more
  });
});
