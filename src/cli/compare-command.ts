import { compareResults, writeTableFile } from '../index.js';
import { formatComparison } from './compare-text.js';

export interface CompareArgs {
  readonly a: string;
  readonly b: string;
  readonly metric: readonly string[];
  /** Also write the comparison as CSV here; by default it is only printed. */
  readonly out?: string | undefined;
  readonly quiet: boolean;
}

/**
 * `ephemera compare`: prints the comparison, and with --out writes it as CSV (never inside
 * A or B). Throws ResultsError (exit 2) when the folders cannot be compared.
 */
export function compareCommand(args: CompareArgs): number {
  const table = compareResults(args.a, args.b, args.metric.length > 0 ? { metrics: args.metric } : {});
  if (args.out !== undefined) writeTableFile(args.out, table, { inputs: [args.a, args.b] });
  if (!args.quiet) {
    process.stdout.write(`A = ${args.a}\nB = ${args.b}\nB - A with its 95% confidence interval (paired when the replications line up, Welch otherwise); each mean with its own\n\n`);
    process.stdout.write(formatComparison(table));
    if (args.out !== undefined) process.stdout.write(`\n-> ${args.out}\n`);
  }
  return 0;
}
