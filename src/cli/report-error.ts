import { ScenarioError } from '../scenario/scenario-error.js';
import { ResultsError } from '../experiment/results-error.js';
import { FileSystemError, fsError, isSystemError } from '../output/fs-error.js';

/**
 * Prints an error that reached the top of the command line as one message and returns
 * the exit status: 2 for invalid input (a scenario, results folders that do not fit, a
 * folder ephemera will not touch), 1 for a file-system failure (the path, the cause and a
 * remedy) and for anything unexpected. A stack trace is printed only with `--debug`.
 */
export function reportError(e: unknown, debug: boolean): number {
  const stack = (): void => {
    if (debug && e instanceof Error) process.stderr.write(`${e.stack ?? e.message}\n`);
    const cause = e instanceof Error ? e.cause : undefined;
    if (debug && cause instanceof Error) process.stderr.write(`caused by: ${cause.stack ?? cause.message}\n`);
  };
  if (e instanceof ScenarioError || e instanceof ResultsError) {
    process.stderr.write(`${e.message}\n`);
    stack();
    return 2;
  }
  const fs = isSystemError(e) ? fsError(e, (e as NodeJS.ErrnoException).path ?? '(unknown path)', `cannot ${(e as NodeJS.ErrnoException).syscall ?? 'access'}`) : e;
  if (fs instanceof FileSystemError) {
    process.stderr.write(`ephemera: ${fs.message}\n`);
    stack();
    return 1;
  }
  if (e instanceof RangeError && /heap|allocation|Invalid array length|Set maximum size|Map maximum size/i.test(e.message)) {
    process.stderr.write(`ephemera: the run needed more memory than this process has (${e.message}); make the scenario smaller or run node with a larger --max-old-space-size\n`);
    stack();
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`ephemera: internal error: ${message}\n${debug ? '' : 'This is a bug in ephemera, not in your input; run the command again with --debug for the stack trace and report it.\n'}`);
  stack();
  return 1;
}
