import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { ResultsError } from '../experiment/results-error.js';
import { onPath } from './fs-error.js';
import { foreignEntries, listedFiles, ourManifest } from './ownership.js';

/** The file in a staging folder that says it is ephemera's, for which target, written by which process. */
export const MARKER = '.ephemera-staging.json';
/** A sweep's journal of finished jobs, in its staging folder. */
export const JOURNAL = '.ephemera-journal.jsonl';

/** A results folder and the two folders beside it that replacing it uses. */
export interface Places {
  /** The results folder, as given (trailing separators removed). */
  readonly target: string;
  /** `<target>.ephemera-staging`: where the new results are written. */
  readonly staging: string;
  /** `<target>.ephemera-old`: where the old results wait while the new ones are renamed in. */
  readonly old: string;
}

/** The places for results folder `target`. */
export function placesOf(target: string): Places {
  let t = normalize(target);
  while (t.length > 1 && t.endsWith(sep)) t = t.slice(0, -1);
  return { target: t, staging: `${t}.ephemera-staging`, old: `${t}.ephemera-old` };
}

/** What the marker of a staging folder says. */
export interface MarkerContent {
  readonly ephemera_staging: string;
  readonly pid: number;
  readonly host: string;
}

export function markerFor(target: string): MarkerContent {
  return { ephemera_staging: basename(target), pid: process.pid, host: hostname() };
}

/** The marker of `staging` when it is ephemera's staging for `target`. */
export function readMarker(staging: string, target: string): MarkerContent | undefined {
  try {
    const m = JSON.parse(readFileSync(join(staging, MARKER), 'utf8')) as Partial<MarkerContent>;
    if (m.ephemera_staging !== basename(target) || typeof m.pid !== 'number' || typeof m.host !== 'string') return undefined;
    return m as MarkerContent;
  } catch {
    return undefined;
  }
}

/** True when the process that wrote `m` still runs (on this machine; another machine's cannot be known). */
function writerAlive(m: MarkerContent): boolean {
  if (m.host !== hostname() || m.pid === process.pid) return false;
  try {
    process.kill(m.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `dir` is a complete results folder ephemera wrote (a manifest of ours, nothing foreign). */
export function isCompleteResults(dir: string): boolean {
  const m = ourManifest(dir);
  if (!('manifest' in m)) return false;
  if (existsSync(join(dir, MARKER))) return false;
  return foreignEntries(dir, listedFiles(m.manifest)).length === 0;
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Removes a folder of ours. */
export function removeOurs(dir: string): void {
  onPath(dir, 'cannot remove ephemera\'s leftover folder', () => rmSync(dir, { recursive: true, force: true }));
}

/** The state a staging folder is in. */
export type StagingState = 'none' | 'ours-dead' | 'ours-alive' | 'complete' | 'foreign';

/** Whose the staging folder of `p` is, and whether its writer still runs. */
export function stagingState(p: Places): StagingState {
  if (!exists(p.staging)) return 'none';
  if (!isDir(p.staging)) return 'foreign';
  const m = readMarker(p.staging, p.target);
  if (m !== undefined) return writerAlive(m) ? 'ours-alive' : 'ours-dead';
  return isCompleteResults(p.staging) ? 'complete' : 'foreign';
}

/**
 * Finishes or undoes a replacement of `p.target` that was interrupted (see `replaceFolder`),
 * so that the target again holds a complete results folder, and removes the old folder
 * left beside it. Returns what it did, for a note to the user. Throws ResultsError when a
 * place it would use holds something ephemera did not write.
 */
export function recoverInterrupted(p: Places): string[] {
  const notes: string[] = [];
  if (!exists(p.old)) return notes;
  if (!isDir(p.old) || !isCompleteResults(p.old)) {
    throw new ResultsError(`${p.old} is in the way: it is where ephemera keeps the old results while replacing ${p.target}, but it is not a results folder ephemera wrote; move it away`);
  }
  if (!exists(p.target)) {
    if (stagingState(p) === 'complete') {
      onPath(p.target, 'cannot finish an interrupted replacement', () => renameSync(p.staging, p.target));
      notes.push(`finished the interrupted replacement of ${p.target} (the new results were complete)`);
    } else {
      onPath(p.target, 'cannot restore the old results', () => renameSync(p.old, p.target));
      notes.push(`restored ${p.target} from ${p.old} (a replacement had been interrupted)`);
      return notes;
    }
  }
  removeOurs(p.old);
  return notes;
}


/** Folders `<target>.partial-<pid>` that ephemera 0.1 left when killed, whose process has ended. */
export function legacyPartials(p: Places): string[] {
  const parent = dirname(p.target);
  const base = basename(p.target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.partial-(\\d+)$`);
  const out: string[] = [];
  for (const n of names) {
    const m = re.exec(n);
    if (m === null) continue;
    const dir = join(parent, n);
    if (!isDir(dir) || writerAlive({ ephemera_staging: base, pid: Number(m[1]), host: hostname() })) continue;
    if (foreignEntries(dir, undefined).length === 0) out.push(dir);
  }
  return out;
}
