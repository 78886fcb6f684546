import { mergeResults, ResultsError } from '../index.js';

export interface MergeArgs {
  readonly dirs: readonly string[];
  readonly out: string;
  readonly quiet: boolean;
  readonly command: string;
}

/** `ephemera merge`: returns the exit status (0 ok, 2 the folders are not one sweep's shards; nothing written then). */
export function mergeCommand(args: MergeArgs): number {
  try {
    const m = mergeResults(args.dirs, args.out, args.command);
    if (!args.quiet) process.stdout.write(`merged ${m.shards} shard(s), ${m.jobs} run(s) -> ${args.out}/ (${m.written.filter((f) => !f.includes('/')).join(', ')})\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ResultsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
}
