import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ensureDist } from './ensure-dist.js';

// Item 1-3 of "outputs you can trust", through the command line: what ephemera replaces,
// what it refuses, and that every output is checked before anything is simulated.
const TINY = 'test/fixtures/tiny.yaml';

let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-outputs-'));
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
});

const run = (...args: string[]): Promise<number> => main(['run', TINY, '-q', ...args]);
const noStack = (): void => expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
const files = (d: string): string[] => readdirSync(d).sort();

describe('never touch what is not ours', () => {
  it('a browser extension\'s folder (its own manifest.json) is refused, not wiped', async () => {
    const ext = join(dir, 'ext');
    mkdirSync(join(ext, 'icons'), { recursive: true });
    writeFileSync(join(ext, 'manifest.json'), '{"manifest_version": 2, "name": "x", "version": "1"}');
    writeFileSync(join(ext, 'background.js'), 'x');
    expect(await run('--out', ext)).toBe(2);
    expect(stderr).toContain(`refusing to replace ${ext}: it is not empty and its manifest.json was not written by ephemera`);
    expect(files(ext)).toEqual(['background.js', 'icons', 'manifest.json']);
    noStack();
  });

  it('an ephemera folder with a file added to it is refused, naming the file', async () => {
    const out = join(dir, 'out');
    expect(await run('--out', out)).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    mkdirSync(join(out, 'describe', 'mine'));
    expect(await run('--out', out)).toBe(2);
    expect(stderr).toContain(`refusing to replace ${out}: it holds describe/mine/, notes.txt, which ephemera did not write`);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('replaces its own folder, report.html included, and an empty folder', async () => {
    const out = join(dir, 'out');
    expect(await run('--out', out)).toBe(0);
    expect(await main(['report', out, '-q'])).toBe(0);
    expect(await run('--out', out, '--seed', '5')).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 5 });
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(await run('--out', empty)).toBe(0);
    expect(files(dir)).toEqual(['empty', 'out']);
  });

  it('a results folder of an older ephemera (no file list) is replaced when it holds only ephemera\'s names', async () => {
    const out = join(dir, 'old');
    mkdirSync(join(out, 'console', '0'), { recursive: true });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ephemera: '0.1.0', scenario: 's', scenario_file: 's.yaml', scenario_sha256: 'a'.repeat(64), seed: 1, replications: 1, overrides: [], command: 'ephemera run s.yaml' }));
    writeFileSync(join(out, 'summary.csv'), 'scenario\ns\n');
    writeFileSync(join(out, 'console', '0', 'i-1.txt'), 'boot');
    expect(await run('--out', out)).toBe(0);
    expect(files(out)).not.toContain('console');
  });

  it('merge, compare and report refuse an output that is, is inside or holds an input', async () => {
    const a = join(dir, 'a');
    expect(await run('--out', a)).toBe(0);
    expect(await main(['compare', a, a, '--out', join(a, 'c.csv')])).toBe(2);
    expect(stderr).toContain(`--out ${join(a, 'c.csv')} lies inside ${a}, which this command reads`);
    expect(await main(['report', a, '--out', join(a, 'summary.csv')])).toBe(2);
    expect(await main(['report', a, '--svg', join(a, 'plots')])).toBe(2);
    expect(stderr).toContain(`--svg ${join(a, 'plots')} lies inside ${a}`);
    expect(await main(['merge', a, '--out', a])).toBe(2);
    expect(stderr).toContain(`--out ${a} is ${a}, which this command reads`);
    expect(await main(['merge', a, '--out', dir])).toBe(2);
    expect(stderr).toContain(`--out ${dir} holds ${a}, which this command reads`);
    expect(files(a)).not.toContain('report.html');
    noStack();
  });

  it('compare writes nothing unless asked, and never over a file it did not write', async () => {
    const a = join(dir, 'a');
    expect(await run('--out', a)).toBe(0);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await main(['compare', 'a', 'a'])).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(files(dir)).toEqual(['a']);
    expect(stdout).toContain('B - A with its 95% confidence interval');
    writeFileSync(join(dir, 'mine.csv'), 'x,y\n1,2\n');
    expect(await main(['compare', a, a, '--out', join(dir, 'mine.csv')])).toBe(2);
    expect(stderr).toContain(`refusing to overwrite ${join(dir, 'mine.csv')}: it is not a comparison table ephemera wrote`);
    expect(await main(['compare', a, a, '--out', join(dir, 'c.csv'), '-q'])).toBe(0);
    expect(await main(['compare', a, a, '--out', join(dir, 'c.csv'), '-q'])).toBe(0);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8').split('\n')[0]).toBe('metric,a_mean,b_mean,diff,ci95_low,ci95_high,test,n_a,n_b,df,a_ci95_low,a_ci95_high,b_ci95_low,b_ci95_high');
  });
});

describe('check before simulating; every file-system error is one line', () => {
  it('an --out that is a file, or below a file, exits 1 naming the path, the cause and a remedy', async () => {
    writeFileSync(join(dir, 'f'), 'a file');
    expect(await run('--out', join(dir, 'f'))).toBe(1);
    expect(stderr).toContain(`ephemera: ${join(dir, 'f')}: this is a file, not a folder; choose another --out`);
    expect(await run('--out', join(dir, 'f', 'sub'))).toBe(1);
    expect(stderr).toContain(`ephemera: ${join(dir, 'f', 'sub')}: cannot create the folder: ${join(dir, 'f')} is a file, not a folder; choose another --out`);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('a file');
    noStack();
  });

  it('several scenarios: every output is checked before the first runs', async () => {
    writeFileSync(join(dir, 'results'), 'in the way');
    writeFileSync(join(dir, 'two.yaml'), readFileSync(TINY, 'utf8').replace('name: tiny', 'name: two'));
    const out = join(dir, 'many');
    mkdirSync(join(out, 'two'), { recursive: true });
    writeFileSync(join(out, 'two', 'mine.txt'), 'x');
    expect(await main(['run', TINY, join(dir, 'two.yaml'), '--out', out, '-q'])).toBe(2);
    expect(stderr).toContain(`refusing to replace ${join(out, 'two')}`);
    expect(files(out)).toEqual(['two']); // tiny/ was not written, nor staged
  });

  it('leftovers of a killed run are removed by the next run into the same place; a live one\'s are refused', async () => {
    const out = join(dir, 'out');
    const staging = `${out}.ephemera-staging`;
    mkdirSync(staging);
    writeFileSync(join(staging, '.ephemera-staging.json'), JSON.stringify({ ephemera_staging: 'out', pid: 999_999_999, host: hostname() }));
    writeFileSync(join(staging, 'summary.csv'), 'half');
    const legacy = `${out}.partial-999999998`;
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'summary.csv'), 'half');
    const stranger = `${out}.partial-12`;
    mkdirSync(stranger);
    writeFileSync(join(stranger, 'thesis.tex'), 'mine');
    expect(await main(['run', TINY, '--out', out])).toBe(0);
    expect(stderr).toContain(`note: removed ${staging}, left by an earlier run that did not finish`);
    expect(files(dir)).toEqual(['out', 'out.partial-12']);
    // A staging folder whose writer still runs (this test's parent process) is not touched.
    mkdirSync(staging);
    writeFileSync(join(staging, '.ephemera-staging.json'), JSON.stringify({ ephemera_staging: 'out', pid: process.ppid, host: hostname() }));
    expect(await run('--out', out)).toBe(2);
    expect(stderr).toContain(`${out} is being written by another ephemera (process ${process.ppid}) right now`);
    expect(existsSync(join(staging, '.ephemera-staging.json'))).toBe(true);
  });

  it('a replacement interrupted between its renames is finished by the next command, and a reader says where the results are', async () => {
    const out = join(dir, 'out');
    expect(await run('--out', out)).toBe(0);
    const { renameSync } = await import('node:fs');
    renameSync(out, `${out}.ephemera-old`);
    expect(await main(['compare', out, out])).toBe(2);
    expect(stderr).toContain(`${out}: no such results folder, but ${out}.ephemera-old holds its previous results`);
    expect(await main(['run', TINY, '--out', out, '--seed', '3'])).toBe(0);
    expect(stderr).toContain(`note: restored ${out} from ${out}.ephemera-old`);
    expect(files(dir)).toEqual(['out']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 3 });
  });
});

describe('a folder nobody may write', () => {
  beforeAll(() => ensureDist(), 120_000);

  it('exits 1 before simulating, naming the folder, without a stack trace', (ctx) => {
    // Root may write anywhere: the command then runs as nobody (uid 65534), which must be able
    // to read this checkout (a clone in a private folder, e.g. mktemp -d, is not readable to it).
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if ('uid' in asNobody && spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(join(process.cwd(), 'dist/bundle/cli.cjs'))})`], { ...asNobody }).status !== 0) {
      ctx.skip();
    }
    const base = mkdtempSync(join(tmpdir(), 'ephemera-ro-'));
    chmodSync(base, 0o755);
    const ro = join(base, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = spawnSync(process.execPath, ['bin/ephemera.js', 'run', TINY, '--out', join(ro, 'out')], { encoding: 'utf8', ...asNobody });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`ephemera: ${ro}: cannot write in this folder (permission denied); choose a folder you may write to, or change its permissions`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(readdirSync(ro)).toEqual([]);
  });
});
