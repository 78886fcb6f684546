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

/** A scenario that cannot be run: every problem found, each with its location. */
export class ScenarioError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}
