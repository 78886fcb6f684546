/**
 * Sweep speed-up: `ephemera sweep` of a month-long scenario as a user runs it, whole
 * processes, with --workers 1, with --workers 2, and with --workers 1 under
 * `node --single-threaded` (one core: V8's compiler and garbage collector in the same
 * thread), in turn, `runs` times; the rows are each turn's ratios (median, min-max), so they
 * hold while the machine's speed drifts. Every configuration starts cold, as a command does:
 * the 1-worker sweep runs in the command's own thread and compiles the model there, each of
 * the 2 workers is a process of its own that compiles it again.
 *
 * (Before 2026-12-02 this bench ran the 1-worker sweep in the bench's own, already warm thread and
 * the 2-worker sweep on new workers, which made 2 workers look slower than 1.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runCli } from './child-process.js';
import { median, type BenchEntry, type BenchRow } from './report.js';

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

/** A sweep benchmark (named `name`): `ephemera sweep <scenario> -r <replications>` with `set` overrides (e.g. `duration=30d`). */
export function sweepBench(scenario: string, set: readonly string[], replications: number, name = 'sweep'): BenchEntry {
  return {
    name,
    async run(runs: number): Promise<BenchRow[]> {
      const dir = mkdtempSync(join(tmpdir(), 'ephemera-bench-sweep-'));
      const args = (workers: number, out: string): string[] => [
        'sweep', scenario, '--replications', String(replications), '--workers', String(workers), '--quiet', '--out', join(dir, out),
        ...set.flatMap((s) => ['--set', s]),
      ];
      const one: number[] = [];
      const two: number[] = [];
      const core: number[] = [];
      const cores: number[] = [];
      try {
        for (let i = 0; i < runs; i++) {
          process.stderr.write(`  ${name} ${i + 1}/${runs} ...\n`);
          one.push(runCli(args(1, 'w1')).wallMs);
          two.push(runCli(args(2, 'w2')).wallMs);
          core.push(runCli(args(1, 'w1-core'), ['--single-threaded']).wallMs);
          cores.push(await parallelism());
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const range = (xs: readonly number[], digits: number): string => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
      const workload = `ephemera sweep ${scenario} ${set.map((s) => `--set ${s} `).join('')}-r ${replications}`;
      const seconds = (xs: readonly number[]): string => range(xs.map((x) => x / 1000), 2);
      return [
        {
          name: `${name}/workers-2-vs-1`,
          workload: `${workload}: wall --workers 1 / --workers 2, run by run`,
          runs: two.map((t, i) => one[i]! / t),
          unit: 'ratio',
          targets: { ratio: 1.8 },
          detail: `whole processes, median (min-max) of ${runs}: --workers 1 ${seconds(one)} s, --workers 2 ${seconds(two)} s; ${availableParallelism()} cores, a CPU loop gets ${range(cores, 2)}x on 2 threads meanwhile (below 2: other processes compete)`,
        },
        {
          name: `${name}/workers-2-vs-1-core`,
          workload: `${workload}: wall --workers 1 on one core / --workers 2, run by run`,
          runs: two.map((t, i) => core[i]! / t),
          unit: 'ratio',
          detail: `--workers 1 under node --single-threaded ${seconds(core)} s (no code cache under a V8 flag): the speed-up over one core (each worker process runs V8 single-threaded)`,
        },
      ];
    },
  };
}

/** The issue's target: the AideRSS month, 16 runs. */
export const sweepEntry: BenchEntry = sweepBench('scenarios/aiderss.yaml', [], 16);
