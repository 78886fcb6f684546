import { mergeResults } from '../index.js';

export interface MergeArgs {
  readonly dirs: readonly string[];
  readonly out: string;
  readonly quiet: boolean;
  readonly command: string;
}

/**
 * `ephemera merge`: returns the exit status (0 ok); throws ResultsError (exit 2) when the
 * folders are not one sweep's complete shards, naming the one that is not.
 */
export function mergeCommand(args: MergeArgs): number {
  const m = mergeResults(args.dirs, args.out, args.command);
  if (!args.quiet) {
    for (const n of m.notes) process.stderr.write(`note: ${n}\n`);
    process.stdout.write(`merged ${m.shards} shard(s), ${m.jobs} run(s), every file checked against its shard's manifest -> ${args.out}/ (${m.written.filter((f) => !f.includes('/')).join(', ')})\n`);
  }
  return 0;
}
