import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

const HEAD = `name: e
duration: 2d
cloud:
  zones:
    us-east-1a: { hosts: 20 }
fleet:
  lb:  { image: ami-f937d290, count: 1 }
  web: { image: ami-f937d290 }
  db:  { image: ami-5a1f3c27, type: m1.large }
  tools: { image: ami-f937d290 }
demand: { rate: 100/s }
service:
  path: lb -> web -> db
  roles:
    lb: { capacity: 5000/s, per: instance }
    web: { capacity: 100/s }
    db: { capacity: 300/s, database: true }
autoscaling:
`;

function messages(body: string): [string, string][] {
  try {
    parseScenario(HEAD + body, 'e.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map((p) => [p.path, p.message]);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('bad autoscaling sections are refused with a location', () => {
  it('min above max, desired outside them', () => {
    expect(messages('  web: { min: 5, max: 3 }\n')).toEqual([['autoscaling.web.min', 'min (5) is above max (3)']]);
    expect(messages('  web: { min: 1, max: 3, desired: 7 }\n')).toEqual([['autoscaling.web.desired', 'desired (7) must be within min and max (1..3)']]);
  });

  it('a target of 0 or above 100% utilization, a bad latency target, a cooldown or period of 0', () => {
    expect(messages(`  web:
    min: 1
    max: 3
    cooldown: 0s
    policies:
      - target_tracking: { metric: cpu, target: 0 }
      - target_tracking: { metric: cpu, target: 120% }
      - target_tracking: { metric: latency_p95, target: 0.2 }
      - target_tracking: { metric: requests_per_instance, target: 50/s, period: 0s }
`)).toEqual([
      ['autoscaling.web.cooldown', "expected a cooldown > 0 (EC2's default is 300s; use 1s for almost none)"],
      ['autoscaling.web.policies.3.target_tracking.period', 'expected a period > 0, e.g. 1m'],
    ]);
    // Targets are checked against their metric once every section is valid on its own.
    expect(messages(`  web:
    min: 1
    max: 3
    policies:
      - target_tracking: { metric: cpu, target: 0 }
      - target_tracking: { metric: cpu, target: 120% }
      - target_tracking: { metric: latency_p95, target: 0.2 }
`)).toEqual([
      ['autoscaling.web.policies.0.target_tracking.target', 'expected a CPU utilization above 0 and at most 1 (e.g. 0.6 or "60%"), got 0'],
      ['autoscaling.web.policies.1.target_tracking.target', 'expected a CPU utilization above 0 and at most 1 (e.g. 0.6 or "60%"), got "120%"'],
      ['autoscaling.web.policies.2.target_tracking.target', 'expected a latency above 0 with a unit (e.g. "250ms"), got 0.2'],
    ]);
  });

  it('a group on a role the request path does not name, on the front end, on a database, on an unknown role', () => {
    expect(messages('  tools: { min: 1, max: 3 }\n')).toEqual([['autoscaling.tools', '"tools" is not on the service path (lb -> web -> db): a group scales a tier that requests visit']]);
    expect(messages('  lb: { min: 1, max: 3 }\n')[0]![1]).toBe('"lb" is the front end, reached through DNS and replaced by recovery; groups scale the tiers behind it');
    expect(messages('  db: { min: 1, max: 3 }\n')[0]![1]).toBe('"db" is a database (its instances hold data and restore it at boot); groups scale stateless tiers');
    expect(messages('  wbe: { min: 1, max: 3 }\n')[0]![1]).toMatch(/^"wbe" is not a fleet role \(did you mean "web"\?\)/);
  });

  it('a scheduled time outside the run, a scheduled capacity outside the bounds, steps that go the wrong way', () => {
    expect(messages(`  web:
    min: 1
    max: 5
    policies:
      - scheduled: { at: [{ at: 3d, desired: 4 }], daily: [{ at: 8h, desired: 9 }, { at: 25h, desired: 2 }] }
      - step: { metric: cpu, upper: 0.3, lower: 0.8, out: -1, in: +2 }
`)).toEqual([
      ['autoscaling.web.policies.0.scheduled.daily.1.at', 'expected a time of day under 24h, e.g. 8h or 20h30m'],
      ['autoscaling.web.policies.1.step.out', 'expected a step up, e.g. +2 or +20%'],
      ['autoscaling.web.policies.1.step.in', 'expected a step down, e.g. -1 or -10%'],
    ]);
    expect(messages(`  web:
    min: 1
    max: 5
    policies:
      - scheduled: { at: [{ at: 3d, desired: 4 }], daily: [{ at: 8h, desired: 9 }] }
      - step: { metric: cpu, upper: 0.3, lower: 0.8, out: +1, in: -2 }
`)).toEqual([
      ['autoscaling.web.policies.0.scheduled.at.0.at', 'at 3d is after the end of the run (duration 2d)'],
      ['autoscaling.web.policies.0.scheduled.daily.0.desired', 'desired (9) must be within min and max (1..5)'],
      ['autoscaling.web.policies.1.step.lower', 'lower (0.8) must be below upper (0.3)'],
    ]);
  });

  it('a fleet count that contradicts the group', () => {
    const text = HEAD.replace('  web: { image: ami-f937d290 }', '  web: { image: ami-f937d290, count: 6 }') + '  web: { min: 2, max: 5, desired: 3 }\n';
    expect(() => parseScenario(text, 'e.yaml')).toThrow('fleet.web.count: the group launches 3 (autoscaling.web.desired) at the start: drop count here or make it 3');
  });
});
