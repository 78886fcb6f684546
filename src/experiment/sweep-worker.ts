/**
 * The worker-process side of `sweep --workers N` and `run --workers N` (compiled to
 * dist/src/experiment/sweep-worker.js and forked by `runOnWorkers`). Its first message
 * holds the setup (the scenarios, sent once); it runs the replications it is sent and sends
 * each one's output back. It exits when the main process closes the channel (or dies).
 */
import { serializeError } from './worker-error.js';
import { runWorkerJob } from './worker-job.js';
import type { WorkerMessage, WorkerResponse, WorkerSetup } from './worker-protocol.js';

let setup: WorkerSetup | undefined;

process.on('message', (m: WorkerMessage) => {
  if ('setup' in m) {
    setup = m.setup;
    return;
  }
  const req = m.request;
  let res: WorkerResponse;
  try {
    const scenario = setup?.scenarios[req.point];
    if (scenario === undefined || setup === undefined) throw new Error(`no scenario for point ${req.point}`);
    res = { job: req.job, output: runWorkerJob(setup, scenario, req).output };
  } catch (e) {
    res = { job: req.job, error: serializeError(e) };
  }
  process.send?.(res);
});

process.on('disconnect', () => process.exit(0));
