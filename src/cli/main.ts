import yargs from 'yargs';
import { availableParallelism } from 'node:os';
import { compareCommand } from './compare-command.js';
import { describeMetricsCommand } from './describe-metrics-command.js';
import { EXAMPLES, EXIT_STATUS } from './help.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { loadAll, runCommand } from './run-command.js';
import { schemaCommand } from './schema-command.js';
import { sweepCommand } from './sweep-command.js';
import { wholeNumber } from './number-option.js';
import { versionText } from './version.js';
import { reportError } from './report-error.js';
import { LIMITS } from '../scenario/limits.js';

/**
 * yargs lays out a command's whole help after its handler has started (the usage
 * instance's `cacheHelpMessage`, kept for a handler that shows help later): string widths of
 * every line, some 20 ms of each command's start. ephemera's handlers never show help (a
 * usage error prints one line and a pointer to --help), so that layout is skipped; --help
 * itself lays out its text as before. A yargs without these internals is left as it is.
 */
function skipHelpLayout(parser: unknown): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => unknown } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.() as { cacheHelpMessage?: unknown } | undefined;
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = (): void => {};
}

/** A command line that does not parse: exit status 2 with the message and a pointer to --help. */
class UsageError extends Error {}

/**
 * The ephemera command line. Returns the exit status: 0 ok, 1 failure, 2 invalid input or
 * usage. Never throws: every error becomes one message on stderr (its stack trace only
 * with `--debug`).
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    return reportError(e, argv.includes('--debug'));
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  let status = 0;
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${versionText()}\n`);
    return 0;
  }
  const command = ['ephemera', ...argv].join(' ');
  const seed = { requiresArg: true, describe: 'base seed, an integer from 0 to 4294967295 (overrides the scenario)', coerce: wholeNumber('--seed', 0, LIMITS.seed) } as const;
  const parser = yargs([...argv])
    .scriptName('ephemera')
    // Numbers are checked as typed (number-option.ts), not turned into NaN first.
    .parserConfiguration({ 'parse-numbers': false, 'parse-positional-numbers': false })
    .version(false) // --version is answered above, before yargs
    .option('version', { alias: 'V', type: 'boolean', global: false, describe: 'print the version (and the git commit, when run from a checkout)' })
    .usage('$0 <command> [options]\n\nA discrete-event simulator of an EC2-style cloud as a network administrator meets it.')
    .command(
      'run <scenario..>',
      'run scenario files and write their results',
      (y) => y
        .positional('scenario', { type: 'string', array: true, demandOption: true, describe: 'scenario files (.yaml or .json)' })
        .option('seed', seed)
        .option('replications', { alias: 'r', requiresArg: true, describe: 'number of replications, an integer from 1 to 100000 (overrides the scenario)', coerce: wholeNumber('--replications', 1, LIMITS.replications) })
        .option('out', { alias: 'o', type: 'string', describe: 'results folder (default results/<name>/; with several scenarios, DIR/<name>/)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value by its path: PATH=VALUE (YAML), repeatable' })
        .option('workers', { alias: 'w', requiresArg: true, describe: `worker processes for the replications, an integer from 1 to ${LIMITS.workers} (default: the number of cores, ${availableParallelism()} here; 1 runs them in this thread); the results are the same bytes whatever the number`, coerce: wholeNumber('--workers', 1, LIMITS.workers) })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' })
        .example(EXAMPLES.run)
        .epilogue(EXIT_STATUS),
      async (a) => {
        status = await runCommand({ scenario: a.scenario, seed: a.seed, replications: a.replications, out: a.out, set: a.set.map(String), workers: a.workers, quiet: a.quiet, command });
      },
    )
    .command(
      'validate <scenario..>',
      'check scenario files; print every problem with its file, line and path',
      (y) => y
        .positional('scenario', { type: 'string', array: true, demandOption: true, describe: 'scenario files (.yaml or .json)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value by its path: PATH=VALUE' })
        .example(EXAMPLES.validate)
        .epilogue(EXIT_STATUS),
      (a) => {
        const loaded = loadAll(a.scenario, a.set.map(String));
        if (loaded === undefined) status = 2;
        else for (const l of loaded) process.stdout.write(`ok ${l.source} (${l.scenario.name})\n`);
      },
    )
    .command(
      'sweep <scenario>',
      'run a scenario over a grid of parameter values, with replications, on every core',
      (y) => y
        .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml or .json)' })
        .option('vary', { type: 'string', array: true, default: [] as string[], describe: 'PATH=V1,V2,...: values of one parameter (repeatable; the grid is every combination)' })
        .option('replications', { alias: 'r', requiresArg: true, describe: 'replications per point, an integer from 1 to 100000 (default: the scenario\'s)', coerce: wholeNumber('--replications', 1, LIMITS.replications) })
        .option('seed', seed)
        .option('workers', { alias: 'w', requiresArg: true, describe: `worker processes, an integer from 1 to 256 (default: the number of cores, ${availableParallelism()} here)`, coerce: wholeNumber('--workers', 1, LIMITS.workers) })
        .option('shard', { type: 'string', describe: 'K/N: run only the K-th of N slices of the jobs (default: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)' })
        .option('out', { alias: 'o', type: 'string', describe: 'results folder (default results/<name>-sweep/, or results/<name>-sweep-shard-K-of-N/)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value at every point: PATH=VALUE, repeatable' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar, print nothing but errors' })
        .option('resume', { type: 'boolean', default: false, describe: 'continue a sweep (or shard) that was killed: run only the jobs its journal does not hold' })
        .example(EXAMPLES.sweep)
        .epilogue(EXIT_STATUS),
      async (a) => {
        status = await sweepCommand({
          scenario: a.scenario, vary: a.vary.map(String), set: a.set.map(String), seed: a.seed, replications: a.replications,
          workers: a.workers, shard: a.shard, out: a.out, quiet: a.quiet, resume: a.resume, command,
        });
      },
    )
    .command(
      'merge <dirs..>',
      'join the shard folders of a sweep into one folder, as a single machine would have written it',
      (y) => y
        .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shards\' results folders' })
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the merged results folder' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' })
        .example(EXAMPLES.merge)
        .epilogue(EXIT_STATUS),
      (a) => {
        status = mergeCommand({ dirs: a.dirs, out: a.out, quiet: a.quiet, command });
      },
    )
    .command(
      'compare <a> <b>',
      'per metric: A\'s mean, B\'s mean, B - A with its 95% CI (paired when replications line up, else Welch)',
      (y) => y
        .positional('a', { type: 'string', demandOption: true, describe: 'results folder A' })
        .positional('b', { type: 'string', demandOption: true, describe: 'results folder B' })
        .option('metric', { alias: 'm', type: 'string', array: true, default: [] as string[], describe: 'compare only these summary columns (repeatable)' })
        .option('out', { alias: 'o', type: 'string', describe: 'also write the comparison as CSV to this file (default: print it only)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' })
        .example(EXAMPLES.compare)
        .epilogue(EXIT_STATUS),
      (a) => {
        status = compareCommand({ a: a.a, b: a.b, metric: a.metric.map(String), out: a.out, quiet: a.quiet });
      },
    )
    .command(
      'report <dir>',
      'write report.html: plots (Vega-Lite, rendered to SVG) and tables of a results folder, one file that opens offline',
      (y) => y
        .positional('dir', { type: 'string', demandOption: true, describe: 'results folder' })
        .option('out', { alias: 'o', type: 'string', describe: 'the HTML file (default <dir>/report.html)' })
        .option('svg', { type: 'string', describe: 'also write each plot as <plot>.svg into this folder' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' })
        .example(EXAMPLES.report)
        .epilogue(EXIT_STATUS),
      async (a) => {
        status = await reportCommand({ dir: a.dir, out: a.out, svg: a.svg, quiet: a.quiet });
      },
    )
    .command(
      'describe-metrics [table..]',
      'print the metric catalogue: every column of every results table, with its unit, kind and meaning',
      (y) => y
        .positional('table', { type: 'string', array: true, default: [] as string[], describe: 'tables to describe (summary, timeseries, ...; default: all)' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'] as const, default: 'text' as const, describe: 'text, markdown (as in the README) or json' })
        .example(EXAMPLES['describe-metrics'])
        .epilogue(EXIT_STATUS),
      (a) => {
        status = describeMetricsCommand({ tables: a.table.map(String), format: a.format });
      },
    )
    .command(
      'schema',
      'print the JSON Schema of scenario files (for editors: completion, checks, the units of each value)',
      (y) => y.example(EXAMPLES.schema).epilogue(EXIT_STATUS),
      () => {
        status = schemaCommand();
      },
    )
    .example(EXAMPLES.top)
    .epilogue(EXIT_STATUS)
    .option('debug', { type: 'boolean', default: false, global: true, describe: 'on an unexpected error, print its stack trace' })
    .demandCommand(1, 'name a command: run, validate, sweep, merge, compare, report, describe-metrics or schema')
    .strict()
    .help()
    .alias('help', 'h')
    // Only --help wraps its text to the terminal (see skipHelpLayout for the rest of yargs' help layout).
    .wrap(argv.includes('--help') || argv.includes('-h') ? Math.min(110, process.stdout.columns ?? 100) : null)
    .exitProcess(false)
    .fail((msg, err) => {
      if (err !== undefined && err !== null && msg === null) throw err;
      throw new UsageError(msg ?? err?.message ?? 'invalid usage');
    });
  skipHelpLayout(parser);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`ephemera: ${e.message}\nRun 'ephemera --help' for usage.\n`);
    return 2;
  }
  return status;
}
