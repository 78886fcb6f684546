import yargs from 'yargs';
import { availableParallelism } from 'node:os';
import { compareCommand } from './compare-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { loadAll, runCommand } from './run-command.js';
import { sweepCommand } from './sweep-command.js';
import { reportError } from './report-error.js';
import { replicationsProblem, seedProblem, workersProblem } from '../scenario/limits.js';

const EXAMPLES: [string, string][] = [
  ['$0 run scenarios/host-failures.yaml', 'run a scenario; results go to results/<name>/'],
  ['$0 run scenarios/host-failures.yaml --seed 7 --replications 30 --out /tmp/r', 'another seed, more replications, another folder'],
  ['$0 run scenarios/host-failures.yaml --set faults.hardware.ttf.exponential.mean=60d', 'override one value by its path'],
  ['$0 validate scenarios/*.yaml', 'check scenario files without running them'],
  ['$0 sweep scenarios/host-failures.yaml --vary faults.hardware.repair.exponential.mean=2h,4h,8h -r 10', 'a parameter sweep: every value x 10 replications, on every core'],
  ['$0 sweep S.yaml --vary PATH=A,B --shard 2/3 --out r/s2', 'the second of three slices of a sweep (for a cluster)'],
  ['$0 merge r/s1 r/s2 r/s3 --out r/sweep', 'join the slices into one sweep folder'],
  ['$0 compare results/a results/b', 'difference of means with 95% CIs, per metric'],
  ['$0 report results/host-failures-sweep', 'write report.html with plots'],
];

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
  const command = ['ephemera', ...argv].join(' ');
  const parser = yargs([...argv])
    .scriptName('ephemera')
    .usage('$0 <command> [options]\n\nA discrete-event simulator of an EC2-style cloud as a network administrator meets it.')
    .command(
      'run <scenario..>',
      'run scenario files and write their results',
      (y) => y
        .positional('scenario', { type: 'string', array: true, demandOption: true, describe: 'scenario files (.yaml or .json)' })
        .option('seed', { type: 'number', describe: 'base seed (overrides the scenario)' })
        .option('replications', { alias: 'r', type: 'number', describe: 'number of replications (overrides the scenario)' })
        .option('out', { alias: 'o', type: 'string', describe: 'results folder (default results/<name>/; with several scenarios, DIR/<name>/)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value by its path: PATH=VALUE (YAML), repeatable' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' })
        .check((a) => {
          const bad = (a.seed !== undefined ? seedProblem(a.seed) : undefined) ?? (a.replications !== undefined ? replicationsProblem(a.replications) : undefined);
          if (bad !== undefined) throw new Error(bad);
          return true;
        }),
      (a) => {
        status = runCommand({ scenario: a.scenario, seed: a.seed, replications: a.replications, out: a.out, set: a.set.map(String), quiet: a.quiet, command });
      },
    )
    .command(
      'validate <scenario..>',
      'check scenario files; print every problem with its file, line and path',
      (y) => y
        .positional('scenario', { type: 'string', array: true, demandOption: true })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value by its path: PATH=VALUE' }),
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
        .option('replications', { alias: 'r', type: 'number', describe: 'replications per point (default: the scenario\'s)' })
        .option('seed', { type: 'number', describe: 'base seed (overrides the scenario)' })
        .option('workers', { alias: 'w', type: 'number', describe: `worker threads (default: the number of cores, ${availableParallelism()} here)` })
        .option('shard', { type: 'string', describe: 'K/N: run only the K-th of N slices of the jobs (default: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)' })
        .option('out', { alias: 'o', type: 'string', describe: 'results folder (default results/<name>-sweep/, or results/<name>-sweep-shard-K-of-N/)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value at every point: PATH=VALUE, repeatable' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar, print nothing but errors' })
        .option('resume', { type: 'boolean', default: false, describe: 'continue a sweep (or shard) that was killed: run only the jobs its journal does not hold' })
        .check((a) => {
          const bad = (a.seed !== undefined ? seedProblem(a.seed) : undefined) ?? (a.replications !== undefined ? replicationsProblem(a.replications) : undefined);
          if (bad !== undefined) throw new Error(bad);
          const badWorkers = a.workers !== undefined ? workersProblem(a.workers) : undefined;
          if (badWorkers !== undefined) throw new Error(badWorkers);
          return true;
        }),
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
        .option('quiet', { alias: 'q', type: 'boolean', default: false }),
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
        .option('quiet', { alias: 'q', type: 'boolean', default: false }),
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
        .option('quiet', { alias: 'q', type: 'boolean', default: false }),
      async (a) => {
        status = await reportCommand({ dir: a.dir, out: a.out, svg: a.svg, quiet: a.quiet });
      },
    )
    .example(EXAMPLES)
    .option('debug', { type: 'boolean', default: false, global: true, describe: 'on an unexpected error, print its stack trace' })
    .demandCommand(1, 'name a command: run, validate, sweep, merge, compare or report')
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err !== undefined && err !== null && msg === null) throw err;
      throw new UsageError(msg ?? err?.message ?? 'invalid usage');
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`ephemera: ${e.message}\nRun 'ephemera --help' for usage.\n`);
    return 2;
  }
  return status;
}
