import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deserializeError } from './worker-error.js';
import type { WorkerMessage, WorkerOutput, WorkerRequest, WorkerResponse, WorkerSetup } from './worker-protocol.js';

/**
 * The compiled worker script: `sweep-worker.js` beside this module when it is compiled
 * (dist/bundle/, which the package ships, beside the library and cli.cjs; or
 * dist/src/experiment/), else
 * dist/src/experiment/sweep-worker.js under the package root, found by walking up (this
 * module then runs from src/ under vitest). Workers cannot load TypeScript: run
 * `npm run build` first (the tests do it when dist/ is older than src/).
 */
export function sweepWorkerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js') || here.endsWith('.cjs')) {
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
 * Runs `requests` on `workers` worker processes (child processes of this one, running
 * sweep-worker.js), each taking the next job as soon as it is free, but never more than
 * `maxAhead` requests past the earliest one not yet finished (so a caller that writes
 * results in request order holds at most that many). `onResult` is called as jobs finish
 * (in any order). Resolves when all are done; rejects on the first error (a job's own, of
 * its class and with its message, as in this thread), after stopping every worker.
 *
 * Processes, not threads: on two cores, two worker threads cost a third more CPU than one
 * thread doing all the work, since V8's helper threads of each (parallel scavenges,
 * concurrent marking and compiling) then compete with the other worker's main thread. A
 * worker process runs V8 with `--single-threaded` (no helper threads; its own GC and
 * compiler in its one thread), so each worker's work stays on its own core.
 */
export function runOnWorkers(
  setup: WorkerSetup,
  requests: readonly WorkerRequest[],
  workers: number,
  onResult: (job: number, output: WorkerOutput) => void,
  maxAhead = Infinity,
): Promise<void> {
  const script = fileURLToPath(sweepWorkerUrl());
  return new Promise((resolvePool, rejectPool) => {
    const pool: ChildProcess[] = [];
    const idle: ChildProcess[] = [];
    const finishedAt = new Uint8Array(requests.length);
    const indexOf = new Map<number, number>(requests.map((r, i) => [r.job, i]));
    let next = 0;
    let lowest = 0;
    let done = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of pool) if (w.exitCode === null && w.signalCode === null) w.kill();
    };
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      rejectPool(e);
    };
    const send = (w: ChildProcess, m: WorkerMessage): void => {
      w.send(m, (e) => {
        if (e !== null && e !== undefined) fail(e);
      });
    };
    const feed = (w: ChildProcess): void => {
      if (next >= requests.length) return;
      if (next - lowest >= maxAhead) {
        idle.push(w);
        return;
      }
      send(w, { request: requests[next++]! });
    };
    const n = Math.max(1, Math.min(workers, requests.length));
    if (requests.length === 0) {
      resolvePool();
      return;
    }
    for (let i = 0; i < n; i++) {
      const w = fork(script, [], {
        execArgv: workerProcessArgv(),
        serialization: 'advanced', // typed arrays and Maps, as structured cloning sends them
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
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
          Promise.all(pool.map((p) => new Promise<void>((ok) => {
            if (p.exitCode !== null || p.signalCode !== null) ok();
            else {
              p.once('exit', () => ok());
              p.disconnect(); // the worker exits when its channel closes
            }
          }))).then(() => resolvePool(), rejectPool);
          return;
        }
        feed(w);
        for (let k = idle.length; k > 0 && next - lowest < maxAhead; k--) feed(idle.shift()!);
      });
      w.on('error', fail);
      w.on('exit', (code, signal) => {
        if (!failed) fail(new Error(`a worker process exited (${signal ?? `code ${code}`}) before its jobs were done${code === 134 || signal === 'SIGABRT' ? ': out of memory? fewer --workers would need less' : ''}`));
      });
      send(w, { setup });
      feed(w);
    }
  });
}

/** Node options for a worker process: this process's own (see `workerExecArgv`), and V8 in one thread. */
export function workerProcessArgv(argv: readonly string[] = process.execArgv): string[] {
  const own = workerExecArgv(argv) ?? [...argv];
  return own.includes('--single-threaded') ? own : [...own, '--single-threaded'];
}

/**
 * The Node options a worker inherits: this process's (undefined), except when this process
 * runs a script given on the command line (`--input-type`, `-e`, `-p`), which a worker
 * running a file refuses: then none.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] | undefined {
  const inline = argv.some((a) => a.startsWith('--input-type') || a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a.startsWith('--eval=') || a.startsWith('--print='));
  return inline ? [] : undefined;
}
