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

/**
 * `ephemera ARGS` as a user starts it (bin/ephemera.js: the bundle loaded with its code
 * cache, then main), in a child process, under Node options `nodeOptions` (V8 rejects the
 * code cache under any V8 flag: the bundle then compiles, some 50 ms more).
 */
export function runCli(args: readonly string[], nodeOptions: readonly string[] = []): ChildResult<{ code: number; ownMaxRssBytes: number }> {
  const loader = pathToFileURL(resolve('bin/cli-loader.js')).href;
  // The memory of the whole command: its own peak resident set, or, while it has worker
  // processes, the sum of its and theirs, read from /proc every 10 ms (the largest sum seen;
  // Linux). The operating system keeps no peak of a sum.
  const script = `import { readFileSync, readdirSync } from 'node:fs';
const rssKb = (pid) => { try { return Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))?.[1] ?? 0); } catch { return 0; } };
const children = () => { try { return readdirSync('/proc/self/task').flatMap((t) => readFileSync('/proc/self/task/' + t + '/children', 'utf8').trim().split(/\\s+/).filter(Boolean)); } catch { return []; } };
let peakSumKb = 0;
const poll = setInterval(() => { const kids = children(); if (kids.length > 0) peakSumKb = Math.max(peakSumKb, rssKb('self') + kids.reduce((a, k) => a + rssKb(k), 0)); }, 10);
const { loadCli } = await import(${JSON.stringify(loader)});
const { main } = loadCli();
const code = await main(${JSON.stringify(args)});
clearInterval(poll);
const own = process.resourceUsage().maxRSS;
process.stderr.write('\\n@@' + JSON.stringify({ maxRSS: Math.max(own, peakSumKb), payload: { code, ownMaxRssBytes: own * 1024 } }) + '\\n');`;
  const r = run<{ code: number; ownMaxRssBytes: number }>([...nodeOptions, '--input-type=module', '-e', script], `ephemera ${args.join(' ')}`);
  if (r.payload.code !== 0) throw new Error(`ephemera ${args.join(' ')} exited ${r.payload.code}`);
  return r;
}

/** A compiled bench script (`dist/bench/<name>.js`) with `args`, in a child process of its own. */
export function runScript<T>(name: string, args: readonly string[]): ChildResult<T> {
  return run<T>([resolve(`dist/bench/${name}.js`), ...args], `bench script ${name}`);
}

/** One job of bench/child.ts in a child process (with --expose-gc). */
export function runJob<T>(job: string, options: unknown): ChildResult<T> {
  return run<T>(['--expose-gc', resolve('dist/bench/child.js'), job, JSON.stringify(options)], `bench job ${job}`);
}
