/** One thing wrong with a scenario, located as precisely as the input allows. */
export interface Problem {
  /** The scenario file, or `--set PATH=VALUE` when an override caused it. */
  readonly source: string;
  /** 1-based line and column in the file, when known. */
  readonly line?: number;
  readonly col?: number;
  /** Dotted path in the document, e.g. `fleet.web.count`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** Formats a problem as `file:line:col: path: message`. */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.source : `${p.source}:${p.line}:${p.col ?? 1}`;
  return p.path === '' ? `${where}: ${p.message}` : `${where}: ${p.path}: ${p.message}`;
}

/** At most this many problems are listed; the rest are counted ("and N more problems"). */
export const MAX_PROBLEMS = 20;

/**
 * Collects problems up to MAX_PROBLEMS and counts the rest, so that a file with a
 * million mistakes costs no more to report than one with twenty.
 */
export class ProblemList {
  readonly problems: Problem[] = [];
  total = 0;

  /** True while another problem would still be listed (callers may skip describing it otherwise). */
  get room(): boolean {
    return this.problems.length < MAX_PROBLEMS;
  }

  add(p: Problem): void {
    this.total++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
  }

  /** Counts a problem without describing it. */
  count(n = 1): void {
    this.total += n;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  error(): ScenarioError {
    return new ScenarioError(this.problems, this.total);
  }
}

/**
 * A scenario that cannot be run: the problems found, each with its location; the message
 * lists the first MAX_PROBLEMS and then says how many more there are.
 */
export class ScenarioError extends Error {
  readonly problems: readonly Problem[];
  /** Problems found, the ones not listed included. */
  readonly total: number;

  constructor(problems: readonly Problem[], total = problems.length) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = Math.max(total, problems.length) - shown.length;
    super([...shown.map(formatProblem), ...(more > 0 ? [`... and ${more} more problem${more === 1 ? '' : 's'}`] : [])].join('\n'));
    this.name = 'ScenarioError';
    this.problems = shown;
    this.total = Math.max(total, problems.length);
  }
}
