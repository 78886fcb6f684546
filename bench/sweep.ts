/**
 * Sweep throughput: replications per second of a month-long scenario at --workers 1 and 2,
 * through the library (`planSweep` + `runSweep`, writing nothing). The 2-worker figure is
 * the row's "events/s" column, in runs per second, and the 1-worker figure its reference;
 * the target is a ratio of at least 1.7. Each configuration runs once, cold, as a user's
 * command does: the 1-worker figure includes this thread's JIT warm-up, the 2-worker one
 * each worker's module loading (about 0.3 s here) and warm-up. On a scenario whose runs
 * take some 50 ms that start-up is worth several runs, hence the many replications.
 */
import { availableParallelism } from 'node:os';
import { planSweep, runSweep } from '../src/index.js';
import { formatRate, type BenchEntry, type BenchRow } from './report.js';

/** Runs/s of `replications` runs of `scenario` (with `set`) on `workers` threads. */
async function runsPerSecond(scenario: string, set: readonly string[], replications: number, workers: number): Promise<number> {
  const plan = planSweep({ scenario, vary: [], set, replications });
  const t0 = process.hrtime.bigint();
  const r = await runSweep(plan, { workers });
  return r.runs / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** A sweep benchmark of `scenario` with `set` overrides (e.g. a month: `duration=30d`). */
export function sweepBench(scenario: string, set: readonly string[], replications = 160): BenchEntry {
  return {
    name: 'sweep',
    async run(): Promise<BenchRow[]> {
      const one = await runsPerSecond(scenario, set, replications, 1); // first: this thread is still cold
      const two = await runsPerSecond(scenario, set, replications, 2);
      return [{
        name: 'sweep/workers-2-vs-1',
        workload: `${scenario} ${set.map((s) => `--set ${s}`).join(' ')}, ${replications} runs`,
        eventsPerSec: two,
        referenceEventsPerSec: one,
        target: { metric: 'ratio', min: 1.7 },
        detail: `runs/s: 1 worker ${formatRate(one)}, 2 workers ${formatRate(two)} (${availableParallelism()} cores)`,
      }];
    },
  };
}

/** The month of 10,000 failing hosts, until the DNS issue's aiderss scenario replaces it. */
export const sweepEntry: BenchEntry = sweepBench('scenarios/host-failures.yaml', ['duration=30d']);
