import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { folderContents } from './folder-contents.js';

const SCENARIO = 'test/fixtures/sweep-small.yaml';
const VARY = ['--vary', 'faults.hardware.repair.exponential.mean=2h,8h', '--vary', 'cloud.zones.us-east-1a.hosts=30,40'];

let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-sweep-'));
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const read = (d: string, f: string): string => readFileSync(join(d, f), 'utf8');

describe('ephemera sweep', () => {
  it('writes the grid: varied columns in every table, aggregate.csv, the grid in manifest.json', async () => {
    const out = join(dir, 's');
    expect(await main(['sweep', SCENARIO, ...VARY, '-r', '2', '-w', '1', '--out', out, '--quiet'])).toBe(0);
    const summary = read(out, 'summary.csv').trimEnd().split('\n');
    expect(summary[0]!.split(',').slice(0, 6)).toEqual(['scenario', 'point', 'faults.hardware.repair.exponential.mean', 'cloud.zones.us-east-1a.hosts', 'replication', 'seed']);
    expect(summary.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'sweep-small,0,2h,30,0,1', 'sweep-small,0,2h,30,1,985602473',
      'sweep-small,1,2h,40,0,1', 'sweep-small,1,2h,40,1,985602473',
      'sweep-small,2,8h,30,0,1', 'sweep-small,2,8h,30,1,985602473',
      'sweep-small,3,8h,40,0,1', 'sweep-small,3,8h,40,1,985602473',
    ]);
    const hosts = summary.slice(1).map((l) => l.split(',')[6]);
    expect(hosts).toEqual(['30', '30', '40', '40', '30', '30', '40', '40']);
    expect(read(out, 'instances.csv').split('\n')[0]!.startsWith('point,faults.hardware.repair.exponential.mean,cloud.zones.us-east-1a.hosts,replication,instance_id')).toBe(true);
    const agg = read(out, 'aggregate.csv').split('\n');
    expect(agg[0]).toBe('point,faults.hardware.repair.exponential.mean,cloud.zones.us-east-1a.hosts,metric,n,mean,sd,ci95_low,ci95_high');
    expect(agg[1]).toBe('0,2h,30,hosts,2,30,0,30,30');
    expect(existsSync(join(out, 'describe', '3', '1', '0.txt'))).toBe(true);
    const manifest = JSON.parse(read(out, 'manifest.json')) as { sweep: { points: unknown[]; jobs: number; vary: unknown[] } };
    expect(manifest.sweep.jobs).toBe(8);
    expect(manifest.sweep.points[3]).toEqual({ point: 3, values: { 'faults.hardware.repair.exponential.mean': '8h', 'cloud.zones.us-east-1a.hosts': '40' } });
  });

  it('three shards merged give the bytes of the unsharded sweep', async () => {
    const whole = join(dir, 'whole');
    expect(await main(['sweep', SCENARIO, ...VARY, '-r', '3', '-w', '1', '--out', whole, '-q'])).toBe(0);
    const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
    for (const [i, s] of shards.entries()) expect(await main(['sweep', SCENARIO, ...VARY, '-r', '3', '-w', '1', '--shard', `${i + 1}/3`, '--out', s, '-q'])).toBe(0);
    expect(existsSync(join(shards[0]!, 'aggregate.csv'))).toBe(false);
    expect(read(shards[1]!, 'summary.csv').trimEnd().split('\n')).toHaveLength(5); // jobs 4..7
    const merged = join(dir, 'merged');
    expect(await main(['merge', shards[2]!, shards[0]!, shards[1]!, '--out', merged])).toBe(0);
    expect(stdout).toContain('merged 3 shard(s), 12 run(s)');
    expect(folderContents(merged)).toEqual(folderContents(whole));
    expect(JSON.parse(read(merged, 'manifest.json'))).toMatchObject({ command: `ephemera merge ${shards[2]} ${shards[0]} ${shards[1]} --out ${merged}` });
  });

  it('merge refuses missing, repeated or foreign shards and writes nothing', async () => {
    const s = (k: number, extra: string[] = []) => main(['sweep', SCENARIO, ...VARY, '-r', '1', '-w', '1', '--shard', `${k}/2`, '--out', join(dir, `s${k}${extra.length}`), '-q', ...extra]);
    await s(1);
    await s(2);
    await s(2, ['--seed', '5']);
    const out = join(dir, 'merged');
    expect(await main(['merge', join(dir, 's10'), '--out', out])).toBe(2);
    expect(stderr).toContain('missing shard 2 of 2');
    expect(await main(['merge', join(dir, 's10'), join(dir, 's22'), '--out', out])).toBe(2);
    expect(stderr).toContain('come from different sweeps (their manifests differ in seed');
    expect(await main(['merge', join(dir, 's10'), join(dir, 's10'), join(dir, 's20'), '--out', out])).toBe(2);
    expect(stderr).toContain('are both shard 1/2');
    expect(existsSync(out)).toBe(false);
  });

  it('reads the shard from Slurm\'s environment', async () => {
    vi.stubEnv('SLURM_ARRAY_TASK_ID', '1');
    vi.stubEnv('SLURM_ARRAY_TASK_COUNT', '2');
    const out = join(dir, 'slurm');
    expect(await main(['sweep', SCENARIO, ...VARY, '-r', '1', '-w', '1', '--out', out])).toBe(0);
    expect(stdout).toContain('shard 2/2 from SLURM_ARRAY_TASK_ID: jobs 2-3 of 4');
    expect(JSON.parse(read(out, 'manifest.json'))).toMatchObject({ sweep: { shard: { index: 2, count: 2, first_job: 2, end_job: 4 } } });
  });

  it('bad input exits 2 and writes nothing', async () => {
    const out = join(dir, 'bad');
    expect(await main(['sweep', SCENARIO, '--vary', 'cloud.zones.us-east-1a.hosts=30,lots', '--out', out])).toBe(2);
    expect(stderr).toContain('--vary cloud.zones.us-east-1a.hosts=30,lots (value lots): cloud.zones.us-east-1a.hosts: expected a number');
    expect(await main(['sweep', SCENARIO, '--vary', 'seed=1,2', '--out', out])).toBe(2);
    expect(await main(['sweep', SCENARIO, ...VARY, '--shard', '3/2', '--out', out])).toBe(2);
    expect(await main(['sweep', SCENARIO, ...VARY, '--workers', '0', '--out', out])).toBe(2);
    expect(existsSync(out)).toBe(false);
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep');
    expect(await main(['sweep', SCENARIO, ...VARY, '-w', '1', '--out', join(dir, 'mine')])).toBe(2);
    expect(stderr).toContain('refusing to replace');
    expect(read(join(dir, 'mine'), 'notes.txt')).toBe('keep');
  });
});
