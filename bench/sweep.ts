/**
 * Sweep throughput: replications per second of a month-long scenario at --workers 1 and 2,
 * through the library (`planSweep` + `runSweep`, writing nothing). The 2-worker figure is
 * the row's "events/s" column, in runs per second, and the 1-worker figure its reference;
 * the target is a ratio of at least 1.7. Each configuration runs once, cold, as a user's
 * command does: the 1-worker figure includes this thread's JIT warm-up, the 2-worker one
 * each worker's module loading (about 0.3 s here) and warm-up, which on runs of some 50 ms
 * is worth many runs (see `sweepHostFailuresEntry`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { planSweep, runSweep } from '../src/index.js';
import type { BenchEntry, BenchRow } from './report.js';

/** Runs/s of `replications` runs of `scenario` (with `set`) on `workers` threads. */
async function runsPerSecond(scenario: string, set: readonly string[], replications: number, workers: number): Promise<number> {
  const plan = planSweep({ scenario, vary: [], set, replications });
  const t0 = process.hrtime.bigint();
  const r = await runSweep(plan, { workers });
  return r.runs / (Number(process.hrtime.bigint() - t0) / 1e9);
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
    async run(): Promise<BenchRow[]> {
      const one = await runsPerSecond(scenario, set, replications, 1); // first: this thread is still cold
      const two = await runsPerSecond(scenario, set, replications, 2);
      const cores = await parallelism();
      return [{
        name: `${name}/workers-2-vs-1`,
        workload: `${scenario} ${set.map((s) => `--set ${s}`).join(' ')}, ${replications} runs`,
        runs: [two / one],
        unit: 'ratio',
        targets: { ratio: 1.7 },
        detail: `runs/s: 1 worker ${one.toFixed(2)}, 2 workers ${two.toFixed(2)} (one cold run each, in this process); ${availableParallelism()} cores, a CPU loop gets ${cores.toFixed(2)}x on 2 threads now (below 2: other processes compete)`,
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
