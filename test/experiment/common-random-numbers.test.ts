import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/experiment/compare.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { variance } from '../../src/experiment/statistics.js';
import { parseScenario } from '../../src/scenario/loader.js';

// Six databases on ten failing hosts, with two disk write rates. Replication i of both
// variants uses the seed replicationSeed(1, i), so both see the same host failures (common
// random numbers): the difference in data lost is the effect of the write rate alone.
// Each host draws its up times and its repair times from its own counter-based streams, so
// even a variant of the fault process itself (another repair-time law) keeps every host's
// sequence of up times: the first failures coincide and later ones move only by the
// difference in repairs.
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

describe('common random numbers across a change of the fault process', () => {
  const FAULTS = `name: crn-repair
duration: 180d
replications: 20
cloud: { zones: { us-east-1a: { hosts: 200 } }, network: { tenant_churn: 0/h } }
faults:
  report: all
  hardware:
    ttf: { exponential: { mean: 30d } }
    repair: { exponential: { mean: 4h } }
`;
  const run = (repair: string, seed: number, replications = 20) => {
    const { scenario } = parseScenario(FAULTS, 'crn-repair.yaml', { set: [`faults.hardware.repair=${repair}`, `replications=${replications}`] });
    return runScenario(scenario, { seed });
  };
  const column = (t: { columns: readonly string[]; rows: unknown[][] }, c: string) => t.rows.map((r) => r[t.columns.indexOf(c)]);

  it('keeps every host\'s first failure time, and its sequence of up times, when only the repair-time law changes', () => {
    /** Per host: the first failure time and the up times between its faults, in ms. */
    const history = (repair: string) => {
      const faults = run(repair, 1, 1).tables.find((t) => t.name === 'faults')!;
      const col = (r: unknown[], c: string) => r[faults.columns.indexOf(c)] as number;
      const byHost = new Map<string, { first: number; ups: number[]; end: number }>();
      for (const r of faults.rows) {
        const scope = r[faults.columns.indexOf('scope')] as string;
        const startMs = Math.round(col(r, 'time_s') * 1000);
        const h = byHost.get(scope);
        if (h === undefined) byHost.set(scope, { first: startMs, ups: [], end: startMs + Math.round(col(r, 'duration_s') * 1000) });
        else {
          h.ups.push(startMs - h.end);
          h.end = startMs + Math.round(col(r, 'duration_s') * 1000);
        }
      }
      return byHost;
    };
    const a = history('{ exponential: { mean: 4h } }');
    const b = history('{ lognormal: { median: 12h, sigma: 1.5 } }');
    expect(a.size).toBeGreaterThan(190); // 180 d at a mean of 30 d: nearly every host fails
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    let compared = 0;
    for (const [host, ha] of a) {
      const hb = b.get(host)!;
      expect(hb.first, host).toBe(ha.first);
      const n = Math.min(ha.ups.length, hb.ups.length);
      expect(hb.ups.slice(0, n), host).toEqual(ha.ups.slice(0, n));
      compared += n;
    }
    expect(compared).toBeGreaterThan(500); // about 5 faults per host in 180 d
  });

  it('the paired difference in host downtime varies far less than an unpaired one', () => {
    const downtime = (repair: string, seed: number) => column(run(repair, seed).tables[0]!, 'host_downtime_s') as number[];
    const a = downtime('{ exponential: { mean: 4h } }', 1);
    const b = downtime('{ exponential: { mean: 5h } }', 1); // same seeds as a: paired
    const c = downtime('{ exponential: { mean: 5h } }', 1000); // other seeds: independent of a
    const paired = variance(a.map((x, i) => b[i]! - x));
    const unpaired = variance(a.map((x, i) => c[i]! - x));
    // Same up times, repairs scaled from the same uniforms: the paired difference is nearly
    // deterministic. With one shared stream the repair change reordered every later draw.
    expect(paired).toBeLessThan(unpaired / 20);
  });
});
