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

/** One git process for the commit and whether the checkout differs from it. */
const STATUS_ARGS = ['status', '--porcelain=v2', '--branch', '--untracked-files=no'];

/**
 * The manifest's commit from `git status --porcelain=v2 --branch`: the `# branch.oid` line
 * is HEAD's hash ("(initial)" before the first commit: no commit), and any line not starting
 * with `#` is a tracked file that differs from it: then `-dirty` is appended.
 */
function commitOf(status: string): string | undefined {
  const oid = /^# branch\.oid ([0-9a-f]{40,64})$/m.exec(status)?.[1];
  if (oid === undefined) return undefined;
  return status.split('\n').some((line) => line !== '' && !line.startsWith('#')) ? `${oid}-dirty` : oid;
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
    try {
      value = commitOf(execFileSync('git', ['-C', root, ...STATUS_ARGS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }));
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
 * first and reads it when it writes the manifest, instead of waiting for git at the end).
 * The same answer; asked once per process.
 */
export function ephemeraCommitAsync(): Promise<string | undefined> {
  if (commitCache !== undefined) return Promise.resolve(commitCache.value);
  commitAsync ??= (async () => {
    const root = checkoutRoot();
    if (root === undefined) return undefined;
    try {
      return commitOf(await new Promise<string>((ok, fail) => {
        execFile('git', ['-C', root, ...STATUS_ARGS], { encoding: 'utf8', timeout: 10_000 }, (e, out) => (e === null ? ok(out) : fail(e)));
      }));
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
