import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario, ScenarioError, runScenarioInto, FolderSink, type LoadedScenario } from '../index.js';
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

/** The running mean of each numeric summary metric, over replications. */
class SummaryMeans {
  readonly #sums = new Map<string, { sum: number; n: number }>();

  add(summary: readonly (readonly [string, number])[]): void {
    for (const [c, v] of summary) {
      const s = this.#sums.get(c) ?? { sum: 0, n: 0 };
      s.sum += v;
      s.n++;
      this.#sums.set(c, s);
    }
  }

  /** One `  column  mean` line per metric. */
  text(): string {
    const width = Math.max(0, ...[...this.#sums.keys()].map((c) => c.length));
    const lines = [...this.#sums].map(([c, s]) => `  ${c.padEnd(width)}  ${formatNumber(s.sum / s.n)}${s.n > 1 ? ' (mean)' : ''}`);
    return `${lines.join('\n')}\n`;
  }
}

/**
 * `ephemera run`: returns the exit status (0 ok, 2 invalid input). Every scenario is
 * validated and every output folder checked and opened before the first replication runs;
 * each replication's tables are written to the staging folder as soon as it finishes.
 */
export function runCommand(args: RunArgs): number {
  const loaded = loadAll(args.scenario, args.set);
  if (loaded === undefined) return 2;
  const dirs = loaded.map((l) => (args.out === undefined ? join('results', l.scenario.name) : loaded.length === 1 ? args.out : join(args.out, l.scenario.name)));
  const dup = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (dup !== undefined) {
    process.stderr.write(`two scenarios would write to ${dup}: give them different names\n`);
    return 2;
  }
  const inputs = loaded.map((l) => l.source);
  const folders: FolderSink[] = [];
  try {
    for (const d of dirs) folders.push(FolderSink.open(d, { inputs }));
  } catch (e) {
    for (const f of folders) f.abort();
    throw e;
  }
  if (!args.quiet) for (const f of folders) for (const n of f.notes) process.stderr.write(`note: ${n}\n`);
  const progress = new Progress(args.quiet);
  try {
    loaded.forEach((l, i) => {
      const name = l.scenario.name;
      const folder = folders[i]!;
      const t0 = performance.now();
      const means = new SummaryMeans();
      const stats = runScenarioInto(l.scenario, folder, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.replications !== undefined ? { replications: args.replications } : {}),
        onReplication: (done, total, output) => {
          means.add(output.summary);
          progress.update(`${name}: replication ${done}/${total}`);
        },
      });
      progress.done();
      const wallS = (performance.now() - t0) / 1000;
      const commit = ephemeraCommit();
      const files = folder.commit({
        ephemera: ephemeraVersion(),
        ...(commit !== undefined ? { commit } : {}),
        scenario: name,
        scenario_file: l.source,
        scenario_sha256: l.hash,
        seed: stats.seed,
        replications: stats.replications,
        duration_s: l.scenario.duration / 1000,
        overrides: l.overrides,
        command: args.command,
      });
      if (!args.quiet) {
        process.stdout.write(`${name}: ${stats.replications} replication(s), ${stats.events} events in ${wallS.toFixed(2)} s -> ${folder.places.target}/ (${files.filter((f) => !f.includes('/')).join(', ')})\n`);
        process.stdout.write(means.text());
      }
    });
  } catch (e) {
    progress.done();
    for (const f of folders) f.abort();
    throw e;
  }
  return 0;
}
