import { describe, expect, it } from 'vitest';
import { StreamFamily } from '../../src/engine/index.js';
import { constant } from '../../src/engine/distributions.js';
import { runSampledModel, type ClientOutcome, type ModelInputs } from '../../src/dns/models.js';
import { Population, type PopulationSpec } from '../../src/dns/population.js';
import { Reach, type ReachOracle } from '../../src/dns/reach.js';
import { AuthoritativeZone } from '../../src/dns/zone.js';
import { sortWithWeights, weightedQuantiles } from '../../src/metrics/quantiles.js';
import { samplingErrors } from '../../src/metrics/sampling-error.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { loadScenario } from '../../src/scenario/loader.js';

const S = 1000;
const F = 3600 * S; // the front end dies at 1 h
const U = 240 * S; // the record points at its replacement 4 min later
const T = 60 * S;

/** `old` serves until F, then belongs to another customer from F + 2 min; `new` serves from F + U. */
const reach = (ip: string, t: number): Reach => (ip === 'old' ? (t < F ? Reach.Service : t >= F + 120 * S ? Reach.Foreign : Reach.Dead) : t >= F + U ? Reach.Service : Reach.Dead);
const bounds: Record<string, number[]> = { old: [F, F + 120 * S], new: [F + U] };
const oracle: ReachOracle = {
  reach,
  span(ip, t) {
    let from = -Infinity;
    let to = Infinity;
    for (const b of bounds[ip] ?? []) if (b <= t) from = Math.max(from, b); else to = Math.min(to, b);
    return { fromMs: from, toMs: to, reach: reach(ip, t) };
  },
};

const zone = new AuthoritativeZone([{ type: 'A', name: 'lb.example.com', ttlMs: T }]);
zone.set('lb.example.com', ['old'], 0);
zone.set('lb.example.com', ['new'], F + U);

const spec = (over: Partial<PopulationSpec> = {}): PopulationSpec => ({
  clients: 30_000, periodMs: 20 * S, pinMs: 0, failoverShare: 0, timeoutMs: 21 * S,
  resolvers: 300, overstayShare: 0.3, overstay: constant(15 * 60 * S), ...over,
});

function run(pop: Population, seed: number): ClientOutcome {
  const inp: ModelInputs = { pop, zone, name: 'lb.example.com', reach: oracle, draws: new StreamFamily(seed, 'dns.clients'), startMs: 0, endMs: 3 * 3600 * S, lastChangeMs: F + U };
  return runSampledModel(inp, [{ startMs: F, recoveredMs: F + U }]);
}

/** The statistics the summary reports, weighted, and (sampled) their sampling errors. */
function measures(pop: Population, out: ClientOutcome): { value: Record<string, number>; se: Record<string, number> } {
  const ms = Float64Array.from(out.log.outageMs);
  const w = out.log.outageWeight?.slice() ?? new Float64Array(ms.length).fill(1);
  sortWithWeights(ms, w);
  const q = weightedQuantiles(ms, w);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < ms.length; i++) {
    sum += ms[i]! * w[i]!;
    total += w[i]!;
  }
  const value = {
    failed_requests: out.log.failedRequests,
    misdirected_requests: out.log.misdirectedRequests,
    unavailability: out.log.failedClientMs / out.clientMs,
    outage_mean_s: sum / total / S,
    outage_p50_s: q(0.5) / S,
    outage_p95_s: q(0.95) / S,
  };
  const se: Record<string, number> = {};
  if (pop.sampled) for (const [k, v] of samplingErrors(pop, out.log, out.clientMs, ms, w)) se[k.replace(/_se$/, '')] = v;
  return { value, se };
}

describe('weighted client sampling', () => {
  it('a sampled run agrees with the full run within its reported sampling error', () => {
    // The sample is a subset of the same population (same streams), and the resolvers see
    // the other clients' queries, so the difference is the sampling error alone.
    const full = new Population(spec(), new StreamFamily(7, 'dns.population'));
    const sampled = new Population(spec({ samplePerResolver: 8 }), new StreamFamily(7, 'dns.population'));
    expect(sampled.simulated).toBeLessThan(2500);
    const a = measures(full, run(full, 7));
    const b = measures(sampled, run(sampled, 7));
    for (const k of Object.keys(a.value)) {
      const se = b.se[k]!;
      // A quantile sitting on a wide step of the outage distribution (outages here are whole
      // request periods) can have no sampling error at all; the other statistics have some.
      if (!k.includes('_p')) expect(se, k).toBeGreaterThan(0);
      expect(Math.abs(b.value[k]! - a.value[k]!), `${k}: sampled ${b.value[k]} full ${a.value[k]} se ${se}`).toBeLessThan(4 * se + 1e-9);
    }
    expect(a.value['misdirected_requests']).toBeGreaterThan(0);
  });

  it('the reported error is the real spread: over 30 samples, sd(sampled - full) is about the mean reported error', () => {
    const full = new Population(spec({ clients: 12_000, resolvers: 150 }), new StreamFamily(3, 'dns.population'));
    const a = measures(full, run(full, 3));
    const diffs: Record<string, number[]> = {};
    const ses: Record<string, number[]> = {};
    for (let k = 0; k < 30; k++) {
      // Other sample seeds, the same population: its counts and phases come from the same
      // streams; the sample's selection from the seed's own stream.
      const sampled = new Population(spec({ clients: 12_000, resolvers: 150, samplePerResolver: 10 }), new StreamFamily(3, 'dns.population'), false, new StreamFamily(100 + k, 'dns.sample'));
      const b = measures(sampled, run(sampled, 3));
      for (const m of ['failed_requests', 'unavailability', 'outage_mean_s']) {
        (diffs[m] ??= []).push(b.value[m]! - a.value[m]!);
        (ses[m] ??= []).push(b.se[m]!);
      }
    }
    for (const m of Object.keys(diffs)) {
      const d = diffs[m]!;
      const mean = d.reduce((x, y) => x + y, 0) / d.length;
      const sd = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / (d.length - 1));
      const se = ses[m]!.reduce((x, y) => x + y, 0) / d.length;
      // 30 draws: the sample sd is within about ±40% of the true one at 99.9%; unbiased: the
      // mean difference within 4 standard errors of 0.
      expect(sd / se, m).toBeGreaterThan(0.55);
      expect(sd / se, m).toBeLessThan(1.6);
      expect(Math.abs(mean), m).toBeLessThan((4 * sd) / Math.sqrt(d.length));
    }
  });

  it('through a scenario: clients.sample adds the sampling errors to summary.csv and agrees with the full run', () => {
    const set = ['replications=1', 'clients.count=60000', 'dns.resolvers.count=600'];
    const full = runScenario(loadScenario('scenarios/aiderss.yaml', { set }).scenario).tables[0]!;
    const sampled = runScenario(loadScenario('scenarios/aiderss.yaml', { set: [...set, 'clients.sample.per_resolver=10'] }).scenario).tables[0]!;
    const col = (t: typeof full, c: string) => t.rows[0]![t.columns.indexOf(c)] as number;
    expect(full.columns).not.toContain('unavailability_se');
    expect(col(sampled, 'sampled_clients')).toBe(6000);
    expect(col(sampled, 'requests')).toBeCloseTo(col(full, 'requests'), -4);
    for (const m of ['unavailability', 'failed_requests', 'outage_mean_s', 'outage_p50_s', 'outage_p95_s']) {
      const se = col(sampled, `${m}_se`);
      expect(Math.abs(col(sampled, m) - col(full, m)), `${m} se ${se}`).toBeLessThanOrEqual(4 * se + 1e-9);
    }
  });
});
