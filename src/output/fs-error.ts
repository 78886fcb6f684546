/**
 * A file-system operation that failed: the path, the cause in words and what to do about
 * it, as one line for the user (exit status 1). `cause` keeps the original error for
 * `--debug`.
 */
export class FileSystemError extends Error {
  readonly path: string;
  readonly code: string | undefined;

  constructor(path: string, reason: string, remedy: string, code: string | undefined, cause?: unknown) {
    super(`${path}: ${reason}${remedy === '' ? '' : `; ${remedy}`}`, cause === undefined ? undefined : { cause });
    this.name = 'FileSystemError';
    this.path = path;
    this.code = code;
  }
}

/** The cause of a Node file-system error code in words, and a remedy. */
const CAUSES: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ['no space left on the device', 'free some space or choose another --out'],
  EDQUOT: ['the disk quota is exhausted', 'free some space or choose another --out'],
  EACCES: ['permission denied', 'choose a folder you may write to, or change its permissions'],
  EPERM: ['operation not permitted', 'choose a folder you may write to, or change its permissions'],
  EROFS: ['the file system is read-only', 'choose a folder on a writable disk'],
  ENOTDIR: ['a part of this path is a file, not a folder', 'choose another --out'],
  EISDIR: ['this is a folder, where a file was expected', 'give a file name'],
  EEXIST: ['something is already there', 'choose another --out or remove it'],
  ENOENT: ['no such file or folder', 'check the path'],
  ENAMETOOLONG: ['the path is too long', 'choose a shorter --out'],
  EMFILE: ['too many open files', 'raise the limit (ulimit -n) or close other programs'],
  ENFILE: ['too many open files in the system', 'close other programs and try again'],
  EIO: ['an input/output error on the device', 'check the disk'],
  ELOOP: ['too many symbolic links in the path', 'check the links on the path'],
  EBUSY: ['the file or folder is busy', 'close what uses it and try again'],
  ENOTEMPTY: ['the folder is not empty', 'choose another --out'],
  EXDEV: ['the rename crosses file systems', 'keep --out on one file system'],
};

/** True for a Node.js system error (it has a string `code` and a `syscall`). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * The FileSystemError for `e` raised while doing `doing` (e.g. "cannot write") on `path`;
 * any other error is returned as it is.
 */
export function fsError(e: unknown, path: string, doing: string): unknown {
  if (e instanceof FileSystemError || !isSystemError(e)) return e;
  const code = e.code;
  const [reason, remedy] = (code !== undefined ? CAUSES[code] : undefined) ?? [e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, ''), ''];
  return new FileSystemError(path, `${doing}: ${reason}${code === undefined ? '' : ` (${code})`}`, remedy, code, e);
}

/** Runs `fn`, turning a system error into a FileSystemError about `path`. */
export function onPath<T>(path: string, doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fsError(e, path, doing);
  }
}
