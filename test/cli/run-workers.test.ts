import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ensureDist } from './ensure-dist.js';
import { folderContents } from './folder-contents.js';

// Worker threads load dist/src/experiment/sweep-worker.js: build dist/ first if src/ is newer.
beforeAll(() => ensureDist(), 120_000);

let dir: string;
let stderr: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-run-workers-'));
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr.push(String(s));
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

// Four days keep it short; the scenario's web-tier outage at 87h is still inside the run.
const RUN = ['run', 'scenarios/web-tier-failures.yaml', '-r', '4', '--set', 'duration=4d', '-q'];

function manifestFiles(d: string): Record<string, { readonly sha256: string }> {
  return (JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string }> }).files;
}

describe('run --workers', () => {
  it('writes the same bytes on 1, 2 and 3 workers, timeseries.csv included', async () => {
    const outs = ['1', '2', '3'].map((w) => join(dir, `w${w}`));
    for (const [i, out] of outs.entries()) expect(await main([...RUN, '--workers', String(i + 1), '--out', out])).toBe(0);
    const one = folderContents(outs[0]!);
    expect([...one.keys()]).toContain('timeseries.csv');
    // Every replication's rows are there, in order.
    const reps = one.get('timeseries.csv')!.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect([...new Set(reps)]).toEqual(['0', '1', '2', '3']);
    const hashes = manifestFiles(outs[0]!);
    expect(Object.keys(hashes)).toContain('timeseries.csv');
    for (const out of outs.slice(1)) {
      expect(folderContents(out)).toEqual(one);
      expect(manifestFiles(out)).toEqual(hashes);
    }
  }, 120_000);

  it.each([['0'], ['257'], ['1.5'], ['two'], ['-1']])('refuses --workers %s with exit 2 and says why', async (w) => {
    const out = join(dir, 'bad');
    expect(await main([...RUN, '--workers', w, '--out', out])).toBe(2);
    const said = stderr.join('');
    expect(said).toContain('--workers');
    expect(said).toMatch(/1 to 256|from 1|integer/);
  });

  it('refuses more workers than the machine has memory for, before writing anything', async () => {
    const out = join(dir, 'big');
    // 5 x 10^7 sampled-mode clients: ~2.5 GB a replication, alone it fits; 256 of them at once do not.
    const argv = ['run', 'scenarios/aiderss.yaml', '-r', '256', '--workers', '256', '--set', 'clients.count=50000000', '--out', out];
    expect(await main(argv)).toBe(2);
    expect(stderr.join('')).toMatch(/--workers 256: 256 worker processes would each hold a replication of about [\d.]+ GB, [\d.]+ GB in all, more than the [\d.]+ GB of memory this machine has; use --workers \d+/);
    expect(existsSync(out)).toBe(false);
  });
});
