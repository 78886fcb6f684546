import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import { ScenarioError, type Problem } from '../../src/scenario/scenario-error.js';
import { FaultKind } from '../../src/faults/fault.js';
import { replayTrace } from '../../src/faults/trace-replay.js';
import { faultWorld, HOUR } from './fault-world.js';

const SCENARIO = `name: trace
duration: 10d
cloud:
  zones:
    us-east-1a: { hosts: 50 }
    us-east-1b: { hosts: 5 }
faults:
  report: all
  trace: traces/hosts.csv
`;

function load(csv: string, text = SCENARIO) {
  const read: string[] = [];
  const loaded = parseScenario(text, 'scenarios/trace.yaml', { readText: (p) => { read.push(p); return csv; } });
  return { ...loaded, read };
}

function problems(csv: string, text = SCENARIO): Problem[] {
  try {
    load(csv, text);
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('a failure trace', () => {
  it('replays exactly: each host goes down and comes back at the listed times', () => {
    const w = faultWorld([{ name: 'a', hosts: 4, racks: 1 }]);
    const rows = [
      { host: 'a-h00002', startMs: 2 * HOUR, endMs: 3 * HOUR, kind: FaultKind.HardwareFailure, line: 2 },
      { host: 'a-h00000', startMs: 1000, endMs: 1500, kind: FaultKind.Maintenance, line: 3 },
      { host: 'a-h00002', startMs: 3 * HOUR, endMs: 4 * HOUR, kind: FaultKind.PowerOutage, line: 4 }, // touches the first
      { host: 'a-h00002', startMs: 5 * HOUR, endMs: 5 * HOUR, kind: FaultKind.HardwareFailure, line: 5 }, // zero length
    ];
    replayTrace(w.sim, w.cloud, w.ledger, rows, () => ({ kind: 'terminate' }));
    expect(w.sim.pending).toBe(2); // one pending event per host
    w.sim.run();
    expect(w.log).toEqual([
      'down a-h00000 maintenance @1000',
      'up a-h00000 @1500',
      `down a-h00002 hardware-failure @${2 * HOUR}`,
      `up a-h00002 @${3 * HOUR}`,
      `down a-h00002 power-outage @${3 * HOUR}`,
      `up a-h00002 @${4 * HOUR}`,
      `down a-h00002 hardware-failure @${5 * HOUR}`,
      `up a-h00002 @${5 * HOUR}`,
    ]);
  });

  it('is read relative to the scenario and its rows become faults.csv rows', () => {
    const csv = 'host,start_s,end_s,kind,comment\n# a comment line\nus-east-1a-h00042,3600,7200,,fan\nus-east-1b-h1,0.5,10,maintenance,\n\nus-east-1a-h00042,7200,9000,power-outage,\n';
    const { scenario, read } = load(csv);
    expect(read).toEqual([resolve('scenarios/traces/hosts.csv')]);
    const r = build(scenario, 1).run();
    expect(r.tables.find((t) => t.name === 'faults')!.rows).toEqual([
      [0.5, 'maintenance', 'us-east-1b-h00001', 1, 0, 0, 0, 9.5, null, null],
      [3600, 'hardware-failure', 'us-east-1a-h00042', 1, 0, 0, 0, 3600, null, null],
      [7200, 'power-outage', 'us-east-1a-h00042', 1, 0, 0, 0, 1800, null, null],
    ]);
    const s = new Map(r.summary);
    expect(s.get('host_failures')).toBe(1);
    expect(s.get('host_downtime_s')).toBe(3600 + 1800 + 9.5);
  });

  it('refuses bad rows with the trace file and line, at the scenario line that names it', () => {
    const csv = [
      'host,start_s,end_s,kind',
      'us-east-1a-h00001,100,50,hardware-failure', // 2: end before start
      'us-east-1a-h00050,0,10,', // 3: zone a has 50 hosts (0..49)
      'us-east-1c-h00001,0,10,', // 4: unknown zone
      'web-1,0,10,', // 5: not a host id
      'us-east-1a-h00002,ten,10,', // 6: not a number
      'us-east-1a-h00003,0,10,meteor', // 7: unknown kind
      'us-east-1a-h00004,0,100,', // 8
      'us-east-1a-h4,50,150,', // 9: overlaps line 8 (same host, unpadded)
    ].join('\n');
    const ps = problems(csv);
    for (const p of ps) expect(p).toMatchObject({ source: 'scenarios/trace.yaml', line: 9, path: 'faults.trace' });
    expect(ps.map((p) => p.message)).toEqual([
      'traces/hosts.csv:2: end_s 50 is before start_s 100',
      'traces/hosts.csv:3: no host us-east-1a-h00050: zone us-east-1a has 50 host(s), us-east-1a-h00000 to us-east-1a-h00049',
      'traces/hosts.csv:4: host us-east-1c-h00001: unknown zone "us-east-1c" (did you mean "us-east-1a"?); known: us-east-1a, us-east-1b',
      'traces/hosts.csv:5: host "web-1" is not a host id like us-east-1a-h00042',
      'traces/hosts.csv:6: start_s "ten" is not a number of seconds >= 0',
      'traces/hosts.csv:7: unknown kind "meteor"; expected one of hardware-failure, maintenance, power-outage, rack-failure',
      'traces/hosts.csv:9: us-east-1a-h00004 is down 50-150 s (line 9), overlapping 0-100 s (line 8); merge or fix the intervals',
    ]);
  });

  it('reads the trace with the one CSV reader: quoted cells and comments, a stray quote located', () => {
    const ok = '\ufeff# exported from the archive\nhost,start_s,end_s,kind,note\n"us-east-1a-h00001", 0 ,10,maintenance,"rack 3, slot 2"\n';
    expect(() => load(ok)).not.toThrow();
    expect(problems('host,start_s,end_s\nus-east-1a-h00001,0,10\nus-east-1a-h00002,"0"x,10\n').map((p) => p.message)).toEqual([
      'traces/hosts.csv:3: a quoted cell goes on after its closing quote: quote the whole cell, and double a quote inside it ("")',
    ]);
  });

  it('refuses a missing column, an empty file and a missing file', () => {
    expect(problems('host,start,end_s\nus-east-1a-h00001,0,1\n').map((p) => p.message)).toEqual([
      'traces/hosts.csv:1: no column "start_s" in the header (columns: host, start, end_s); expected host,start_s,end_s[,kind]',
    ]);
    expect(problems('\n').map((p) => p.message)).toEqual(['traces/hosts.csv: the file is empty; expected a header row: host,start_s,end_s,kind']);
    const p = (() => {
      try {
        parseScenario(SCENARIO, 'scenarios/trace.yaml', { readText: (f) => { throw new Error(`cannot read ${f}: no such file`); } });
      } catch (e) {
        return (e as ScenarioError).problems;
      }
      return [];
    })();
    expect(p).toEqual([{ source: 'scenarios/trace.yaml', line: 9, col: 10, path: 'faults.trace', message: `cannot read ${resolve('scenarios/traces/hosts.csv')}: no such file` }]);
  });

  it('reports at most 10 problems of one trace, then how many more', () => {
    const csv = ['host,start_s,end_s', ...Array.from({ length: 14 }, (_, i) => `us-east-1a-h${i},10,5`)].join('\n');
    const ps = problems(csv);
    expect(ps).toHaveLength(11);
    expect(ps[10]!.message).toBe('traces/hosts.csv: 4 more problem(s) not shown');
  });
});
