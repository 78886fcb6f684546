import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ensureDist } from './ensure-dist.js';
import { folderContents } from './folder-contents.js';
import { muteOutput } from './mute-output.js';

// A sweep killed with SIGKILL (a time limit, a preempted node) at various steps, then
// continued with the same command and --resume: only the jobs its journal lacks run
// again, and the folder is byte for byte the one an uninterrupted sweep writes.
beforeAll(() => ensureDist(), 120_000);

const SCENARIO = 'test/fixtures/tiny.yaml';
const VARY = ['cloud.zones.us-east-1a.hosts=2,3'];
const SWEEP = ['sweep', SCENARIO, '--vary', VARY[0]!, '-r', '3', '-w', '1', '-q'];
const CHILD = join(import.meta.dirname, '../fixtures/sweep-kill.mjs');

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-resume-'));
  stderr = '';
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function killedSweep(out: string, killAt: number, shard?: { index: number; count: number }): { signal: string | null; steps: string[] } {
  const command = `ephemera ${[...SWEEP, '--out', out].join(' ')}`;
  const def = { scenario: SCENARIO, vary: VARY, replications: 3, ...(shard !== undefined ? { shard } : {}) };
  const r = spawnSync(process.execPath, [CHILD, out, String(killAt), command, JSON.stringify(def)], { encoding: 'utf8' });
  return { signal: r.signal, steps: r.status === 0 ? (JSON.parse(r.stdout) as string[]) : [] };
}

describe('sweep --resume', () => {
  it('continues a sweep killed mid-job, between jobs and while committing, to the bytes of an uninterrupted one', async () => {
    const whole = join(dir, 'whole');
    expect(await main([...SWEEP, '--out', whole])).toBe(0);
    const want = folderContents(whole);
    const { steps } = killedSweep(join(dir, 'probe'), -1);
    expect(folderContents(join(dir, 'probe'))).toEqual(want);
    const at = (name: string, nth = 0): number => steps.map((s, i) => [s, i] as const).filter(([s]) => s === name)[nth]![1];
    const kills = {
      'job 1 written, not journalled': at('journal unit 1'),
      'in the middle of job 3': at('append to instances.csv', 3),
      'all jobs done, manifest not written': at('write manifest.json'),
      'marker removed, not renamed in': at('rename the new folder in'),
    };
    for (const [what, k] of Object.entries(kills)) {
      const out = join(dir, `k${k}`);
      expect(killedSweep(out, k).signal, what).toBe('SIGKILL');
      expect(existsSync(out), what).toBe(false);
      stderr = '';
      expect(await main([...SWEEP, '--out', out, '--resume']), what).toBe(0);
      expect(folderContents(out), what).toEqual(want);
      expect(readdirSync(dir).filter((f) => f.startsWith(`k${k}.`)), what).toEqual([]);
      // The manifest keeps the command that started the sweep.
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).command).toBe(`ephemera ${[...SWEEP, '--out', out].join(' ')}`);
    }
    expect(stderr).toBe('');
  });

  it('says what it resumes, refuses a different sweep, and without --resume starts again', async () => {
    const out = join(dir, 's');
    const { steps } = killedSweep(join(dir, 'probe'), -1);
    expect(killedSweep(out, steps.indexOf('journal unit 2')).signal).toBe('SIGKILL');
    expect(await main([...SWEEP, '--out', out, '--resume', '--seed', '9'])).toBe(2);
    expect(stderr).toContain(`cannot resume: ${out}.ephemera-staging holds an unfinished sweep that differs from this one in seed;`);
    expect(await main([...SWEEP.filter((a) => a !== '-q'), '--out', out, '--resume'])).toBe(0);
    expect(stderr).toContain(`resuming ${out}: 2 of 6 job(s) already done`);
    expect(killedSweep(join(dir, 't'), steps.indexOf('journal unit 2')).signal).toBe('SIGKILL');
    stderr = '';
    expect(await main([...SWEEP.filter((a) => a !== '-q'), '--out', join(dir, 't')])).toBe(0);
    expect(stderr).toContain(`note: removed ${join(dir, 't')}.ephemera-staging, left by an earlier run that did not finish`);
    expect(folderContents(join(dir, 't'))).toEqual(folderContents(out));
  });

  it('a killed shard resumes, and merges with the others into the whole sweep', async () => {
    const whole = join(dir, 'whole');
    expect(await main([...SWEEP, '--out', whole])).toBe(0);
    const s1 = join(dir, 's1');
    const s2 = join(dir, 's2');
    expect(await main([...SWEEP, '--shard', '1/2', '--out', s1])).toBe(0);
    const { steps } = killedSweep(join(dir, 'probe'), -1, { index: 2, count: 2 });
    expect(killedSweep(s2, steps.indexOf('journal unit 4'), { index: 2, count: 2 }).signal).toBe('SIGKILL');
    expect(await main([...SWEEP, '--shard', '2/2', '--out', s2, '--resume'])).toBe(0);
    expect(await main(['merge', s1, s2, '--out', join(dir, 'm'), '-q'])).toBe(0);
    expect(folderContents(join(dir, 'm'))).toEqual(folderContents(whole));
  });
});
