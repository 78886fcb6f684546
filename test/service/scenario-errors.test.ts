import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError, type Problem } from '../../src/scenario/scenario-error.js';

const HEAD = `name: e
duration: 2d
cloud:
  zones:
    us-east-1a: { hosts: 20 }
fleet:
  lb:  { image: ami-f937d290, count: 1 }
  web: { image: ami-f937d290, count: 3 }
  spare: { image: ami-f937d290, count: 0 }
`;

function problems(body: string, readText?: (p: string) => string): Problem[] {
  try {
    parseScenario(HEAD + body, 'e.yaml', readText === undefined ? {} : { readText });
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

const SERVICE = `service:
  path: lb -> web
  roles:
    lb: { capacity: 5000/s, per: instance }
    web: { capacity: 100/s }
`;

describe('bad service sections are refused with a location', () => {
  it('a path naming an unknown role, or a role without instances', () => {
    expect(problems(`demand: { rate: 10/s }
service:
  path: [lb, wbe, spare]
  roles:
    lb: { capacity: 5000/s }
    wbe: { capacity: 1/s }
    spare: { capacity: 1/s }
`)).toEqual([
      { source: 'e.yaml', line: 12, col: 14, path: 'service.path.1', message: 'unknown role "wbe" (did you mean "web"?); roles: lb, web, spare' },
      { source: 'e.yaml', line: 12, col: 19, path: 'service.path.2', message: 'role "spare" has no instances: give it a count under fleet: or launch it with an action (as: spare)' },
    ]);
  });

  it('zero or negative capacity, zero visits, a role off the path, a missing capacity', () => {
    const ps = problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: 0/s }
    web: { capacity: 100/s, visits: 0 }
    spare: { capacity: 1/s }
`);
    expect(ps.map((p) => [p.line, p.path, p.message])).toEqual([
      [14, 'service.roles.lb.capacity', 'expected a capacity > 0, e.g. 100/s'],
      [15, 'service.roles.web.visits', 'expected a number > 0, got 0'],
    ]);
    // The references between sections are checked once every section is valid on its own.
    expect(problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: 5/s }
    web: { capacity: 100/s }
    spare: { capacity: 1/s }
`).map((p) => [p.line, p.path, p.message])).toEqual([[16, 'service.roles.spare', '"spare" is not on the path (lb -> web): add it to the path or remove it']]);
    expect(problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: -5/s }
    web: { capacity: 100/s }
`)[0]!.message).toContain('must not be negative');
    expect(problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: 5/s }
    spare: { capacity: 1/s }
`).map((p) => p.message)).toEqual([
      'no capacity for "web" on the path: add web: { capacity: 100/s } under service.roles',
      '"spare" is not on the path (lb -> web): add it to the path or remove it',
    ]);
  });

  it('thresholds outside their range, a malformed path, a database in front', () => {
    const ps = problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: 5/s }
    web: { capacity: 5/s }
  sla: { failed_share: 1.5, latency_p95: 0s }
  interval: 100ms
`);
    expect(ps.map((p) => [p.path, p.message])).toEqual([
      ['service.interval', 'expected an interval of at least 1s'],
      ['service.sla.failed_share', 'expected a number <= 1, got 1.5'],
      ['service.sla.latency_p95', 'expected a latency > 0'],
    ]);
    expect(problems(`demand: { rate: 10/s }
service:
  path: "lb => web"
  roles:
    lb: { capacity: 5/s }
`)[0]).toEqual({ source: 'e.yaml', line: 12, col: 9, path: 'service.path.0', message: 'expected a role name; a path is a list [lb, web, db] or roles joined by "->", e.g. "lb -> web -> db"' });
    expect(problems(`demand: { rate: 10/s }
service:
  path: lb -> web
  roles:
    lb: { capacity: 5/s, database: true }
    web: { capacity: 5/s }
`).map((p) => p.message)).toEqual(['the first role on the path is the front end users reach; a database sits behind it']);
  });

  it('demand beyond what whole-request counting holds exactly (a fuzzed multiplier of 2^53 once looped)', () => {
    expect(problems(`demand:
  rate: 10/s
  hourly: ${JSON.stringify([...new Array(23).fill(1), 2 ** 53])}
${SERVICE}`).map((p) => [p.path, p.message])).toEqual([['demand.hourly', 'the peak demand (base rate x the largest hourly multiplier x the spike factors) would be 9.01e+16 requests/s; at most 1e+9/s']]);
    // 10^8/s is allowed for two days (1.7 x 10^13 requests), not for a year (3.2 x 10^15).
    expect(() => parseScenario(HEAD + `demand: { rate: 100000000/s }\n${SERVICE}`, 'e.yaml')).not.toThrow();
    let message = '';
    try {
      parseScenario(HEAD.replace('duration: 2d', 'duration: 1y') + `demand: { rate: 100000000/s }\n${SERVICE}`, 'e.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('demand.rate: at the peak demand (1.00e+8 requests/s) the run would count over 1e+15 requests');
  });

  it('a service with no demand, demand with no service', () => {
    expect(problems(SERVICE).map((p) => p.message)).toEqual(['the service needs demand: give demand.rate (e.g. 500/s), demand.trace, or clients: (their requests are the demand)']);
    expect(problems('demand: { rate: 10/s }\n').map((p) => p.message)).toEqual(["demand needs a service: section (the request path and each role's capacity) to carry it"]);
  });

  it('a profile of the wrong length, a weekday missing, a spike outside the run, a ramp longer than half the spike', () => {
    const ps = problems(`demand:
  rate: 10/s
  hourly: { mon: [1, 1], tue: ${JSON.stringify(new Array(24).fill(1))} }
  spikes:
    - { at: 3d, duration: 1h, factor: 10 }
    - { at: 1d, duration: 1h, factor: 10, ramp: 40m }
${SERVICE}`);
    expect(ps.map((p) => [p.path, p.message])).toEqual([
      ['demand.hourly.mon', 'expected 24 values, one per hour of the day (hour 0 = midnight UTC), got 2 item(s)'],
      ['demand.spikes.1.ramp', 'expected a ramp of at most half the duration (it rises and falls within it)'],
    ]);
    expect(problems(`demand:
  rate: 10/s
  spikes:
    - { at: 3d, duration: 1h, factor: 10 }
${SERVICE}`).map((p) => [p.path, p.message])).toEqual([['demand.spikes.0.at', 'at 3d is not within the run (duration 2d)']]);
    const ps2 = problems(`demand:
  rate: 10/s
  hourly: { tue: ${JSON.stringify(new Array(24).fill(1))} }
  spikes:
    - { at: 3d, duration: 1h, factor: 10 }
${SERVICE}`);
    expect(ps2.map((p) => [p.path, p.message])).toEqual([
      ['demand.hourly', 'no profile for mon: give mon: [24 values] or default: [24 values]'],
    ]);
    const ps3 = problems(`demand:
  rate: 10/s
  spikes:
    - { at: 3d, duration: 1h, factor: 10 }
${SERVICE}`);
    expect(ps3.map((p) => [p.path, p.message])).toEqual([['demand.spikes.0.at', 'at 3d is not within the run (duration 2d)']]);
  });
});

describe('a demand trace is read with every bad row located', () => {
  const body = `demand:
  trace: { csv: counts.csv, interval: 1h, repeat: true }
${SERVICE}`;
  it('negative, missing and out-of-order rows', () => {
    const csv = 'time_s,requests\n0,100\n3600,-5\n7200,\n7200,10\n18000,10\n';
    expect(problems(body, () => csv).map((p) => p.message)).toEqual([
      'counts.csv:3: requests -5 is negative; expected requests >= 0',
      'counts.csv:4: requests "" is missing or not a number',
      'counts.csv:5: time_s 7200 is out of order or repeated: expected 10800 (rows every 1h)',
      'counts.csv:6: time_s 18000 skips rows: expected 14400 (rows every 1h); give a row for every interval, with 0 for none',
    ]);
  });

  it('a header without the columns, a trace shorter than the run', () => {
    expect(problems(body, () => 'when,n\n0,1\n')[0]!.message).toBe('counts.csv:1: expected a header with columns "time_s" (time, s) and "requests" (requests per interval), got when, n; name them with demand.trace.time and demand.trace.count');
    expect(problems(body.replace(', repeat: true', ''), () => 'time_s,requests\n0,1\n3600,2\n')[0]!.message).toBe('counts.csv covers 2h but the run lasts 2d: add rows, shorten duration, or set demand.trace.repeat: true');
  });

  it('a good trace replays its counts', () => {
    const csv = `time_s,requests\n${Array.from({ length: 48 }, (_, h) => `${1_000_000 + h * 3600},${h * 10}`).join('\n')}\n`;
    const { scenario } = parseScenario(HEAD + body, 'e.yaml', { readText: () => csv });
    expect(scenario.demand!.trace!.countsPerInterval).toEqual(Array.from({ length: 48 }, (_, h) => h * 10));
  });
});
