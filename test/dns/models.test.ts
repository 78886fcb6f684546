import { describe, expect, it } from 'vitest';
import { Simulation, StreamFamily } from '../../src/engine/index.js';
import { constant } from '../../src/engine/distributions.js';
import { runSampledModel, startPerRequestModel, expectedQueries, type ModelInputs } from '../../src/dns/models.js';
import { Population, type PopulationSpec } from '../../src/dns/population.js';
import { Reach, type ReachOracle } from '../../src/dns/reach.js';
import { AuthoritativeZone } from '../../src/dns/zone.js';

const S = 1000;
const F = 3600 * S; // the front end dies at 1 h

/** `old` serves until F; `new` serves from `upMs`; `other` always serves; a dead address may go to a tenant at `foreignFromMs`. */
function oracle(upMs: number, foreignFromMs = Infinity): ReachOracle {
  return {
    reach(ip, t) {
      if (ip === 'old') return t < F ? Reach.Service : t >= foreignFromMs ? Reach.Foreign : Reach.Dead;
      if (ip === 'new') return t >= upMs ? Reach.Service : Reach.Dead;
      return Reach.Service;
    },
  };
}

/** The same oracle, also telling the span over which each answer holds (lets the sampled model take whole periods in bulk). */
function spanning(upMs: number, foreignFromMs = Infinity): ReachOracle {
  const base = oracle(upMs, foreignFromMs);
  const bounds = (ip: string): number[] => (ip === 'old' ? [F, foreignFromMs] : ip === 'new' ? [upMs] : []);
  return {
    reach: base.reach,
    span(ip, t) {
      let from = -Infinity;
      let to = Infinity;
      for (const b of bounds(ip)) {
        if (b <= t) from = Math.max(from, b);
        else to = Math.min(to, b);
      }
      return { fromMs: from, toMs: to, reach: base.reach(ip, t) };
    },
  };
}

function spec(over: Partial<PopulationSpec>): PopulationSpec {
  return { clients: 20_000, periodMs: 1 * S, pinMs: 0, failoverShare: 0, timeoutMs: 21 * S, resolvers: 2000, overstayShare: 0, overstay: constant(0), ...over };
}

function inputs(zone: AuthoritativeZone, pop: Population, reach: ReachOracle, lastChangeMs: number, endMs = 3 * 3600 * S): ModelInputs {
  return { pop, zone, name: 'lb.example.com', reach, draws: new StreamFamily(1, 'dns-model'), startMs: 0, endMs, lastChangeMs };
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
};

describe('one A record against theory', () => {
  // TTL T, resolvers honouring it and asked every ~0.1 s, the record updated U after the
  // failure. Each resolver's next fetch after F + U is uniform on [0, T] later (renewal with
  // period T and a uniform phase), so a client's outage is U + T/2 on average, give or take
  // the request period. Outages of a resolver's clients move together, so the sample size is
  // the number of resolvers: sd of the mean = T / sqrt(12 R).
  const T = 60 * S;
  const U = 120 * S;
  const zone = new AuthoritativeZone([{ type: 'A', name: 'lb.example.com', ttlMs: T }]);
  zone.set('lb.example.com', ['old'], 0);
  zone.set('lb.example.com', ['new'], F + U);

  it('mean outage is U + T/2 in the sampled model', () => {
    const pop = new Population(spec({}), new StreamFamily(1, 'pop'));
    const out = runSampledModel(inputs(zone, pop, oracle(F + U), F + U), [{ startMs: F, recoveredMs: F + U }]);
    expect(out.log.outageMs.length).toBe(pop.spec.clients);
    const sd = T / Math.sqrt(12 * pop.spec.resolvers);
    expect(Math.abs(mean(out.log.outageMs) - (U + T / 2))).toBeLessThan(4 * sd + pop.spec.periodMs);
    expect(out.log.outageCensored.some(Boolean)).toBe(false);
    expect(out.log.misdirectedRequests).toBe(0);
  });

  it('taking whole periods in bulk changes nothing: the same outages and counts as request by request', () => {
    const pop = new Population(spec({ clients: 4000, resolvers: 400 }), new StreamFamily(1, 'pop'));
    const slow = runSampledModel(inputs(zone, pop, oracle(F + U, F + 30 * S), F + U), [{ startMs: F, recoveredMs: F + U }]);
    const bulk = runSampledModel(inputs(zone, pop, spanning(F + U, F + 30 * S), F + U), [{ startMs: F, recoveredMs: F + U }]);
    expect(bulk.log.failedRequests).toBe(slow.log.failedRequests);
    expect(bulk.log.misdirectedRequests).toBe(slow.log.misdirectedRequests);
    expect(bulk.log.failedRequests).toBeGreaterThan(0);
    expect([...bulk.log.outageMs]).toEqual([...slow.log.outageMs]);
    expect([...bulk.log.outageClient]).toEqual([...slow.log.outageClient]);
  });

  it('a tenant holding the old address turns failures into misdirected requests', () => {
    const pop = new Population(spec({ clients: 2000, resolvers: 200 }), new StreamFamily(1, 'pop'));
    const out = runSampledModel(inputs(zone, pop, oracle(F + U, F + 30 * S), F + U), [{ startMs: F, recoveredMs: F + U }]);
    expect(out.log.misdirectedRequests).toBeGreaterThan(0);
    expect(out.log.misdirectedRequests).toBeLessThan(out.log.failedRequests);
  });

  it('DNS load is one query per resolver per TTL', () => {
    const pop = new Population(spec({}), new StreamFamily(1, 'pop'));
    const inp = inputs(zone, pop, oracle(F + U), F + U);
    const q = expectedQueries(inp);
    const perSecond = q / ((inp.endMs - inp.startMs) / S);
    // T is a multiple of the request period, so the client whose request filled the cache
    // is back exactly at expiry: no wait, one query per TTL per resolver that has clients.
    let withClients = 0;
    for (let r = 0; r < pop.spec.resolvers; r++) if (pop.count(r) > 0) withClients++;
    expect(withClients).toBeGreaterThan(1990);
    expect(perSecond).toBeCloseTo(withClients / 60, 6);
  });
});

describe('two A records (Mogulus)', () => {
  const T = 7200 * S;
  const zone = new AuthoritativeZone([{ type: 'A', name: 'lb.example.com', ttlMs: T }]);
  zone.set('lb.example.com', ['old', 'other'], 0);
  const end = F + 600 * S;

  it('with every client failing over, no request fails: some are only slower', () => {
    const pop = new Population(spec({ clients: 4000, resolvers: 400, failoverShare: 1, periodMs: 10 * S }), new StreamFamily(1, 'pop'));
    const out = runSampledModel(inputs(zone, pop, oracle(Infinity), F, end), [{ startMs: F, recoveredMs: Infinity }]);
    expect(out.log.failedRequests).toBe(0);
    expect(out.log.outageMs).toHaveLength(0);
    // Half the answers put the dead address first: those requests wait for the timeout.
    const inWindow = pop.spec.clients * ((end - F) / pop.spec.periodMs);
    expect(Math.abs(out.log.slowRequests / inWindow - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / inWindow) + 0.01);
  });

  it('with none failing over, about half the requests fail until caches turn over', () => {
    const pop = new Population(spec({ clients: 4000, resolvers: 400, periodMs: 10 * S }), new StreamFamily(1, 'pop'));
    const out = runSampledModel(inputs(zone, pop, oracle(Infinity), F, end), [{ startMs: F, recoveredMs: Infinity }]);
    const inWindow = pop.spec.clients * ((end - F) / pop.spec.periodMs);
    expect(Math.abs(out.log.failedRequests / inWindow - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / inWindow) + 0.01);
    expect(out.log.slowRequests).toBe(0);
  });
});

describe('the two modes agree', () => {
  // A small population, simulated request by request over the whole run in the engine, and
  // in windows by the sampled model. Same scenario, independent randomness: the mean
  // outages agree within the sampling error of resolvers' residual TTLs.
  const T = 300 * S;
  const U = 90 * S;
  const zone = new AuthoritativeZone([
    { type: 'CNAME', name: 'www.example.com', ttlMs: 3600 * S, target: 'lb.example.com' },
    { type: 'A', name: 'lb.example.com', ttlMs: T },
  ]);
  zone.set('lb.example.com', ['old'], 0);
  zone.set('lb.example.com', ['new'], F + U);
  const popSpec = spec({ clients: 3000, resolvers: 300, periodMs: 20 * S, pinMs: 60 * S, overstayShare: 0.2, overstay: constant(120 * S) });
  const end = 2 * 3600 * S;

  it('mean outage, failed requests and DNS queries', () => {
    const pop = new Population(popSpec, new StreamFamily(1, 'pop'));
    const base = { ...inputs(zone, pop, oracle(F + U), F + U, end), name: 'www.example.com' };
    const sampled = runSampledModel({ ...base, draws: new StreamFamily(2, 'a') }, [{ startMs: F, recoveredMs: F + U }]);
    const sim = new Simulation({ seed: 1 });
    const finish = startPerRequestModel(sim, { ...base, draws: new StreamFamily(3, 'b') });
    sim.run({ until: end });
    const exact = finish();
    const a = mean(sampled.log.outageMs);
    const b = mean(exact.log.outageMs);
    // Per resolver the outage varies over about its lifetime (T, or T + 120 s): sd of a
    // mean over 300 resolvers ~ 420 s / sqrt(12 x 300) = 7 s; the difference of two means ~ 10 s.
    expect(Math.abs(a - b)).toBeLessThan(4 * 10 * S);
    expect(Math.abs(sampled.log.failedRequests - exact.log.failedRequests) / exact.log.failedRequests).toBeLessThan(0.1);
    expect(Math.abs(sampled.dnsQueries - exact.dnsQueries) / exact.dnsQueries).toBeLessThan(0.05);
    expect(sampled.requests).toBe(exact.requests);
  });

  it('the same with Poisson clients (outage, failed requests, DNS queries, requests)', () => {
    const pop = new Population({ ...popSpec, process: 'poisson' }, new StreamFamily(1, 'pop'));
    const base = { ...inputs(zone, pop, oracle(F + U), F + U, end), name: 'www.example.com' };
    const sampled = runSampledModel({ ...base, draws: new StreamFamily(2, 'a') }, [{ startMs: F, recoveredMs: F + U }]);
    const sim = new Simulation({ seed: 1 });
    const finish = startPerRequestModel(sim, { ...base, draws: new StreamFamily(3, 'b') });
    sim.run({ until: end });
    const exact = finish();
    expect(Math.abs(mean(sampled.log.outageMs) - mean(exact.log.outageMs))).toBeLessThan(4 * 10 * S);
    expect(Math.abs(sampled.log.failedRequests - exact.log.failedRequests) / exact.log.failedRequests).toBeLessThan(0.1);
    // Queries: with a pin the Poisson renewal gap is approximated (n re-resolutions per pin + p).
    expect(Math.abs(sampled.dnsQueries - exact.dnsQueries) / exact.dnsQueries).toBeLessThan(0.05);
    // Requests: expected in the sampled mode, counted in per-request mode (Poisson: sd sqrt(n)).
    expect(Math.abs(sampled.requests - exact.requests)).toBeLessThan(4 * Math.sqrt(exact.requests));
  });
});

describe('sorting outage durations', () => {
  it('the radix sort agrees with the built-in sort', async () => {
    const { sortInPlace } = await import('../../src/metrics/quantiles.js');
    const f = new StreamFamily(5, 'sort');
    const s = f.stream(0);
    const a = Float64Array.from({ length: 200_000 }, () => Math.floor(s() * 4e9));
    const b = Float64Array.from(a).sort();
    expect(sortInPlace(a)).toEqual(b);
    const c = Float64Array.from({ length: 100_000 }, () => s() * 10);
    expect(sortInPlace(Float64Array.from(c))).toEqual(c.sort());
  });
});
