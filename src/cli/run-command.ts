import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario, ScenarioError, runScenario, writeResults, type LoadedScenario, type RunProgress } from '../index.js';
import { summaryLayout } from '../experiment/summary-layout.js';
import { summaryStatistics } from '../experiment/summary-statistics.js';
import type { Table } from '../metrics/table.js';
import { Progress } from './progress.js';
import { RunProgressModel } from './run-progress.js';
import { formatSummary } from './summary-text.js';
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
  const progress = new Progress({ quiet: args.quiet });
  loaded.forEach((l, i) => {
    const name = l.scenario.name;
    const t0 = performance.now();
    const replications = args.replications ?? l.scenario.replications;
    const model = new RunProgressModel(replications, t0);
    progress.start(name, model.detail);
    const result = runScenario(l.scenario, {
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      replications,
      ...(progress.enabled ? {
        onProgress: (p: RunProgress) => {
          model.simulated(p, performance.now());
          progress.update(model.fraction, model.detail, p.simulatedMs >= p.durationMs);
        },
        onReplication: (done: number) => {
          model.finished(done, performance.now());
          progress.update(model.fraction, model.detail, true);
        },
      } : {}),
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
      process.stdout.write(summaryText(result.tables[0]!, result.replications));
    }
  });
  return 0;
}

/** The printed summary: each metric's mean, 95% CI and unit, by section (see formatSummary). */
function summaryText(summary: Table, replications: number): string {
  const layout = summaryLayout(summary);
  return formatSummary(summaryStatistics(layout.metrics, layout.metricIndex, summary.rows), replications);
}
