import yargs from 'yargs';
import { loadAll, runCommand } from './run-command.js';

const EXAMPLES: [string, string][] = [
  ['$0 run scenarios/host-failures.yaml', 'run a scenario; results go to results/<name>/'],
  ['$0 run scenarios/host-failures.yaml --seed 7 --replications 30 --out /tmp/r', 'another seed, more replications, another folder'],
  ['$0 run scenarios/host-failures.yaml --set faults.hardware.ttf.exponential.mean=60d', 'override one value by its path'],
  ['$0 validate scenarios/*.yaml', 'check scenario files without running them'],
];

/** A command line that does not parse: exit status 2 with the message and a pointer to --help. */
class UsageError extends Error {}

/** The ephemera command line. Returns the exit status: 0 ok, 1 failure, 2 invalid input or usage. */
export async function main(argv: readonly string[]): Promise<number> {
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
          if (a.seed !== undefined && (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 32 - 1)) throw new Error(`--seed must be an integer from 0 to 4294967295, got ${a.seed}`);
          if (a.replications !== undefined && (!Number.isInteger(a.replications) || a.replications < 1)) throw new Error(`--replications must be an integer >= 1, got ${a.replications}`);
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
    .example(EXAMPLES)
    .demandCommand(1, 'name a command: run or validate')
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
