import { compareResults, ResultsError, writeTableFile } from '../index.js';
import { formatComparison } from './compare-text.js';

export interface CompareArgs {
  readonly a: string;
  readonly b: string;
  readonly metric: readonly string[];
  readonly out: string;
  readonly quiet: boolean;
}

/** `ephemera compare`: prints the comparison and writes it as CSV; exit 2 when the folders cannot be compared. */
export function compareCommand(args: CompareArgs): number {
  try {
    const table = compareResults(args.a, args.b, args.metric.length > 0 ? { metrics: args.metric } : {});
    writeTableFile(args.out, table);
    if (!args.quiet) {
      process.stdout.write(`A = ${args.a}\nB = ${args.b}\nB - A with its 95% confidence interval (paired when the replications line up, Welch otherwise); each mean with its own\n\n`);
      process.stdout.write(formatComparison(table));
      process.stdout.write(`\n-> ${args.out}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ResultsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
}
