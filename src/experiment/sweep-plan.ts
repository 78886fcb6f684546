import { loadScenario, type LoadedScenario } from '../scenario/loader.js';
import { parseOverride, pathStartsWith } from '../scenario/overrides.js';
import { formatProblem, ScenarioError, type Problem } from '../scenario/scenario-error.js';
import type { Scenario } from '../scenario/schema.js';
import { availableParallelism } from 'node:os';
import { workersProblem } from '../scenario/resource-estimate.js';
import { shardRange, type Shard } from './shard.js';
import { pointOverrides, sweepGrid } from './sweep-grid.js';
import { parseVaries, VaryError, type Vary } from './vary.js';

/** What to sweep: a scenario file, the parameters to vary, and how to run it. */
export interface SweepDefinition {
  /** The scenario file (YAML or JSON). */
  readonly scenario: string;
  /** `PATH=V1,V2,...` for each varied parameter (the grid is their cartesian product). */
  readonly vary: readonly string[];
  /** `PATH=VALUE` overrides applied to every point, as `--set`. */
  readonly set?: readonly string[];
  /** Base seed (default: the scenario's). */
  readonly seed?: number;
  /** Replications per point (default: the scenario's). */
  readonly replications?: number;
  /** Run only this slice of the jobs. */
  readonly shard?: Shard | undefined;
  /** Worker threads that will run it (for the memory check: each holds a replication). */
  readonly workers?: number;
}

/** One point of the grid, validated. */
export interface SweepPoint {
  readonly index: number;
  /** The varied parameters' values, in --vary order, as written. */
  readonly values: readonly string[];
  /** The `PATH=VALUE` overrides that make this point (the --set ones first). */
  readonly set: readonly string[];
  readonly scenario: Scenario;
}

/** A sweep ready to run: every point validated, the jobs numbered. */
export interface SweepPlan {
  readonly file: string;
  /** sha256 of the scenario file's bytes. */
  readonly hash: string;
  /** The scenario's name (at point 0). */
  readonly name: string;
  readonly set: readonly string[];
  readonly varies: readonly Vary[];
  readonly points: readonly SweepPoint[];
  readonly seed: number;
  readonly replications: number;
  /** Jobs in the whole grid: points x replications, numbered point-major. */
  readonly jobs: number;
  readonly shard: Shard | undefined;
  /** The jobs this process runs: [start, end). */
  readonly start: number;
  readonly end: number;
}

/** Points a --set problem at the --vary that caused it, naming the value. */
function blame(p: Problem, varies: readonly Vary[], point: readonly string[]): Problem {
  if (!p.source.startsWith('--set ')) return p;
  const text = p.source.slice('--set '.length);
  const i = varies.findIndex((v, k) => text === `${v.path}=${point[k]!}`);
  if (i < 0) return p;
  return { ...p, source: `--vary ${varies[i]!.text} (value ${point[i]!})` };
}

/**
 * Parses the --vary options, builds the grid and loads and validates the scenario at every
 * point, before anything runs. Throws ScenarioError listing every problem (each bad value
 * once, located at its --vary) so a bad sweep writes nothing.
 */
export function planSweep(def: SweepDefinition): SweepPlan {
  let varies: Vary[];
  try {
    varies = parseVaries(def.vary);
  } catch (e) {
    if (!(e instanceof VaryError)) throw e;
    throw new ScenarioError([{ source: `--vary ${e.text}`, path: '', message: e.reason }]);
  }
  const set = def.set ?? [];
  const clash: Problem[] = [];
  for (const s of set) {
    let path: readonly (string | number)[];
    try {
      path = parseOverride(s).path;
    } catch {
      continue; // the loader reports a malformed --set
    }
    const v = varies.find((x) => {
      const vp = x.path.split('.');
      return pathStartsWith(path.map(String), vp) || pathStartsWith(vp, path.map(String));
    });
    if (v !== undefined) clash.push({ source: `--vary ${v.text}`, path: v.path, message: `--set ${s} sets the same value; drop one of them` });
  }
  if (clash.length > 0) throw new ScenarioError(clash);

  const problems = new Map<string, Problem>();
  const points: SweepPoint[] = [];
  let first: LoadedScenario | undefined;
  for (const g of sweepGrid(varies)) {
    const pointSet = [...set, ...pointOverrides(varies, g)];
    try {
      const loaded = loadScenario(def.scenario, { set: pointSet });
      first ??= loaded;
      points.push({ index: g.index, values: g.values, set: pointSet, scenario: loaded.scenario });
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const p of e.problems) {
        const q = blame(p, varies, g.values);
        problems.set(formatProblem(q), q);
      }
    }
  }
  if (problems.size > 0 || first === undefined) throw new ScenarioError([...problems.values()]);
  const replications = def.replications ?? first.scenario.replications;
  const seed = def.seed ?? first.scenario.seed;
  const jobs = points.length * replications;
  const shard = def.shard;
  if (shard !== undefined && shard.count > jobs) {
    const how = shard.from === '--shard' ? `--shard ${shard.index}/${shard.count}` : `${shard.from} (shard ${shard.index} of ${shard.count})`;
    throw new ScenarioError([{ source: how, path: '', message: `the sweep has ${jobs} job(s) (${points.length} point(s) x ${replications} replication(s)), fewer than ${shard.count} shards: every shard would not get a job; use at most ${jobs} shards` }]);
  }
  const workers = Math.min(def.workers ?? availableParallelism(), jobs);
  // Each worker process holds one replication's world at a time: together they must fit in memory.
  const tooMany = workersProblem(points.map((p) => p.scenario), workers);
  if (tooMany !== undefined) throw new ScenarioError([tooMany]);
  const { start, end } = shardRange(jobs, shard);
  return { file: def.scenario, hash: first.hash, name: first.scenario.name, set, varies, points, seed, replications, jobs, shard: def.shard, start, end };
}
