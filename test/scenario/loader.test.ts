import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError, type Problem } from '../../src/scenario/scenario-error.js';

const GOOD = `name: t
duration: 30d
cloud:
  zones:
    us-east-1a: { hosts: 10 }
faults:
  hardware:
    ttf: { exponential: { mean: 30d } }
    repair: { exponential: { mean: 4h } }
`;

function problems(text: string, set: string[] = [], readText?: (p: string) => string): Problem[] {
  try {
    parseScenario(text, 'test.yaml', { set, ...(readText ? { readText } : {}) });
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('a valid scenario', () => {
  it('normalises units and fills defaults', () => {
    const { scenario, hash } = parseScenario(GOOD, 'test.yaml');
    expect(scenario.duration).toBe(30 * 86_400_000);
    expect(scenario.seed).toBe(1);
    expect(scenario.replications).toBe(1);
    expect(scenario.cloud.zones['us-east-1a']).toEqual({ hosts: 10, host_type: 'xen-2008' });
    expect(scenario.faults.hardware?.ttf).toEqual({ kind: 'exponential', mean: 30 * 86_400_000 });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads JSON as well as YAML', () => {
    const json = JSON.stringify({ name: 'j', duration: '2h', cloud: { zones: { z: { hosts: 1 } } } });
    expect(parseScenario(json, 'j.json').scenario.duration).toBe(7_200_000);
  });

  it('applies --set overrides parsed as YAML', () => {
    const { scenario, overrides } = parseScenario(GOOD, 'test.yaml', {
      set: ['faults.hardware.ttf.exponential.mean=60d', 'replications=3', 'cloud.zones.us-east-1b={hosts: 4}'],
    });
    expect(scenario.faults.hardware?.ttf).toEqual({ kind: 'exponential', mean: 60 * 86_400_000 });
    expect(scenario.replications).toBe(3);
    expect(scenario.cloud.zones['us-east-1b']).toEqual({ hosts: 4, host_type: 'xen-2008' });
    expect(overrides).toHaveLength(3);
  });

  it('reads an empirical distribution from a CSV column relative to the scenario', () => {
    const text = GOOD.replace('{ exponential: { mean: 4h } }', '{ empirical: { csv: repairs.csv, column: hours, unit: h } }');
    const seen: string[] = [];
    const { scenario } = parseScenario(text, 'dir/test.yaml', {
      readText: (p) => {
        seen.push(p);
        return 'host,hours\na,1\nb,3\n';
      },
    });
    expect(seen[0]).toMatch(/dir\/repairs\.csv$/);
    expect(scenario.faults.hardware?.repair).toEqual({ kind: 'empirical', values: [3_600_000, 10_800_000] });
  });
});

describe('every error path names file, line, column, path and what was expected', () => {
  it('bad YAML', () => {
    const [p] = problems('name: x\nduration: [1y\n');
    expect(p).toMatchObject({ source: 'test.yaml', line: 3 });
    expect(p!.message).toMatch(/^invalid YAML: /);
  });

  it('a document that is not a mapping', () => {
    expect(problems('- a\n- b\n')[0]!.message).toContain('expected a mapping');
  });

  it('unknown key, with did-you-mean and the accepted keys', () => {
    const ps = problems(GOOD.replace('{ hosts: 10 }', '{ hosts: 10, rackz: 2 }'));
    expect(ps).toEqual([
      {
        source: 'test.yaml', line: 5, col: 30, path: 'cloud.zones.us-east-1a.rackz',
        message: 'unknown key "rackz" (did you mean "racks"?); expected one of: hosts, racks, host_type',
      },
    ]);
  });

  it('unknown top-level key', () => {
    const [p] = problems(`${GOOD}replicatons: 3\n`);
    expect(p).toMatchObject({ line: 10, col: 1, path: 'replicatons' });
    expect(p!.message).toContain('did you mean "replications"?');
  });

  it('wrong type', () => {
    const [p] = problems(`${GOOD}replications: four\n`);
    expect(p).toEqual({ source: 'test.yaml', line: 10, col: 15, path: 'replications', message: 'expected a number, got "four"' });
  });

  it('out of range', () => {
    const [p] = problems(GOOD.replace('hosts: 10', 'hosts: 0'));
    expect(p).toMatchObject({ line: 5, col: 26, path: 'cloud.zones.us-east-1a.hosts', message: 'expected a number >= 1, got 0' });
  });

  it('missing required key', () => {
    const [p] = problems(GOOD.replace('duration: 30d\n', ''));
    expect(p).toMatchObject({ line: 1, path: 'duration', message: 'missing; expected a string or a number' });
  });

  it('bad unit', () => {
    const [p] = problems(GOOD.replace('mean: 4h', 'mean: 4 hours'));
    expect(p).toMatchObject({ line: 9, col: 36, path: 'faults.hardware.repair.exponential.mean' });
    expect(p!.message).toContain('bad duration "4 hours"');
    expect(p!.message).toContain('ms, s, m, h, d, w, y');
  });

  it('unknown distribution', () => {
    const [p] = problems(GOOD.replace('{ exponential: { mean: 30d } }', '{ exponentail: { mean: 30d } }'));
    expect(p).toMatchObject({ line: 8, path: 'faults.hardware.ttf' });
    expect(p!.message).toContain('unknown distribution "exponentail" (did you mean "exponential"?)');
    expect(p!.message).toContain('exponential, weibull');
  });

  it('several problems are all reported', () => {
    expect(problems(GOOD.replace('hosts: 10', 'hosts: -1').replace('30d\n', '30 days\n'))).toHaveLength(2);
  });

  it('a bad --set is attributed to the override', () => {
    const [p] = problems(GOOD, ['duration=5']);
    expect(p).toMatchObject({ source: '--set duration=5', path: 'duration' });
    expect(p!.message).toContain('add a unit');
    expect(problems(GOOD, ['nonsense'])[0]!.message).toContain('expected PATH=VALUE');
  });

  it('a missing referenced file', () => {
    const text = GOOD.replace('{ exponential: { mean: 4h } }', '{ empirical: { csv: gone.csv, column: t, unit: h } }');
    const [p] = problems(text, [], () => {
      throw new Error('cannot read gone.csv: no such file');
    });
    expect(p).toMatchObject({ line: 9, path: 'faults.hardware.repair', message: 'cannot read gone.csv: no such file' });
  });

  it('a missing scenario file', () => {
    expect(() => loadScenario('/nonexistent/scenario.yaml')).toThrow('/nonexistent/scenario.yaml: cannot read scenario: no such file');
  });
});

describe('clients: request process and sampling', () => {
  const AIDERSS = readFileSync('scenarios/aiderss.yaml', 'utf8');
  it('accepts process: poisson and a sample, with the defaults periodic and none', () => {
    const plain = parseScenario(AIDERSS, 'aiderss.yaml').scenario.clients!;
    expect(plain.process).toBe('periodic');
    expect(plain.sample).toBeUndefined();
    const set = parseScenario(AIDERSS, 'aiderss.yaml', { set: ['clients.process=poisson', 'clients.sample.per_resolver=20'] }).scenario.clients!;
    expect(set.process).toBe('poisson');
    expect(set.sample).toEqual({ per_resolver: 20 });
  });

  it('names the wrong process, a sample of one, and a sample in per-request mode', () => {
    expect(problems(AIDERSS, ['clients.process=bursty'])[0]!.message).toMatch(/periodic.*poisson|poisson.*periodic/);
    const [one] = problems(AIDERSS, ['clients.sample.per_resolver=1']);
    expect(one!.message).toContain('>= 2');
    expect(one!.path).toBe('clients.sample.per_resolver');
    const [p] = problems(AIDERSS, ['clients.sample.per_resolver=10', 'dns.mode=per-request']);
    expect(p!.message).toContain('clients.sample needs dns.mode: sampled');
  });
});
