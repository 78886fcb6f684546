import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario, ScenarioError, runScenario, writeResults, type LoadedScenario } from '../index.js';
import { formatNumber } from '../metrics/number-format.js';
import { Progress } from './progress.js';
import { ephemeraCommit, ephemeraVersion } from './version.js';

export interface RunArgs {
  readonly scenario: readonly string[];
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
  readonly out?: string | undefined;
  readonly set: readonly string[];
  readonly quiet: boolean;
  readonly command: string;
}

/** Loads every scenario first (so a bad one stops the run before anything is written). */
export function loadAll(paths: readonly string[], set: readonly string[]): LoadedScenario[] | undefined {
  const loaded: LoadedScenario[] = [];
  let failed = false;
  for (const p of paths) {
    try {
      loaded.push(loadScenario(p, { set }));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      process.stderr.write(`${e.message}\n`);
      failed = true;
    }
  }
  return failed ? undefined : loaded;
}

/** `ephemera run`: returns the exit status (0 ok, 2 invalid input). */
export function runCommand(args: RunArgs): number {
  const loaded = loadAll(args.scenario, args.set);
  if (loaded === undefined) return 2;
  const dirs = loaded.map((l) => (args.out === undefined ? join('results', l.scenario.name) : loaded.length === 1 ? args.out : join(args.out, l.scenario.name)));
  const dup = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (dup !== undefined) {
    process.stderr.write(`two scenarios would write to ${dup}: give them different names\n`);
    return 2;
  }
  const progress = new Progress(args.quiet);
  loaded.forEach((l, i) => {
    const name = l.scenario.name;
    const t0 = performance.now();
    const result = runScenario(l.scenario, {
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.replications !== undefined ? { replications: args.replications } : {}),
      onReplication: (done, total) => progress.update(`${name}: replication ${done}/${total}`),
    });
    progress.done();
    const wallS = (performance.now() - t0) / 1000;
    const dir = dirs[i]!;
    const commit = ephemeraCommit();
    const files = writeResults(dir, result.tables, {
      ephemera: ephemeraVersion(),
      ...(commit !== undefined ? { commit } : {}),
      scenario: name,
      scenario_file: l.source,
      scenario_sha256: l.hash,
      seed: result.seed,
      replications: result.replications,
      duration_s: l.scenario.duration / 1000,
      overrides: l.overrides,
      command: args.command,
    }, result.files);
    if (!args.quiet) {
      process.stdout.write(`${name}: ${result.replications} replication(s), ${result.events} events in ${wallS.toFixed(2)} s -> ${dir}/ (${files.join(', ')})\n`);
      process.stdout.write(summaryMeans(result.tables[0]!.columns, result.tables[0]!.rows));
    }
  });
  return 0;
}

/** The mean of each numeric summary column, one `  column  mean` line each. */
function summaryMeans(columns: readonly string[], rows: readonly (string | number | null)[][]): string {
  const lines: string[] = [];
  const width = Math.max(...columns.map((c) => c.length));
  columns.forEach((c, j) => {
    if (c === 'scenario' || c === 'replication' || c === 'seed') return;
    const vals = rows.map((r) => r[j]).filter((v): v is number => typeof v === 'number');
    if (vals.length === 0) return;
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    lines.push(`  ${c.padEnd(width)}  ${formatNumber(mean)}${vals.length > 1 ? ' (mean)' : ''}`);
  });
  return `${lines.join('\n')}\n`;
}
