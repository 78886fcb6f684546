import { describe, expect, it } from 'vitest';
import { Simulation, StreamFamily } from '../../src/engine/index.js';
import { constant } from '../../src/engine/distributions.js';
import { expectedQueries, runSampledModel, startPerRequestModel, type ModelInputs } from '../../src/dns/models.js';
import { Population, type PopulationSpec } from '../../src/dns/population.js';
import { Reach, type ReachOracle } from '../../src/dns/reach.js';
import { AuthoritativeZone } from '../../src/dns/zone.js';

const S = 1000;
const HOUR = 3600 * S;

// Jung, Berger and Balakrishnan, "Modeling TTL-based Internet caches" (INFOCOM 2003): with
// requests reaching a cache as a Poisson process of rate λ and a TTL of T, the cache misses
// once per renewal cycle of T plus an exponential wait of mean 1/λ: hit ratio λT / (1 + λT),
// query rate λ / (1 + λT).
describe('Poisson clients against Jung, Berger and Balakrishnan (2003)', () => {
  const T = 30 * S;
  const zone = new AuthoritativeZone([{ type: 'A', name: 'lb.example.com', ttlMs: T }]);
  zone.set('lb.example.com', ['up'], 0);
  const always: ReachOracle = { reach: () => Reach.Service, span: () => ({ fromMs: -Infinity, toMs: Infinity, reach: Reach.Service }) };
  const spec: PopulationSpec = {
    clients: 800, periodMs: 60 * S, process: 'poisson', pinMs: 0, failoverShare: 0, timeoutMs: 21 * S,
    resolvers: 400, overstayShare: 0, overstay: constant(0),
  };
  const end = 6 * HOUR;
  const inputs = (pop: Population, seed: number): ModelInputs => ({ pop, zone, name: 'lb.example.com', reach: always, draws: new StreamFamily(seed, 'dns.clients'), startMs: 0, endMs: end, lastChangeMs: 0 });
  /** The theory's queries over the run and its miss ratio, resolver by resolver (λ = its clients / p). */
  const theory = (pop: Population): { queries: number; requests: number } => {
    let queries = 0;
    let requests = 0;
    for (let r = 0; r < pop.spec.resolvers; r++) {
      const lambda = pop.count(r) / pop.spec.periodMs;
      queries += (end * lambda) / (1 + lambda * T);
      requests += end * lambda;
    }
    return { queries, requests };
  };

  it('per-request mode: query rate λ/(1 + λT) and hit ratio λT/(1 + λT)', () => {
    const pop = new Population(spec, new StreamFamily(1, 'dns.population'));
    const sim = new Simulation({ seed: 1 });
    const finish = startPerRequestModel(sim, inputs(pop, 1));
    sim.run({ until: end });
    const out = finish();
    const th = theory(pop);
    // Two clients per resolver on average, so λT is about 1 and the cache misses half the time.
    // About 140,000 queries, one per renewal cycle: relative sd under 0.3%; requests about
    // 288,000, Poisson. Tolerance 4 sd plus 0.5% for whole-ms request times.
    expect(Math.abs(out.dnsQueries / th.queries - 1)).toBeLessThan(4 * 0.003 + 0.005);
    expect(Math.abs(out.requests / th.requests - 1)).toBeLessThan(4 / Math.sqrt(th.requests));
    const hit = 1 - out.dnsQueries / out.requests;
    expect(Math.abs(hit - (1 - th.queries / th.requests))).toBeLessThan(0.01);
    // The same clients requesting strictly periodically do not follow the formula: the law
    // matters (each client's next request is 60 s away, not exponential).
    const periodic = new Population({ ...spec, process: 'periodic' }, new StreamFamily(1, 'dns.population'));
    const sim2 = new Simulation({ seed: 1 });
    const finish2 = startPerRequestModel(sim2, inputs(periodic, 1));
    sim2.run({ until: end });
    expect(Math.abs(finish2().dnsQueries / theory(periodic).queries - 1)).toBeGreaterThan(0.05);
  });

  it('sampled mode: the expected load is the formula, and requests simulated in a window hit the cache as often', () => {
    const pop = new Population(spec, new StreamFamily(2, 'dns.population'));
    const th = theory(pop);
    expect(expectedQueries(inputs(pop, 2)) / th.queries).toBeCloseTo(1, 9);
    // A disturbance covering the whole run: every request simulated.
    const out = runSampledModel(inputs(pop, 2), [{ startMs: 0, recoveredMs: end }]);
    expect(out.window!.requests).toBeGreaterThan(250_000);
    const miss = out.window!.queries / out.window!.requests;
    expect(Math.abs(miss - th.queries / th.requests)).toBeLessThan(0.01);
  });
});
