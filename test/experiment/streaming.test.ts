import { describe, expect, it } from 'vitest';
import type { ResultsSink } from '../../src/metrics/results-sink.js';
import type { Cell } from '../../src/metrics/table.js';
import { runScenario, runScenarioInto } from '../../src/experiment/run-scenario.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { planSweep } from '../../src/experiment/sweep-plan.js';
import { runSweepInto } from '../../src/experiment/run-sweep.js';

/** A sink that records the order of calls, and reads each part's rows lazily when it is appended. */
class Recorder implements ResultsSink {
  readonly calls: string[] = [];
  append(name: string, _columns: readonly string[], rows: Iterable<readonly Cell[]>): void {
    let n = 0;
    for (const _ of rows) n++;
    this.calls.push(`${name}:${n}`);
  }
  file(path: string): void {
    this.calls.push(`file:${path}`);
  }
  endUnit(unit: number): void {
    this.calls.push(`end:${unit}`);
  }
}

const { scenario } = loadScenario('test/fixtures/tiny.yaml');

describe('results reach the sink replication by replication', () => {
  it('run: each replication is appended and ended before the next one starts, in order', () => {
    const sink = new Recorder();
    const seen: number[] = [];
    runScenarioInto(scenario, sink, { replications: 3, onReplication: (done) => seen.push(sink.calls.filter((c) => c.startsWith('end:')).length - done) });
    expect(seen).toEqual([0, 0, 0]); // replication k's end came before replication k+1 ran
    const ends = sink.calls.filter((c) => c.startsWith('end:'));
    expect(ends).toEqual(['end:0', 'end:1', 'end:2']);
    expect(sink.calls[0]).toBe('summary:1');
    expect(sink.calls).toContain('file:describe/2/0.txt');
  });

  it('runScenario in memory gives the same tables the sink receives', () => {
    const r = runScenario(scenario, { replications: 2 });
    expect(r.tables[0]!.name).toBe('summary');
    expect(r.tables[0]!.rows.map((row) => row[1])).toEqual([0, 1]);
    expect([...r.files.keys()]).toEqual(['describe/0/0.txt', 'describe/1/0.txt']);
  });

  it('sweep: jobs reach the sink in job order; a resume skips the jobs already done, which must come first', async () => {
    const plan = planSweep({ scenario: 'test/fixtures/tiny.yaml', vary: ['cloud.zones.us-east-1a.hosts=2,3'], replications: 3, workers: 1 });
    const sink = new Recorder();
    await runSweepInto(plan, sink, { workers: 1, done: new Set([0, 1]) });
    expect(sink.calls.filter((c) => c.startsWith('end:'))).toEqual(['end:2', 'end:3', 'end:4', 'end:5']);
    await expect(runSweepInto(plan, new Recorder(), { workers: 1, done: new Set([1]) })).rejects.toThrow('the jobs already done must come first');
  });
});
