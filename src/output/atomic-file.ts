import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ResultsError } from '../experiment/results-error.js';
import { FileSystemError, onPath } from './fs-error.js';
import { checkNotAnInput } from './prepare-target.js';

export interface AtomicFileOptions {
  /** Files and folders the command reads: `path` may be neither inside one nor hold one. */
  readonly inputs?: readonly string[];
  /** Whether an existing file (its first KiB) is one ephemera wrote, so it may be replaced. */
  readonly isOurs: (head: string) => boolean;
  /** What the file is, for messages (`the comparison`). */
  readonly what: string;
  /** How the path was given (`--out x.csv`). */
  readonly given?: string;
}

function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to `path` atomically: to `<path>.ephemera-staging`, flushed, then renamed
 * over `path`. Refuses (ResultsError) to replace a file ephemera did not write, and a path
 * inside an input; a folder in the way or a file-system failure is a FileSystemError.
 */
export function writeFileAtomically(path: string, text: string, options: AtomicFileOptions): void {
  const given = options.given ?? path;
  if (options.inputs !== undefined) checkNotAnInput(path, options.inputs, given);
  let st;
  try {
    st = lstatSync(path);
  } catch {
    st = undefined;
  }
  if (st !== undefined) {
    if (st.isDirectory()) throw new FileSystemError(path, 'this is a folder', `give a file name for ${options.what}`, 'EISDIR');
    if (!st.isFile() || !options.isOurs(onPath(path, 'cannot read', () => head(path)))) {
      throw new ResultsError(`refusing to overwrite ${path}: it is not ${options.what} ephemera wrote; choose another file name`);
    }
  }
  const staging = `${path}.ephemera-staging`;
  onPath(dirname(path), 'cannot create the folder', () => mkdirSync(dirname(path), { recursive: true }));
  try {
    onPath(staging, 'cannot write', () => {
      const fd = openSync(staging, 'w');
      try {
        const buf = Buffer.from(text, 'utf8');
        let off = 0;
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    onPath(path, 'cannot replace the file', () => renameSync(staging, path));
  } catch (e) {
    rmSync(staging, { force: true });
    throw e;
  }
}
