/**
 * Runs one measurement in a child process of its own, so that its memory figure (the
 * child's peak resident set, from the operating system's accounting) belongs to it alone and
 * no earlier row's garbage or JIT state is in it. The child prints `@@{json}` on stderr.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ChildResult<T> {
  /** Wall time of the whole child process, spawn to exit, ms. */
  readonly wallMs: number;
  /** Peak resident set of the child, bytes. */
  readonly maxRssBytes: number;
  readonly payload: T;
}

function run<T>(args: readonly string[], what: string): ChildResult<T> {
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const marker = /@@(\{.*\})\s*$/.exec(child.stderr);
  if (child.status !== 0 || marker === null) throw new Error(`${what} failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const info = JSON.parse(marker[1]!) as { maxRSS: number; payload: T };
  return { wallMs, maxRssBytes: info.maxRSS * 1024, payload: info.payload };
}

/** `ephemera ARGS` as a user starts it (bin/ephemera.js loads the bundle and calls main), in a child process. */
export function runCli(args: readonly string[]): ChildResult<{ code: number }> {
  const main = pathToFileURL(resolve('dist/bundle/ephemera.js')).href;
  const script = `const { main } = await import(${JSON.stringify(main)});
const code = await main(${JSON.stringify(args)});
process.stderr.write('\\n@@' + JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, payload: { code } }) + '\\n');`;
  const r = run<{ code: number }>(['--input-type=module', '-e', script], `ephemera ${args.join(' ')}`);
  if (r.payload.code !== 0) throw new Error(`ephemera ${args.join(' ')} exited ${r.payload.code}`);
  return r;
}

/** One job of bench/child.ts in a child process (with --expose-gc). */
export function runJob<T>(job: string, options: unknown): ChildResult<T> {
  return run<T>(['--expose-gc', resolve('dist/bench/child.js'), job, JSON.stringify(options)], `bench job ${job}`);
}
