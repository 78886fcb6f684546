import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { formatProblem, loadScenario, ScenarioError, runScenarioParallelInto, runsOnWorkers, FolderSink, type LoadedScenario, type RunProgress } from '../index.js';
import { summaryLayout } from '../experiment/summary-layout.js';
import { workersProblem } from '../scenario/resource-estimate.js';
import { summaryStatistics } from '../experiment/summary-statistics.js';
import { TableBuilder, type Table } from '../metrics/table.js';
import { Progress } from './progress.js';
import { RunProgressModel } from './run-progress.js';
import { formatSummary } from './summary-text.js';
import { ephemeraCommitAsync, ephemeraVersion } from './version.js';

export interface RunArgs {
  readonly scenario: readonly string[];
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
  readonly out?: string | undefined;
  readonly set: readonly string[];
  /** Worker threads for the replications (default: the number of cores); 1 runs them in this thread. */
  readonly workers?: number | undefined;
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

/**
 * `ephemera run`: returns the exit status (0 ok, 2 invalid input). Every scenario is
 * validated and every output folder checked and opened before the first replication runs;
 * each replication's tables are written to the staging folder, in replication order, as
 * soon as it and the ones before it have finished (on `workers` threads; see
 * runScenarioParallelInto).
 */
export async function runCommand(args: RunArgs): Promise<number> {
  const commitLookup = ephemeraCommitAsync(); // git runs meanwhile (for the manifest)
  const loaded = loadAll(args.scenario, args.set);
  if (loaded === undefined) return 2;
  const dirs = loaded.map((l) => (args.out === undefined ? join('results', l.scenario.name) : loaded.length === 1 ? args.out : join(args.out, l.scenario.name)));
  const dup = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (dup !== undefined) {
    process.stderr.write(`two scenarios would write to ${dup}: give them different names\n`);
    return 2;
  }
  // Each worker process holds one replication at a time: together they must fit in memory.
  for (const l of loaded) {
    const workers = Math.min(args.workers ?? availableParallelism(), args.replications ?? l.scenario.replications);
    const tooMany = workersProblem([l.scenario], workers);
    if (tooMany !== undefined) {
      process.stderr.write(`${formatProblem(tooMany)}\n`);
      return 2;
    }
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
  const progress = new Progress({ quiet: args.quiet });
  try {
    for (const [i, l] of loaded.entries()) {
      const name = l.scenario.name;
      const folder = folders[i]!;
      const t0 = performance.now();
      const replications = args.replications ?? l.scenario.replications;
      const model = new RunProgressModel(replications, t0);
      // The summary rows, kept for the printed summary (the folder streams everything else).
      let summary: TableBuilder | undefined;
      const workers = args.workers ?? availableParallelism();
      const parallel = runsOnWorkers(l.scenario, { workers, replications });
      // On workers, progress counts finished replications; in this thread it follows the clock.
      const finishedDetail = (n: number): string => `${n}/${replications} replications done, ${Math.min(workers, replications)} workers`;
      progress.start(name, parallel ? finishedDetail(0) : model.detail);
      const stats = await runScenarioParallelInto(l.scenario, folder, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        replications,
        workers,
        onReplication: (done, _total, output) => {
          summary ??= new TableBuilder('summary', ['scenario', 'replication', 'seed', ...output.summary.map(([c]) => c)]);
          summary.add([name, output.replication, output.seed, ...output.summary.map(([, v]) => v)]);
          if (progress.enabled && !parallel) {
            model.finished(done, performance.now());
            progress.update(model.fraction, model.detail, true);
          }
        },
        onFinished: (n, total) => progress.update(n / total, finishedDetail(n), true),
        ...(progress.enabled ? {
          onProgress: (p: RunProgress) => {
            model.simulated(p, performance.now());
            progress.update(model.fraction, model.detail, p.simulatedMs >= p.durationMs);
          },
        } : {}),
      });
      progress.done();
      const wallS = (performance.now() - t0) / 1000;
      const commit = await commitLookup;
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
        if (summary !== undefined) process.stdout.write(summaryText(summary, stats.replications));
      }
    }
  } catch (e) {
    progress.done();
    for (const f of folders) f.abort();
    throw e;
  }
  return 0;
}

/** The printed summary: each metric's mean, 95% CI and unit, by section (see formatSummary). */
function summaryText(summary: Table, replications: number): string {
  const layout = summaryLayout(summary);
  return formatSummary(summaryStatistics(layout.metrics, layout.metricIndex, summary.rows), replications);
}
