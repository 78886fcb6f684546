import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ensureDist } from './ensure-dist.js';
import { folderContents } from './folder-contents.js';

// Worker threads load dist/src/experiment/sweep-worker.js: build dist/ first if src/ is newer.
beforeAll(() => ensureDist(), 120_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-workers-'));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const SWEEP = ['sweep', 'test/fixtures/sweep-small.yaml', '--vary', 'faults.hardware.repair.exponential.mean=2h,8h', '--vary', 'cloud.zones.us-east-1a.hosts=30,40', '-r', '3', '-q'];

describe('sweep on worker processes', () => {
  it('--workers 3 writes the same bytes as --workers 1', async () => {
    const one = join(dir, 'one');
    const three = join(dir, 'three');
    expect(await main([...SWEEP, '-w', '1', '--out', one])).toBe(0);
    expect(await main([...SWEEP, '-w', '3', '--out', three])).toBe(0);
    const a = folderContents(one);
    expect(a.size).toBeGreaterThan(5);
    expect(folderContents(three)).toEqual(a);
  });

  it('a shard run on workers merges like the others', async () => {
    const whole = join(dir, 'whole');
    expect(await main([...SWEEP, '-w', '1', '--out', whole])).toBe(0);
    expect(await main([...SWEEP, '-w', '2', '--shard', '1/2', '--out', join(dir, 'a')])).toBe(0);
    expect(await main([...SWEEP, '-w', '1', '--shard', '2/2', '--out', join(dir, 'b')])).toBe(0);
    expect(await main(['merge', join(dir, 'a'), join(dir, 'b'), '--out', join(dir, 'm'), '-q'])).toBe(0);
    expect(folderContents(join(dir, 'm'))).toEqual(folderContents(whole));
  });

  it('examples/slurm-sweep.sh: two array tasks, merged, equal the sweep run at once', async () => {
    // As Slurm starts a task (test/cluster/slurm.test.ts does it on a real Slurm). Each task
    // runs alone, as a rerun with --array=K would: its shard comes from SHARDS, not the array.
    const out = join(dir, 'slurm');
    for (const task of ['0', '1']) {
      const r = spawnSync('bash', ['examples/slurm-sweep.sh'], {
        encoding: 'utf8',
        env: {
          ...process.env, SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_TASK_MIN: task, SLURM_ARRAY_TASK_COUNT: '1', SLURM_CPUS_PER_TASK: '2',
          SHARDS: '2', SCENARIO: 'test/fixtures/sweep-small.yaml', VARY: 'cloud.zones.us-east-1a.hosts=30,40', REPLICATIONS: '2', OUT: out, EPHEMERA: `${process.execPath} bin/ephemera.js`,
        },
      });
      expect(r.status, r.stderr).toBe(0);
    }
    const whole = join(dir, 'whole');
    expect(await main(['sweep', 'test/fixtures/sweep-small.yaml', '--vary', 'cloud.zones.us-east-1a.hosts=30,40', '-r', '2', '-w', '1', '-q', '--out', whole])).toBe(0);
    expect(await main(['merge', join(out, 'shard-1-of-2'), join(out, 'shard-2-of-2'), '--out', join(dir, 'm'), '-q'])).toBe(0);
    expect(folderContents(join(dir, 'm'))).toEqual(folderContents(whole));
  });
});
