import { closeSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { onPath } from './fs-error.js';
import { removeOurs, type Places } from './staging.js';

/** Called before each step of writing and replacing a results folder (a test kills the process there). */
export type StepHook = (step: string) => void;

/** Flushes a folder's entries (new names, renames) to the disk; ignored where folders cannot be opened. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the renames still happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Puts the complete staging folder in place of the target: rename the old folder aside
 * (`<target>.ephemera-old`), rename the new one in, then remove the old. A kill at any
 * instant leaves either the old folder or the new one complete: at the target, or (between
 * the two renames) beside it, where the next command into the same place finishes the
 * replacement (see `recoverInterrupted`).
 */
export function replaceFolder(p: Places, onStep: StepHook = () => {}): void {
  const had = existsSync(p.target);
  if (had) {
    onStep('rename the old folder aside');
    onPath(p.target, 'cannot move the old results aside', () => renameSync(p.target, p.old));
  }
  onStep('rename the new folder in');
  onPath(p.target, 'cannot move the new results in place', () => renameSync(p.staging, p.target));
  onStep('flush the parent folder');
  syncFolder(dirname(p.target));
  if (had) {
    onStep('remove the old folder');
    removeOurs(p.old);
  }
}
