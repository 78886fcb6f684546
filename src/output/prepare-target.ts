import { accessSync, constants, lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { ResultsError } from '../experiment/results-error.js';
import { FileSystemError, onPath } from './fs-error.js';
import { foreignEntries, listedFiles, MAX_LISTED, ourManifest } from './ownership.js';
import { replaceFolder } from './replace-folder.js';
import { legacyPartials, MARKER, markerFor, placesOf, readMarker, recoverInterrupted, removeOurs, stagingState, type Places } from './staging.js';

/** A path's canonical absolute form: symbolic links resolved as far as the path exists. */
export function canonical(path: string): string {
  const abs = resolve(path);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(head);
      return tail.length === 0 ? real : join(real, ...tail.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      tail.push(head.slice(up.length + (up.endsWith('/') ? 0 : 1)));
      head = up;
    }
  }
}

/** True when `inner` is `outer` or lies inside it (both canonical). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses an output that is, or lies inside, one of `inputs` (files or folders a command
 * reads), and a folder output that holds one of them (replacing it would delete the input).
 * `what` names the output (`--out results/x`).
 */
export function checkNotAnInput(output: string, inputs: readonly string[], what: string): void {
  const out = canonical(output);
  for (const input of inputs) {
    const inp = canonical(input);
    if (isWithin(out, inp)) throw new ResultsError(`${what} ${out === inp ? 'is' : 'lies inside'} ${input}, which this command reads: choose an output outside its inputs`);
    if (isWithin(inp, out)) throw new ResultsError(`${what} holds ${input}, which this command reads, and writing it would replace it: choose an output outside its inputs`);
  }
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of `p` (p itself when it exists). */
function nearestExisting(p: string): string {
  let cur = resolve(p);
  while (lstatOrUndefined(cur) === undefined) {
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return cur;
}

/** Throws unless `dir` (an existing folder) can be written: entries created, renamed and removed. */
function assertWritableFolder(dir: string, shown: string): void {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'EROFS' ? 'the file system is read-only' : 'cannot write in this folder (permission denied)';
    throw new FileSystemError(shown, reason, 'choose a folder you may write to, or change its permissions', code, e);
  }
}

/**
 * Refuses to replace `dir` unless it is empty or a results folder ephemera wrote holding
 * nothing else: its manifest.json has ephemera's fields, and every entry is a file the
 * manifest lists (or, in a folder written before manifests listed files, a name ephemera
 * gives), manifest.json or a report.html of `ephemera report`. Throws ResultsError naming
 * what is foreign.
 */
export function assertReplaceable(dir: string): void {
  const st = lstatOrUndefined(dir);
  if (st === undefined) return;
  if (st.isSymbolicLink()) throw new ResultsError(`refusing to replace ${dir}: it is a symbolic link, and ephemera replaces only folders it wrote; choose another --out`);
  if (!st.isDirectory()) throw new FileSystemError(dir, 'this is a file, not a folder', 'choose another --out (a folder)', 'ENOTDIR');
  const entries = onPath(dir, 'cannot list the folder', () => readdirSync(dir));
  if (entries.length === 0) return;
  const m = ourManifest(dir);
  if (!('manifest' in m)) {
    const shown = entries.slice(0, MAX_LISTED).join(', ') + (entries.length > MAX_LISTED ? ` and ${entries.length - MAX_LISTED} more` : '');
    throw new ResultsError(`refusing to replace ${dir}: it is not empty and ${m.why}, so it is not an ephemera results folder (it holds ${shown}); choose another --out`);
  }
  const foreign = foreignEntries(dir, listedFiles(m.manifest));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, MAX_LISTED).join(', ') + (foreign.length > MAX_LISTED ? ' and more' : '');
    throw new ResultsError(`refusing to replace ${dir}: it holds ${shown}, which ephemera did not write; move ${foreign.length === 1 ? 'it' : 'them'} away or choose another --out`);
  }
}

/** How a target was prepared. */
export interface PreparedTarget {
  readonly places: Places;
  /** What was cleaned up or recovered on the way (for a note on stderr). */
  readonly notes: readonly string[];
  /** The staging folder holds a sweep's journal to continue (only when asked to resume). */
  readonly resumable: boolean;
  /**
   * Asked to resume, the staging folder was complete (the run was killed as it moved it in
   * place): the replacement was finished, and the target holds the results.
   */
  readonly finished: boolean;
}

export interface PrepareOptions {
  /** Files and folders the command reads: the output may be neither one of them nor hold one. */
  readonly inputs?: readonly string[];
  /** Keep an unfinished staging folder of ours (a sweep's journal) to continue it. */
  readonly resume?: boolean;
  /** How the output was given, for messages (default `--out <target>`). */
  readonly what?: string;
}

/**
 * Checks, before anything is simulated, that results can be written to `target`, and
 * makes its staging folder: the target is not an input, is a folder ephemera may replace
 * (or does not exist), its parent can be created and written; an interrupted replacement
 * is finished or undone; leftovers of killed runs into the same place are removed (only
 * ephemera's); then `<target>.ephemera-staging/` is created with its marker, which proves
 * the place writable. Throws ResultsError (exit 2: not ephemera's to replace, or an input)
 * or FileSystemError (exit 1).
 */
export function prepareTarget(target: string, options: PrepareOptions = {}): PreparedTarget {
  const p = placesOf(target);
  const what = options.what ?? `--out ${p.target}`;
  if (options.inputs !== undefined) checkNotAnInput(p.target, options.inputs, what);
  const near = nearestExisting(p.target);
  const nearStat = lstatOrUndefined(near);
  if (nearStat !== undefined && !nearStat.isDirectory() && near !== resolve(p.target)) {
    throw new FileSystemError(p.target, `cannot create the folder: ${near} is a file, not a folder`, 'choose another --out', 'ENOTDIR');
  }
  const notes = [...recoverInterrupted(p)];
  assertReplaceable(p.target);
  const parent = dirname(resolve(p.target));
  assertWritableFolder(lstatOrUndefined(parent) === undefined ? near : parent, lstatOrUndefined(parent) === undefined ? near : parent);
  let resumable = false;
  switch (stagingState(p)) {
    case 'none':
      break;
    case 'ours-alive': {
      const m = readMarker(p.staging, p.target)!;
      throw new ResultsError(`${p.target} is being written by another ephemera (process ${m.pid}) right now: wait for it to finish or choose another --out`);
    }
    case 'foreign':
      throw new ResultsError(`${p.staging} is in the way: ephemera stages new results there, but it holds files ephemera did not write; move it away`);
    case 'ours-dead':
      if (options.resume === true) {
        resumable = true;
        break;
      }
      removeOurs(p.staging);
      notes.push(`removed ${p.staging}, left by an earlier run that did not finish`);
      break;
    case 'complete':
      if (options.resume === true) {
        replaceFolder(p);
        notes.push(`${p.staging} was complete (the run was stopped as it moved it in place): moved it to ${p.target}`);
        return { places: p, notes, resumable: false, finished: true };
      }
      removeOurs(p.staging);
      notes.push(`removed ${p.staging}, complete results of an earlier run that was stopped before it moved them in place`);
      break;
  }
  for (const dir of legacyPartials(p)) {
    removeOurs(dir);
    notes.push(`removed ${dir}, left by an earlier run that did not finish`);
  }
  if (!resumable) {
    onPath(parent, 'cannot create the folder', () => mkdirSync(parent, { recursive: true }));
    onPath(p.staging, 'cannot create the staging folder', () => mkdirSync(p.staging));
    onPath(join(p.staging, MARKER), 'cannot write', () => writeFileSync(join(p.staging, MARKER), `${JSON.stringify(markerFor(p.target))}\n`));
  }
  return { places: p, notes, resumable, finished: false };
}
