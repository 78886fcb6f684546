/**
 * Sweep throughput: replications per second of a month-long scenario at --workers 1 and 2,
 * through the library (`planSweep` + `runSweepInto`) into a results folder in a temporary
 * directory, as `ephemera sweep` writes it (so both configurations format the CSV: the 1-
 * worker one in this thread, the 2-worker one in its workers). The two run in turn, 1 then
 * 2, `runs` times, and the row's figure is each pair's ratio (median, min-max): neighbouring
 * runs, so the ratio holds while the machine's speed drifts. The first 1-worker run includes
 * this thread's JIT warm-up; every 2-worker run starts its workers anew (module loading and
 * warm-up in each, as a user's command does), which on runs of some 50 ms is worth many
 * runs (see `sweepHostFailuresEntry`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FolderSink, planSweep, runSweepInto } from '../src/index.js';
import { median, type BenchEntry, type BenchRow } from './report.js';

/** Runs/s of `replications` runs of `scenario` (with `set`) on `workers` threads, into a results folder under `dir` (then removed). */
async function runsPerSecond(scenario: string, set: readonly string[], replications: number, workers: number, dir: string): Promise<number> {
  const plan = planSweep({ scenario, vary: [], set, replications });
  const folder = FolderSink.open(join(dir, `w${workers}`));
  try {
    const t0 = process.hrtime.bigint();
    const r = await runSweepInto(plan, folder, { workers });
    return r.runs / (Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    folder.abort();
  }
}

const SPIN = `let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; require('node:worker_threads').parentPort.postMessage(x);`;

/**
 * How many cores this process gets right now: the speed-up of a pure CPU loop on two
 * threads over one (2.0 on an idle two-core machine; less when other processes compete).
 */
async function parallelism(): Promise<number> {
  const spin = async (n: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(SPIN, { eval: true });
      w.once('message', () => void w.terminate().then(() => resolve()));
      w.once('error', reject);
    })));
    return Number(process.hrtime.bigint() - t0);
  };
  const one = await spin(1);
  return (2 * one) / (await spin(2));
}

/** A sweep benchmark (named `name`) of `replications` runs of `scenario` with `set` overrides (e.g. `duration=30d`). */
export function sweepBench(scenario: string, set: readonly string[], replications: number, name = 'sweep'): BenchEntry {
  return {
    name,
    async run(runs: number): Promise<BenchRow[]> {
      const dir = mkdtempSync(join(tmpdir(), 'ephemera-bench-sweep-'));
      const one: number[] = [];
      const two: number[] = [];
      const cores: number[] = [];
      try {
        for (let i = 0; i < runs; i++) {
          one.push(await runsPerSecond(scenario, set, replications, 1, dir)); // the first: this thread is still cold
          two.push(await runsPerSecond(scenario, set, replications, 2, dir));
          cores.push(await parallelism());
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const range = (xs: readonly number[]): string => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
      return [{
        name: `${name}/workers-2-vs-1`,
        workload: `${scenario} ${set.map((s) => `--set ${s}`).join(' ')}, ${replications} runs`,
        runs: two.map((t, i) => t / one[i]!),
        unit: 'ratio',
        targets: { ratio: 1.8 },
        detail: `runs/s, median (min-max) of ${runs}: 1 worker ${range(one)}, 2 workers ${range(two)}, in turn in this process, into a results folder; ${availableParallelism()} cores, a CPU loop gets ${range(cores)}x on 2 threads meanwhile (below 2: other processes compete)`,
      }];
    },
  };
}

/** The issue's target: the AideRSS month (about 1 s a run), 16 runs. */
export const sweepEntry: BenchEntry = sweepBench('scenarios/aiderss.yaml', [], 16);

/**
 * The month of 10,000 failing hosts (about 50 ms a run), 160 runs. Runs this short are
 * dominated by each worker's start-up: loading the modules, and compiling the model anew
 * while both cores are busy (V8 optimises in background threads), so 2 workers reach
 * about 1.3-1.5 times 1 here.
 */
export const sweepHostFailuresEntry: BenchEntry = sweepBench('scenarios/host-failures.yaml', ['duration=30d'], 160, 'sweep-host-failures');
