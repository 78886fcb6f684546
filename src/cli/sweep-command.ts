import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FolderSink, planSweep, ScenarioError, sweepIntoFolder, sweepJournalHeader, type Shard, type SweepPlan } from '../index.js';
import { parseShard, shardFromEnv } from '../experiment/shard.js';
import { Progress } from './progress.js';
import { sweepDetail } from './sweep-progress.js';
import { ephemeraCommit, ephemeraVersion } from './version.js';

export interface SweepArgs {
  readonly scenario: string;
  readonly vary: readonly string[];
  readonly set: readonly string[];
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
  readonly workers?: number | undefined;
  readonly shard?: string | undefined;
  readonly out?: string | undefined;
  readonly quiet: boolean;
  /** Continue the sweep killed in the same place (its journal), instead of starting again. */
  readonly resume?: boolean | undefined;
  readonly command: string;
  /** Where SLURM / Kubernetes shard variables are read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Default results folder: results/<name>-sweep/, or results/<name>-sweep-shard-K-of-N/. */
function defaultOut(plan: SweepPlan): string {
  const s = plan.shard;
  return join('results', s === undefined ? `${plan.name}-sweep` : `${plan.name}-sweep-shard-${s.index}-of-${s.count}`);
}

/** `ephemera sweep`: returns the exit status (0 ok, 2 invalid input; nothing written then). */
export async function sweepCommand(args: SweepArgs): Promise<number> {
  const fail = (message: string): number => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  let shard: Shard | undefined;
  try {
    shard = args.shard !== undefined ? parseShard(args.shard) : shardFromEnv(args.env ?? process.env);
  } catch (e) {
    return fail((e as Error).message);
  }
  let plan: SweepPlan;
  try {
    plan = planSweep({
      scenario: args.scenario, vary: args.vary, set: args.set, shard,
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.replications !== undefined ? { replications: args.replications } : {}),
      ...(args.workers !== undefined ? { workers: args.workers } : {}),
    });
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.message);
    throw e;
  }
  const dir = args.out ?? defaultOut(plan);
  const version = ephemeraVersion();
  const folder = FolderSink.open(dir, { inputs: [plan.file], resume: args.resume === true, journal: { header: sweepJournalHeader(plan, version, args.command) } });
  if (!args.quiet) {
    for (const n of folder.notes) process.stderr.write(`note: ${n}\n`);
    if (args.resume === true && !folder.finished) {
      const total = plan.end - plan.start;
      process.stderr.write(folder.resumed.length > 0 ? `resuming ${folder.places.target}: ${folder.resumed.length} of ${total} job(s) already done\n` : `nothing to resume in ${folder.places.target}: running all ${total} job(s)\n`);
    }
  }
  const workers = args.workers;
  const progress = new Progress({ quiet: args.quiet });
  const t0 = performance.now();
  const runs = plan.end - plan.start;
  // The points this shard's jobs touch: jobs are numbered point * replications + replication.
  const points = runs === 0 ? 0 : Math.floor((plan.end - 1) / plan.replications) - Math.floor(plan.start / plan.replications) + 1;
  progress.start(plan.name, sweepDetail({ runsDone: 0, runsTotal: runs, pointsDone: 0, pointsTotal: points }));
  let result;
  try {
    result = await sweepIntoFolder(plan, folder, version, args.command, {
      ...(workers !== undefined ? { workers } : {}),
      onProgress: (p) => progress.update(p.runsTotal === 0 ? 1 : p.runsDone / p.runsTotal, sweepDetail(p), p.runsDone === p.runsTotal),
    }, ephemeraCommit());
  } catch (e) {
    progress.done();
    process.stderr.write(`the finished jobs are kept in ${folder.places.staging}: run the same command with --resume to continue\n`);
    throw e;
  }
  progress.done();
  const wallS = (performance.now() - t0) / 1000;
  if (!args.quiet) {
    const slice = plan.shard === undefined ? '' : ` (shard ${plan.shard.index}/${plan.shard.count} from ${plan.shard.from}: jobs ${plan.start}-${plan.end - 1} of ${plan.jobs})`;
    const resumed = folder.resumed.length > 0 ? ` (${folder.resumed.length} done before the resume)` : '';
    process.stdout.write(`${plan.name}: ${plan.points.length} point(s) x ${plan.replications} replication(s)${slice}, ${result.runs} run(s)${resumed}, ${result.events} events in ${wallS.toFixed(2)} s -> ${folder.places.target}/ (${result.written.filter((f) => !f.includes('/')).join(', ')})\n`);
  }
  return 0;
}
