import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { runScenarioParallel } from '../../src/experiment/run-parallel.js';
import { deserializeError, serializeError } from '../../src/experiment/worker-error.js';
import { ResultsError } from '../../src/experiment/results-error.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { Table } from '../../src/metrics/table.js';
import { ensureDist } from '../cli/ensure-dist.js';

beforeAll(() => ensureDist(), 120_000);

const { scenario } = loadScenario('test/fixtures/tiny.yaml');

describe('runScenarioParallel', () => {
  it('returns the tables and files runScenario returns, on 2 workers (rows, not CSV bytes)', async () => {
    const want = runScenario(scenario, { replications: 3 });
    const seen: number[] = [];
    const got = await runScenarioParallel(scenario, { replications: 3, workers: 2, onReplication: (done, _t, o) => seen.push(done * 10 + o.replication) });
    expect(seen).toEqual([10, 21, 32]); // in replication order
    const plain = (ts: readonly Table[]): Table[] => ts.map((t) => ({ name: t.name, columns: [...t.columns], rows: t.rows }));
    expect(plain(got.tables)).toEqual(plain(want.tables)); // runScenario keeps a lazy table lazy (addresses.csv)
    expect([...got.files]).toEqual([...want.files]);
    expect(got.events).toBe(want.events);
  }, 60_000);

  it('an error in a worker is the error the replication throws in this thread', async () => {
    // A scenario made by hand whose price list was never read: building it throws.
    const bad = { ...scenario, pricing: { kind: 'ref', ref: 'nowhere' } } as unknown as Scenario;
    let inThread: unknown;
    try {
      runScenario(bad, { replications: 2 });
    } catch (e) {
      inThread = e;
    }
    expect(inThread).toBeInstanceOf(Error);
    expect((inThread as Error).message).toContain('was never read');
    const onWorkers = await runScenarioParallel(bad, { replications: 2, workers: 2 }).then(() => undefined, (e: unknown) => e);
    expect(onWorkers).toBeInstanceOf(Error);
    expect((onWorkers as Error).constructor).toBe((inThread as Error).constructor);
    expect((onWorkers as Error).message).toBe((inThread as Error).message);
  }, 60_000);
});

describe('errors across threads', () => {
  it('keep their class and message (what the command line reports and its exit status)', () => {
    const cases: Error[] = [
      new ScenarioError([{ source: 'a.yaml', line: 3, col: 5, path: 'fleet.web.count', message: 'too many' }], 4),
      new ResultsError('not a results folder'),
      new RangeError('Invalid array length'),
      new TypeError('x is not a function'),
      new Error('plain'),
    ];
    for (const e of cases) {
      const back = deserializeError(structuredClone(serializeError(e)));
      expect(back.constructor).toBe(e.constructor);
      expect(back.message).toBe(e.message);
      expect(back.stack).toBe(e.stack);
    }
    const s = deserializeError(structuredClone(serializeError(cases[0]))) as ScenarioError;
    expect(s.problems).toEqual((cases[0] as ScenarioError).problems);
    expect(s.total).toBe(4);
  });
});

describe('worker options', () => {
  it('are inherited, but none when this process runs a script from the command line (a worker refuses --input-type)', async () => {
    const { workerExecArgv } = await import('../../src/experiment/worker-pool.js');
    expect(workerExecArgv(['--max-old-space-size=4096', '--expose-gc'])).toBeUndefined();
    expect(workerExecArgv(['--max-old-space-size=4096', '--input-type=module', '-e', 'code()'])).toEqual([]);
    expect(workerExecArgv(['--eval=x'])).toEqual([]);
  });
});
