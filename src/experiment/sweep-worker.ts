/**
 * The worker-thread side of `sweep --workers N` and `run --workers N` (compiled to
 * dist/src/experiment/sweep-worker.js and started by `runOnWorkers`). Its workerData
 * holds the scenarios, sent once; it runs the replications it is sent and posts each one's
 * output, its CSV bytes transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from './worker-error.js';
import { runWorkerJob } from './worker-job.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker-protocol.js';

const setup = workerData as WorkerSetup;

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const scenario = setup.scenarios[req.point];
    if (scenario === undefined) throw new Error(`no scenario for point ${req.point}`);
    const r = runWorkerJob(setup, scenario, req);
    res = { job: req.job, output: r.output };
    transfer = r.transfer;
  } catch (e) {
    res = { job: req.job, error: serializeError(e) };
  }
  parentPort?.postMessage(res, transfer);
});
