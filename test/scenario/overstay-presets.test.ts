import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { OVERSTAY_PRESETS } from '../../src/scenario/overstay-presets.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

const HOUR = 3_600_000;
const load = (...set: string[]) => loadScenario('scenarios/aiderss.yaml', { set }).scenario;

describe('overstay presets', () => {
  it('the default is bhowmick-2023: 8.74% of resolvers (measured), by a log-normal of median 1 h (assumed)', () => {
    expect(load().dns!.resolvers.overstay).toEqual({ share: 0.0874, by: { kind: 'lognormal', median: HOUR, sigma: 1 } });
    expect(load('dns.resolvers.overstay=bhowmick-2023').dns!.resolvers.overstay).toEqual(load().dns!.resolvers.overstay);
  });

  it('each preset reads as its share and amount; every one names its source', () => {
    for (const [name, p] of Object.entries(OVERSTAY_PRESETS)) {
      expect(load(`dns.resolvers.overstay=${name}`).dns!.resolvers.overstay).toEqual({ share: p.share, by: p.by });
      expect(p.source.length).toBeGreaterThan(20);
    }
    expect(OVERSTAY_PRESETS['honour-ttl'].share).toBe(0);
    expect(OVERSTAY_PRESETS['bhowmick-2023-15m'].by).toEqual({ kind: 'lognormal', median: HOUR / 4, sigma: 1 });
    expect(OVERSTAY_PRESETS['bhowmick-2023-6h'].by).toEqual({ kind: 'lognormal', median: 6 * HOUR, sigma: 1 });
  });

  it('an unknown preset is refused with the names it could be', () => {
    let message = '';
    try {
      load('dns.resolvers.overstay=bhowmik-2023');
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      message = e.problems.map((p) => p.message).join('\n');
    }
    expect(message).toContain('unknown overstay preset "bhowmik-2023" (did you mean "bhowmick-2023"?); expected one of honour-ttl, bhowmick-2023, bhowmick-2023-15m, bhowmick-2023-6h');
  });

  it('the amount sets the tail: with the same draws, a longer median gives a longer worst outage; none gives about U + T', () => {
    const small = ['replications=1', 'duration=13d', 'dns.resolvers.count=500', 'clients.count=5000'];
    const tail = (preset: string) => {
      const t = runScenario(load(...small, `dns.resolvers.overstay=${preset}`)).tables[0]!;
      const get = (c: string) => t.rows[0]![t.columns.indexOf(c)] as number;
      return { max: get('outage_max_s'), p99: get('outage_p99_s') };
    };
    const [none, short, mid, long] = ['honour-ttl', 'bhowmick-2023-15m', 'bhowmick-2023', 'bhowmick-2023-6h'].map(tail);
    expect(short!.max).toBeLessThan(mid!.max);
    expect(mid!.max).toBeLessThan(long!.max);
    expect(none!.max).toBeLessThan(short!.max);
    // Honouring TTLs, a client is back within detection (90 s) + boot + update (30 s) + the 60 s TTL,
    // plus at most one request interval and its own pinning (0): under 10 minutes here.
    expect(none!.max).toBeLessThan(600);
  });
});
