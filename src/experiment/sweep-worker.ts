/**
 * The worker-thread side of a sweep (compiled to dist/src/experiment/sweep-worker.js and
 * started by `runSweep` with --workers > 1). It loads each point's scenario once, from the
 * same file and overrides as the main thread, and runs the replications it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../scenario/loader.js';
import type { Scenario } from '../scenario/schema.js';
import { runReplication } from './replication.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker-protocol.js';

const setup = workerData as WorkerSetup;
const scenarios = new Map<number, Scenario>();

function scenarioOf(point: number): Scenario {
  let s = scenarios.get(point);
  if (s === undefined) {
    const loaded = loadScenario(setup.file, { set: setup.sets[point] ?? [] });
    if (loaded.hash !== setup.hash) throw new Error(`${setup.file} changed while the sweep was running; start it again`);
    s = loaded.scenario;
    scenarios.set(point, s);
  }
  return s;
}

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { job: req.job, output: runReplication(scenarioOf(req.point), setup.seed, req.replication) };
  } catch (e) {
    res = { job: req.job, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort?.postMessage(res);
});
