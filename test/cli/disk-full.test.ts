import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { muteOutput } from './mute-output.js';

// A full disk, without filling one: writeSync fails with ENOSPC once `full` is set (or
// when `fullAt` says so of the bytes being written), as the kernel's write(2) does. A run
// must end with one line naming the file, the cause and a remedy (exit 1), and leave no
// staging folder and no target; a sweep keeps its finished jobs for --resume.
const disk = vi.hoisted(() => ({ full: false, fullAt: undefined as ((bytes: string) => boolean) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    const bytes = Buffer.isBuffer(args[1]) ? args[1].toString('utf8') : String(args[1]);
    if (disk.full || disk.fullAt?.(bytes) === true) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const { main } = await import('../../src/cli/main.js');

let stderr: string;
beforeEach(() => {
  stderr = '';
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  disk.full = false;
  disk.fullAt = undefined;
  vi.restoreAllMocks();
});

describe('a full disk', () => {
  it('run: one line with the file, the cause and a remedy; nothing left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ephemera-full-'));
    disk.full = true;
    expect(await main(['run', 'test/fixtures/tiny.yaml', '--out', join(dir, 'out'), '-q'])).toBe(1);
    expect(stderr).toMatch(new RegExp(`^ephemera: ${join(dir, 'out')}\\.ephemera-staging/summary\\.csv: cannot write: no space left on the device \\(ENOSPC\\); free some space or choose another --out\\n$`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sweep: the finished jobs are kept for --resume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ephemera-full-'));
    const out = join(dir, 's');
    const sweep = ['sweep', 'test/fixtures/tiny.yaml', '-r', '3', '-w', '1', '-q'];
    // The disk fills up while job 1 is recorded: its rows are written, its journal line is not.
    disk.fullAt = (bytes) => bytes.startsWith('{"unit":1,');
    expect(await main([...sweep, '--out', out])).toBe(1);
    expect(stderr).toContain('.ephemera-journal.jsonl: cannot write the journal: no space left on the device (ENOSPC)');
    expect(stderr).toContain(`the finished jobs are kept in ${out}.ephemera-staging: run the same command with --resume to continue`);
    disk.fullAt = undefined;
    expect(await main([...sweep, '--out', out, '--resume'])).toBe(0);
    expect(readdirSync(dir)).toEqual(['s']);
    // Job 1's half-recorded rows were dropped and it ran again: the same bytes as a sweep run at once.
    expect(await main([...sweep, '--out', join(dir, 'whole')])).toBe(0);
    const { folderContents } = await import('./folder-contents.js');
    expect(folderContents(out)).toEqual(folderContents(join(dir, 'whole')));
    expect(existsSync(join(out, 'summary.csv'))).toBe(true);
  });
});
