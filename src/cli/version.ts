import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of the ephemera package this file belongs to (the folder of its package.json), if found. */
function packageRoot(): { dir: string; version: string } | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ephemera' && pkg.version !== undefined) return { dir, version: pkg.version };
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** ephemera's version, read from the nearest package.json named ephemera above this file; 'unknown' if none. */
export function ephemeraVersion(): string {
  return packageRoot()?.version ?? 'unknown';
}

let commitCache: { value: string | undefined } | undefined;

/**
 * The git commit ephemera runs from, when its package root is a git checkout (holds `.git`
 * itself: an installed copy inside someone else's repository is not one): the full hash,
 * with `-dirty` appended when tracked files differ from it (as `git describe --dirty`
 * writes it). Undefined when not a checkout or git is not installed. Asked once per process.
 */
export function ephemeraCommit(): string | undefined {
  if (commitCache !== undefined) return commitCache.value;
  let value: string | undefined;
  const root = packageRoot()?.dir;
  if (root !== undefined && existsSync(join(root, '.git'))) {
    const git = (args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    try {
      const head = git(['rev-parse', '--verify', 'HEAD']);
      if (/^[0-9a-f]{40,64}$/.test(head)) value = git(['status', '--porcelain', '--untracked-files=no']) === '' ? head : `${head}-dirty`;
    } catch {
      value = undefined; // git missing, or not a repository after all: record no commit
    }
  }
  commitCache = { value };
  return value;
}

let commitAsync: Promise<string | undefined> | undefined;

/**
 * `ephemeraCommit()` without waiting: git runs while the caller goes on (a run starts it
 * first and reads it when it writes the manifest, instead of waiting for two git processes
 * at the end). The same answer; asked once per process.
 */
export function ephemeraCommitAsync(): Promise<string | undefined> {
  if (commitCache !== undefined) return Promise.resolve(commitCache.value);
  commitAsync ??= (async () => {
    const root = packageRoot()?.dir;
    if (root === undefined || !existsSync(join(root, '.git'))) return undefined;
    const git = (args: string[]): Promise<string> => new Promise((ok, fail) => {
      execFile('git', ['-C', root, ...args], { encoding: 'utf8', timeout: 10_000 }, (e, out) => (e === null ? ok(out.trim()) : fail(e)));
    });
    try {
      const head = await git(['rev-parse', '--verify', 'HEAD']);
      if (!/^[0-9a-f]{40,64}$/.test(head)) return undefined;
      return (await git(['status', '--porcelain', '--untracked-files=no'])) === '' ? head : `${head}-dirty`;
    } catch {
      return undefined; // git missing, or not a repository after all: record no commit
    }
  })().then((value) => {
    commitCache = { value };
    return value;
  });
  return commitAsync;
}

/** What `ephemera --version` prints: the version, and the commit when run from a checkout. */
export function versionText(): string {
  const commit = ephemeraCommit();
  return commit === undefined ? ephemeraVersion() : `${ephemeraVersion()} (git ${commit})`;
}
