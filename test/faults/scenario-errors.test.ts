import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError, type Problem } from '../../src/scenario/scenario-error.js';

const HEAD = `name: e
duration: 30d
cloud:
  zones:
    us-east-1a: { hosts: 80, racks: 4 }
    us-east-1b: { hosts: 10 }
faults:
`;

function problems(faults: string, set: string[] = []): Problem[] {
  try {
    parseScenario(HEAD + faults, 'e.yaml', { set });
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('bad faults sections are refused with a location', () => {
  it('an outage in an unknown zone, a rack the zone lacks, an unknown host, a time after the end', () => {
    const ps = problems(`  outages:
    - { at: 12d, zone: us-east-1c, duration: 3h }
    - { at: 5d, zone: us-east-1a, rack: 4, duration: 1h }
    - { at: 5d, host: us-east-1b-h00010, duration: 1h }
    - { at: 40d, zone: us-east-1b, duration: 1h }
`);
    expect(ps).toEqual([
      { source: 'e.yaml', line: 9, col: 24, path: 'faults.outages.0.zone', message: 'unknown zone "us-east-1c" (did you mean "us-east-1a"?); known: us-east-1a, us-east-1b' },
      { source: 'e.yaml', line: 10, col: 41, path: 'faults.outages.1.rack', message: 'zone us-east-1a has 4 rack(s), numbered 0 to 3' },
      { source: 'e.yaml', line: 11, col: 23, path: 'faults.outages.2.host', message: 'no host us-east-1b-h00010: zone us-east-1b has 10 host(s), us-east-1b-h00000 to us-east-1b-h00009' },
      { source: 'e.yaml', line: 12, col: 13, path: 'faults.outages.3.at', message: 'at 40d is after the end of the run (duration 30d)' },
    ]);
  });

  it('an outage that says neither where nor both ways, and a zero duration', () => {
    expect(problems('  outages: [{ at: 1d, duration: 1h }]\n')).toMatchObject([
      { line: 8, path: 'faults.outages.0', message: 'say where: zone (a power outage), zone and rack (a rack failure), or host' },
    ]);
    expect(problems('  outages: [{ at: 1d, duration: 1h, zone: us-east-1a, host: us-east-1a-h1 }]\n')).toMatchObject([
      { line: 8, path: 'faults.outages.0.host', message: 'give either host, or zone (with an optional rack), not both' },
    ]);
    expect(problems('  outages: [{ at: 1d, duration: 1h, rack: 2 }]\n')).toMatchObject([
      { line: 8, path: 'faults.outages.0.rack', message: 'a rack is numbered within its zone: give zone too' },
    ]);
    expect(problems('  outages: [{ at: 1d, duration: 0, zone: us-east-1a }]\n')).toMatchObject([
      { line: 8, path: 'faults.outages.0.duration', message: 'expected a duration > 0, e.g. 3h' },
    ]);
  });

  it('maintenance with neither period nor windows, an unknown policy, and a bad window', () => {
    expect(problems('  maintenance: { duration: 2h }\n')).toMatchObject([
      { line: 8, path: 'faults.maintenance', message: 'give every (periodic maintenance) or schedule (maintenance windows), or both' },
    ]);
    const [p] = problems('  maintenance: { every: 90d, duration: 2h, policy: live-migration }\n');
    expect(p).toMatchObject({ line: 8, path: 'faults.maintenance.policy' });
    expect(p!.message).toContain('live-migrate');
    expect(problems('  maintenance:\n    duration: 2h\n    schedule:\n      - { at: 1d, zone: us-east-1a, rack: 9 }\n')).toMatchObject([
      { line: 11, path: 'faults.maintenance.schedule.0.rack', message: 'zone us-east-1a has 4 rack(s), numbered 0 to 3' },
    ]);
  });

  it('a failure process whose cycles always last 0 ms', () => {
    expect(problems('  hardware: { ttf: 0, repair: 0 }\n')).toMatchObject([
      { line: 8, path: 'faults.hardware', message: 'ttf and repair are both always 0: give one of them a positive duration' },
    ]);
  });

  it('an unknown key in a fault process, and a --set that names an unknown zone', () => {
    const ps = problems('  rack_failures: { every: { exponential: { mean: 1y } }, durations: 1h }\n');
    expect(ps.find((p) => p.path === 'faults.rack_failures.durations')).toMatchObject({
      line: 8, message: 'unknown key "durations" (did you mean "duration"?); expected one of: every, duration',
    });
    expect(problems('  outages: [{ at: 1d, zone: us-east-1a, duration: 1h }]\n', ['faults.outages.0.zone=eu-west-1a'])).toMatchObject([
      { source: '--set faults.outages.0.zone=eu-west-1a', path: 'faults.outages.0.zone' },
    ]);
  });
});
