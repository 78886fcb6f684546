import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { muteOutput } from './mute-output.js';

// merge refuses a damaged, truncated or foreign shard by name, and writes nothing then.
const SWEEP = ['sweep', 'test/fixtures/tiny.yaml', '--vary', 'cloud.zones.us-east-1a.hosts=2,3', '-r', '2', '-w', '1', '-q'];

let base: string;
let dir: string;
let stderr: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'ephemera-merge-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  for (const k of [1, 2]) expect(await main([...SWEEP, '--shard', `${k}/2`, '--out', join(base, `s${k}`)])).toBe(0);
  vi.restoreAllMocks();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-merge-case-'));
  for (const k of [1, 2]) cpSync(join(base, `s${k}`), join(dir, `s${k}`), { recursive: true });
  stderr = '';
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const s1 = (): string => join(dir, 's1');
const s2 = (): string => join(dir, 's2');
const manifest = (d: string): Record<string, unknown> => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Record<string, unknown>;
async function refused(message: string): Promise<void> {
  const out = join(dir, 'merged');
  expect(await main(['merge', s1(), s2(), '--out', out])).toBe(2);
  expect(stderr).toContain(message);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  expect(existsSync(`${out}.ephemera-staging`)).toBe(false);
}

describe('merge verifies every shard', () => {
  it('merges intact shards', async () => {
    expect(await main(['merge', s1(), s2(), '--out', join(dir, 'm'), '-q'])).toBe(0);
    expect(manifest(join(dir, 'm'))['files']).toHaveProperty(['aggregate.csv']);
  });

  it('a truncated summary.csv', async () => {
    const p = join(s2(), 'summary.csv');
    truncateSync(p, readFileSync(p).length - 10);
    await refused(`${s2()}: summary.csv is truncated`);
  });

  it('a changed cell in a large table', async () => {
    const p = join(s2(), 'instances.csv');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/,i-/, ',j-'));
    await refused(`${s2()}: instances.csv is damaged`);
  });

  it('a file its manifest lists is missing', async () => {
    rmSync(join(s1(), 'describe'), { recursive: true });
    await refused(`${s1()}: describe/0/0/0.txt is missing, though its manifest lists it`);
  });

  it('a file its manifest does not list', async () => {
    writeFileSync(join(s1(), 'extra.csv'), 'a\n1\n');
    await refused(`${s1()} holds extra.csv, which its manifest does not list`);
  });

  it('a manifest that claims another slice, or fewer rows than its slice', async () => {
    const m = manifest(s2());
    const sweep = m['sweep'] as Record<string, Record<string, number>>;
    sweep['shard']!['first_job'] = 1;
    writeFileSync(join(s2(), 'manifest.json'), JSON.stringify(m));
    await refused(`${s2()} claims jobs 1 to 4, but shard 2/2 of 4 jobs is jobs 2 to 4`);
  });

  it('a summary whose rows are not the slice\'s jobs', async () => {
    // s2 with s1's rows (and a manifest made to match): right count, wrong jobs.
    const m = manifest(s2());
    const files = m['files'] as Record<string, unknown>;
    files['summary.csv'] = (manifest(s1())['files'] as Record<string, unknown>)['summary.csv'];
    writeFileSync(join(s2(), 'manifest.json'), JSON.stringify(m));
    cpSync(join(s1(), 'summary.csv'), join(s2(), 'summary.csv'));
    await refused(`${s2()}: summary.csv row 2 is point 0 replication 0, but job 2 of its slice is point 1 replication 0`);
  });

  it('a shard of an older ephemera (no file list), a folder that is not ephemera\'s, a run', async () => {
    const m = manifest(s2());
    delete m['files'];
    writeFileSync(join(s2(), 'manifest.json'), JSON.stringify(m));
    await refused(`${s2()}: its manifest.json lists no files with their SHA-256`);
    writeFileSync(join(s2(), 'manifest.json'), '{"name": "my extension"}');
    await refused(`${s2()} is not a results folder ephemera wrote: its manifest.json was not written by ephemera`);
    rmSync(s2(), { recursive: true });
    await refused(`${s2()}: no such results folder`);
  });
});
