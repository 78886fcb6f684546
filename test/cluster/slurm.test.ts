import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from '../cli/ensure-dist.js';

// examples/slurm-sweep.sh on a real Slurm: a one-node cluster on localhost (Debian's
// slurm-wlm and munge; test/cluster/slurm-cluster.sh starts and stops it). The example is
// submitted as a user would (bash examples/slurm-sweep.sh, then sbatch --array=K for one
// task), and the merged folder must be the bytes of the same sweep on one machine.
// .ci/run installs the packages and sets EPHEMERA_SLURM_TEST=require, so there a missing
// Slurm fails; elsewhere the test is skipped, saying why.
const CLUSTER = resolve('test/cluster/slurm-cluster.sh');
const DAEMONS = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'squeue'];
const PATHS = (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
const missing = DAEMONS.filter((d) => !PATHS.some((p) => existsSync(join(p, d))));
const required = process.env['EPHEMERA_SLURM_TEST'] === 'require';
const TIMEOUT_MS = 300_000;
const SWEEP = { SCENARIO: 'scenarios/host-failures.yaml', VARY: 'faults.hardware.repair.exponential.mean=2h,8h', REPLICATIONS: '2', SHARDS: '3', CPUS: '1' };
// Passed through the example to ephemera sweep: a month instead of a year, to keep it fast.
const EXTRA = ['--set', 'duration=30d'];

if (missing.length > 0 && !required) {
  console.warn(`skipping the Slurm integration test: ${missing.join(', ')} not installed (apt-get install slurm-wlm munge; .ci/run does)`);
}

/** Two free TCP ports on localhost, for slurmctld and slurmd. */
async function freePorts(): Promise<[number, number]> {
  const one = (): Promise<number> => new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? res(address.port) : rej(new Error('no port'))));
    });
  });
  const a = await one();
  let b = await one();
  while (b === a) b = await one();
  return [a, b];
}

/** Every file under `dir`, by relative path, with its bytes as text. */
function folder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A results folder without manifest.json's `command` (which names how it was made). */
function withoutCommand(files: Map<string, string>): Map<string, string> {
  const m = JSON.parse(files.get('manifest.json') ?? '{}') as Record<string, unknown>;
  delete m['command'];
  return new Map([...files, ['manifest.json', JSON.stringify(m)]]);
}

describe.skipIf(missing.length > 0 && !required)('the Slurm example on a one-node cluster', () => {
  const work = mkdtempSync(join(tmpdir(), 'ephemera-slurm-'));
  chmodSync(work, 0o755); // munged wants every folder above its socket open to all
  const clusterDir = join(work, 'cluster');
  const out = join(work, 'results');
  const logs = join(work, 'logs');
  let env: NodeJS.ProcessEnv = {};
  let started = false;

  const sh = (args: string[], extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> =>
    spawnSync(args[0]!, args.slice(1), { encoding: 'utf8', env: { ...env, ...extraEnv }, timeout: TIMEOUT_MS });
  const ok = (r: SpawnSyncReturns<string>, what: string): string => {
    if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}${r.signal === null ? '' : `, ${r.signal}`}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  /** Blocks until job `id` (every task, for an array) has left the queue. */
  const waitFor = (id: string): void => {
    ok(sh(['bash', CLUSTER, 'wait', clusterDir, id, String(TIMEOUT_MS / 1000 - 60)]), `waiting for job ${id}`);
  };
  /** Submits with sbatch, returning the job id. */
  const submit = (args: string[], extraEnv: Record<string, string>): string =>
    ok(sh(['sbatch', '--parsable', ...args], extraEnv), `sbatch ${args.join(' ')}`).trim().split(';')[0]!;
  /** `JobState ExitCode` of each task of job `id`, from scontrol. */
  const states = (id: string): string[] =>
    ok(sh(['scontrol', '--oneliner', 'show', 'job', id]), `scontrol show job ${id}`).trim().split('\n')
      .map((line) => `${/JobState=(\S+)/.exec(line)?.[1]} ${/ExitCode=(\S+)/.exec(line)?.[1]}`);
  const logsText = (): string => (existsSync(logs) ? readdirSync(logs).map((f) => `--- ${f}\n${readFileSync(join(logs, f), 'utf8')}`).join('\n') : '');

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`EPHEMERA_SLURM_TEST=require, but ${missing.join(', ')} is not installed: apt-get install slurm-wlm munge`);
    ensureDist();
    const [ctld, slurmd] = await freePorts();
    env = { ...process.env, PATH: PATHS.join(delimiter), SLURM_CONF: join(clusterDir, 'slurm.conf') };
    started = true;
    ok(sh(['bash', CLUSTER, 'start', clusterDir, String(ctld), String(slurmd)]), 'starting the cluster');
  }, TIMEOUT_MS);

  afterAll(() => {
    if (started) spawnSync('bash', [CLUSTER, 'stop', clusterDir], { encoding: 'utf8', env, timeout: 120_000 });
    rmSync(work, { recursive: true, force: true });
  }, 150_000);

  it('a job array and a merge give the bytes of one machine; one task rerun alone gives its shard again', () => {
    const settings = { ...SWEEP, OUT: out, LOGS: logs };
    const submitted = ok(sh(['bash', 'examples/slurm-sweep.sh', ...EXTRA], settings), 'bash examples/slurm-sweep.sh');
    const array = /array job (\d+)/.exec(submitted)?.[1];
    const merge = /merge job (\d+)/.exec(submitted)?.[1];
    expect(array, submitted).toBeDefined();
    expect(merge, submitted).toBeDefined();
    waitFor(merge!);
    expect(states(array!), logsText()).toEqual(['COMPLETED 0:0', 'COMPLETED 0:0', 'COMPLETED 0:0']);
    expect(states(merge!), logsText()).toEqual(['COMPLETED 0:0']);
    expect(readdirSync(out).sort()).toEqual(['all', 'shard-1-of-3', 'shard-2-of-3', 'shard-3-of-3']);

    // The same sweep on this machine, in one process.
    const single = join(work, 'single');
    ok(sh(['node', 'bin/ephemera.js', 'sweep', SWEEP.SCENARIO, '--vary', SWEEP.VARY, '-r', SWEEP.REPLICATIONS, ...EXTRA, '-w', '1', '-q', '--out', single]), 'the single-machine sweep');
    const expected = withoutCommand(folder(single));
    expect([...folder(join(out, 'all')).keys()]).toEqual([...expected.keys()]);
    expect(withoutCommand(folder(join(out, 'all')))).toEqual(expected);
    // 2 points x 2 replications: 4 rows.
    expect(readFileSync(join(out, 'all', 'summary.csv'), 'utf8').trim().split('\n')).toHaveLength(5);

    // Rerun the second task alone, as the example's header says: it computes shard 2 of 3 again.
    const before = folder(join(out, 'shard-2-of-3'));
    const rerun = submit(['--array=1', `--output=${join(logs, 'rerun-%A_%a.out')}`, 'examples/slurm-sweep.sh', ...EXTRA], settings);
    waitFor(rerun);
    expect(states(rerun), logsText()).toEqual(['COMPLETED 0:0']);
    expect(folder(join(out, 'shard-2-of-3'))).toEqual(before);
    expect(JSON.parse(before.get('manifest.json')!)).toMatchObject({ sweep: { shard: { index: 2, count: 3 } } });
    const again = join(work, 'merged-again');
    ok(sh(['node', 'bin/ephemera.js', 'merge', ...[1, 2, 3].map((k) => join(out, `shard-${k}-of-3`)), '--out', again, '-q']), 'merge');
    expect(withoutCommand(folder(again))).toEqual(expected);
  }, TIMEOUT_MS);

  it('a task outside the shard count is refused, saying how to submit', () => {
    const job = submit(['--array=5', `--output=${join(logs, 'outside-%A_%a.out')}`, 'examples/slurm-sweep.sh'], { ...SWEEP, OUT: out, LOGS: logs });
    waitFor(job);
    expect(states(job)).toEqual(['FAILED 2:0']);
    const log = readdirSync(logs).filter((f) => f.startsWith('outside-')).map((f) => readFileSync(join(logs, f), 'utf8')).join('');
    expect(log).toContain('array task 5 is not one of the 3 shards (tasks 0-2): submit with --array=0-2, or set SHARDS');
  }, TIMEOUT_MS);
});
