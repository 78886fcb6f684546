import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeError } from './worker-error.js';
import type { WorkerOutput, WorkerRequest, WorkerResponse, WorkerSetup } from './worker-protocol.js';

/**
 * The compiled worker script: `sweep-worker.js` beside this module when it is compiled
 * (dist/bundle/, which the package ships, or dist/src/experiment/), else
 * dist/src/experiment/sweep-worker.js under the package root, found by walking up (this
 * module then runs from src/ under vitest). Worker threads cannot load TypeScript: run
 * `npm run build` first (the tests do it when dist/ is older than src/).
 */
export function sweepWorkerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) {
    const sibling = join(dirname(here), 'sweep-worker.js');
    if (existsSync(sibling)) return pathToFileURL(sibling);
  }
  let dir = dirname(here);
  for (;;) {
    const compiled = join(dir, 'dist', 'src', 'experiment', 'sweep-worker.js');
    if (existsSync(join(dir, 'package.json')) && existsSync(compiled)) return pathToFileURL(compiled);
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('sweep workers run compiled code, and dist/src/experiment/sweep-worker.js is missing: run npm run build');
    dir = up;
  }
}

/**
 * Runs `requests` on `workers` worker threads, each taking the next job as soon as it is
 * free, but never more than `maxAhead` requests past the earliest one not yet finished
 * (so a caller that writes results in request order holds at most that many). `onResult`
 * is called as jobs finish (in any order). Resolves when all are done; rejects on the
 * first error (a job's own, of its class and with its message, as in this thread), after
 * stopping every worker.
 */
export function runOnWorkers(
  setup: WorkerSetup,
  requests: readonly WorkerRequest[],
  workers: number,
  onResult: (job: number, output: WorkerOutput) => void,
  maxAhead = Infinity,
): Promise<void> {
  const url = sweepWorkerUrl();
  return new Promise((resolvePool, rejectPool) => {
    const pool: Worker[] = [];
    const idle: Worker[] = [];
    const finishedAt = new Uint8Array(requests.length);
    const indexOf = new Map<number, number>(requests.map((r, i) => [r.job, i]));
    let next = 0;
    let lowest = 0;
    let done = 0;
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      rejectPool(e);
    };
    const feed = (w: Worker): void => {
      if (next >= requests.length) return;
      if (next - lowest >= maxAhead) {
        idle.push(w);
        return;
      }
      w.postMessage(requests[next++]!);
    };
    const n = Math.max(1, Math.min(workers, requests.length));
    if (requests.length === 0) {
      resolvePool();
      return;
    }
    for (let i = 0; i < n; i++) {
      // Node's own options are inherited, but `node --input-type=module -e ...` would fail every
      // worker ("--input-type can only be used with string input"): then the worker gets none.
      const execArgv = workerExecArgv();
      const w = new Worker(url, execArgv === undefined ? { workerData: setup } : { workerData: setup, execArgv });
      pool.push(w);
      w.on('message', (res: WorkerResponse) => {
        if (failed) return;
        if ('error' in res) {
          fail(deserializeError(res.error)); // the error the job would have thrown in this thread
          return;
        }
        try {
          onResult(res.job, res.output);
        } catch (e) {
          fail(e as Error);
          return;
        }
        finishedAt[indexOf.get(res.job) ?? 0] = 1;
        while (lowest < requests.length && finishedAt[lowest] === 1) lowest++;
        done++;
        if (done === requests.length) {
          failed = true; // nothing more to do; ignore the workers' exits
          Promise.all(pool.map((p) => p.terminate())).then(() => resolvePool(), rejectPool);
          return;
        }
        feed(w);
        for (let k = idle.length; k > 0 && next - lowest < maxAhead; k--) feed(idle.shift()!);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!failed) fail(new Error(`a worker thread exited with code ${code} before its jobs were done`));
      });
      feed(w);
    }
  });
}

/**
 * The Node options for a worker: inherited (undefined) as Node does by default, except when
 * this process runs a script given on the command line (`--input-type`, `-e`, `-p`), which a
 * worker refuses: then none.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] | undefined {
  const inline = argv.some((a) => a.startsWith('--input-type') || a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a.startsWith('--eval=') || a.startsWith('--print='));
  return inline ? [] : undefined;
}
