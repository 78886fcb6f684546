import { describe, expect, it } from 'vitest';
import { parseShard, shardFromEnv, shardRange } from '../../src/experiment/shard.js';
import { jobOf, sweepGrid } from '../../src/experiment/sweep-grid.js';
import { planSweep } from '../../src/experiment/sweep-plan.js';
import { parseVaries, parseVary, splitValues } from '../../src/experiment/vary.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

const SCENARIO = 'test/fixtures/sweep-small.yaml';

describe('--vary and the grid', () => {
  it('splits values on top-level commas only', () => {
    expect(splitValues('30s, 60s,5m')).toEqual(['30s', '60s', '5m']);
    expect(splitValues('[a, b],{x: 1, y: 2},"p,q"')).toEqual(['[a, b]', '{x: 1, y: 2}', '"p,q"']);
    expect(parseVary('dns.records.1.ttl=30s,1h')).toMatchObject({ path: 'dns.records.1.ttl', values: ['30s', '1h'] });
  });

  it('refuses malformed options with the option named', () => {
    expect(() => parseVary('ttl')).toThrow('--vary ttl: expected PATH=V1,V2');
    expect(() => parseVary('a=1,,2')).toThrow('empty value');
    expect(() => parseVary('a=1,1')).toThrow('"1" is listed twice');
    expect(() => parseVary('seed=1,2')).toThrow('use --seed');
    expect(() => parseVary('replications=1,2')).toThrow('use --replications');
    expect(() => parseVaries(['a=1', 'a=2'])).toThrow('a is varied twice');
  });

  it('orders points like nested loops, the first --vary outermost', () => {
    const grid = sweepGrid(parseVaries(['a=1,2', 'b=x,y,z']));
    expect(grid.map((p) => p.values.join(''))).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
    expect(sweepGrid([])).toEqual([{ index: 0, values: [] }]);
    expect(jobOf(7, 3)).toEqual({ point: 2, replication: 1 });
  });
});

describe('shards', () => {
  it('parses K/N and slices the jobs into contiguous ranges that cover them once', () => {
    expect(parseShard('2/3')).toMatchObject({ index: 2, count: 3 });
    expect(() => parseShard('0/3')).toThrow('K must be from 1 to N');
    expect(() => parseShard('4/3')).toThrow('K must be from 1 to N');
    expect(() => parseShard('two')).toThrow('expected K/N');
    for (const total of [0, 1, 7, 30]) {
      for (const count of [1, 3, 8]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(total, { index: i + 1, count, from: 'test' }));
        expect(ranges[0]!.start).toBe(0);
        expect(ranges.at(-1)!.end).toBe(total);
        ranges.forEach((r, i) => {
          if (i > 0) expect(r.start).toBe(ranges[i - 1]!.end);
          expect(r.end - r.start).toBeGreaterThanOrEqual(Math.floor(total / count));
          expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(total / count));
        });
      }
    }
  });

  it('reads Slurm job arrays and Kubernetes Indexed Jobs', () => {
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toMatchObject({ index: 1, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '10', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '10' })).toMatchObject({ index: 10, count: 10 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '3' })).toMatchObject({ index: 3, count: 3 });
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '3' })).toThrow('SLURM_ARRAY_TASK_COUNT is not');
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', EPHEMERA_SHARD_COUNT: '5' })).toMatchObject({ index: 3, count: 5, from: 'JOB_COMPLETION_INDEX' });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).toThrow('EPHEMERA_SHARD_COUNT is not');
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '5', EPHEMERA_SHARD_COUNT: '5' })).toThrow('not below');
  });
});

describe('planSweep', () => {
  it('validates every point and numbers the jobs', () => {
    const plan = planSweep({ scenario: SCENARIO, vary: ['cloud.zones.us-east-1a.hosts=30,40', 'faults.hardware.repair.exponential.mean=2h,8h'], replications: 2 });
    expect(plan.points.map((p) => p.values)).toEqual([['30', '2h'], ['30', '8h'], ['40', '2h'], ['40', '8h']]);
    expect(plan.points[3]!.scenario.cloud.zones['us-east-1a']!.hosts).toBe(40);
    expect(plan).toMatchObject({ name: 'sweep-small', replications: 2, seed: 1, jobs: 8, start: 0, end: 8 });
    expect(planSweep({ scenario: SCENARIO, vary: [], shard: { index: 2, count: 2, from: 'test' } })).toMatchObject({ jobs: 3, start: 1, end: 3 });
  });

  it('a bad value is a located error naming its --vary, each bad value once', () => {
    let err: unknown;
    try {
      planSweep({ scenario: SCENARIO, vary: ['faults.hardware.repair.exponential.mean=2h,soon', 'cloud.zones.us-east-1a.hosts=30,40'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const problems = (err as ScenarioError).problems;
    expect(problems).toHaveLength(1);
    expect((err as Error).message).toMatch(/^--vary faults\.hardware\.repair\.exponential\.mean=2h,soon \(value soon\): faults\.hardware\.repair\.exponential\.mean: bad duration/);
  });

  it('refuses a --set of a varied path, and malformed --vary', () => {
    expect(() => planSweep({ scenario: SCENARIO, vary: ['cloud.zones.us-east-1a.hosts=30,40'], set: ['cloud.zones.us-east-1a.hosts=5'] })).toThrow('sets the same value');
    expect(() => planSweep({ scenario: SCENARIO, vary: ['hosts'] })).toThrow(ScenarioError);
  });
});
