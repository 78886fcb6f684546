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

/** The package root when it is a git checkout (holds `.git` itself), else undefined. */
function checkoutRoot(): string | undefined {
  const root = packageRoot()?.dir;
  return root !== undefined && existsSync(join(root, '.git')) ? root : undefined;
}

const HEAD_ARGS = ['rev-parse', '--verify', 'HEAD'];
const STATUS_ARGS = ['status', '--porcelain', '--untracked-files=no'];

/** The manifest's commit from `git rev-parse HEAD` and `git status` (read only when HEAD is a hash): the hash, `-dirty` when tracked files differ. */
function commitOf(head: string, status: () => string): string | undefined {
  return /^[0-9a-f]{40,64}$/.test(head) ? (status() === '' ? head : `${head}-dirty`) : undefined;
}

/**
 * The git commit ephemera runs from, when its package root is a git checkout (holds `.git`
 * itself: an installed copy inside someone else's repository is not one): the full hash,
 * with `-dirty` appended when tracked files differ from it (as `git describe --dirty`
 * writes it). Undefined when not a checkout or git is not installed. Asked once per process.
 */
export function ephemeraCommit(): string | undefined {
  if (commitCache !== undefined) return commitCache.value;
  let value: string | undefined;
  const root = checkoutRoot();
  if (root !== undefined) {
    const git = (args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    try {
      value = commitOf(git(HEAD_ARGS), () => git(STATUS_ARGS));
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
    const root = checkoutRoot();
    if (root === undefined) return undefined;
    const git = (args: string[]): Promise<string> => new Promise((ok, fail) => {
      execFile('git', ['-C', root, ...args], { encoding: 'utf8', timeout: 10_000 }, (e, out) => (e === null ? ok(out.trim()) : fail(e)));
    });
    try {
      const head = await git(HEAD_ARGS);
      const status = commitOf(head, () => '') === undefined ? '' : await git(STATUS_ARGS);
      return commitOf(head, () => status);
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
