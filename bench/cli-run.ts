/**
 * Whole-process runs through ephemera's own CLI, as a user starts them (`ephemera run ...`,
 * results written to a temporary folder): the README's main job, the B2 failure year at
 * 10,000 and 100,000 hosts, the failure year with a fleet, and the clients scaling series
 * of the aiderss month. Wall time spawn to exit; memory: the child's peak resident set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runJob, runScript } from './child-process.js';
import type { BenchEntry, BenchRow, Targets } from './report.js';

const MB = 1 << 20;

/**
 * Peer simulators on the B2 workload. Neither is installed on this machine, so these are the
 * figures recorded when ephemera's first bench was written (README "Benchmarks", commit
 * 7be358a, 2026-11-24, the same 2-core machine class), printed as recorded, not measured.
 */
export const B2_PEERS = 'recorded 2026-11-24 (commit 7be358a), not measured here: CloudSim Plus 8.5.7 0.68 s / 226 MB whole process (0.45 s in process), SimPy 4.1.2 0.69 s';

interface CliCase {
  readonly name: string;
  readonly workload: string;
  readonly args: readonly string[];
  readonly targets?: Targets;
  readonly peers?: string;
  readonly detail?: string;
}

export const CLI_CASES: readonly CliCase[] = [
  { name: 'cli/b2', workload: 'run scenarios/host-failures.yaml -r 1 (10,000 hosts, 1 y, ~242,000 events)', args: ['run', 'scenarios/host-failures.yaml', '--replications', '1'], targets: { wallMs: 400 }, peers: B2_PEERS },
  { name: 'cli/b2-100k', workload: 'the same at 100,000 hosts (~2.4 M events)', args: ['run', 'scenarios/host-failures.yaml', '--replications', '1', '--set', 'cloud.zones.us-east-1a.hosts=100000'], targets: { wallMs: 3000 } },
  {
    name: 'cli/failure-year+fleet', workload: 'bench/scenarios/failure-year-fleet.yaml (+20,000 m1.small)', args: ['run', 'bench/scenarios/failure-year-fleet.yaml'],
    targets: { wallMs: 5000, memoryBytes: 400 * MB }, detail: 'writes a million-row addresses.csv',
  },
  ...[100_000, 1_000_000, 10_000_000].map((n): CliCase => ({
    name: `cli/dns-${n.toExponential().replace('e+', 'e')}`, workload: `aiderss month, 10,000 resolvers, ${n.toLocaleString('en-US')} clients, sampled mode`,
    args: ['run', 'scenarios/aiderss.yaml', '--replications', '1', '--set', 'dns.resolvers.count=10000', '--set', `clients.count=${n}`],
    ...(n === 10_000_000 ? { targets: { wallMs: 5000, memoryBytes: 700 * MB } } : {}),
  })),
  {
    name: 'cli/dns-1e8-sampled', workload: 'aiderss month, 100,000 resolvers, 100,000,000 clients, clients.sample 20 per resolver',
    args: ['run', 'scenarios/aiderss.yaml', '--replications', '1', '--set', 'dns.resolvers.count=100000', '--set', 'clients.count=100000000', '--set', 'clients.sample.per_resolver=20'],
    targets: { wallMs: 30_000, memoryBytes: 2048 * MB },
  },
];

const MAIN_JOB = ['run', 'scenarios/aiderss.yaml'];

/**
 * The README's main job (20 replications) as a user runs it, on the default workers (the
 * cores), with --workers 1, and with --workers 1 under `node --single-threaded` (V8's
 * compiler and garbage collector in the same thread: one core), in turn (default, 1,
 * 1 core, default, ...), so that the speed-up rows are medians of ratios of neighbouring
 * runs, as the machine's speed drifts. `--workers 1` alone is not one core: V8 compiles and
 * collects garbage on helper threads, on the other cores.
 */
function mainJobRows(runs: number, out: string): BenchRow[] {
  const many: number[] = [];
  const one: number[] = [];
  const core: number[] = [];
  const manyRss: number[] = [];
  const oneRss: number[] = [];
  const coreRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  cli/main-job ${i + 1}/${runs} ...\n`);
    const a = runCli([...MAIN_JOB, '--out', join(out, 'main-job')]);
    const b = runCli([...MAIN_JOB, '--workers', '1', '--out', join(out, 'main-job-1')]);
    const c = runCli([...MAIN_JOB, '--workers', '1', '--out', join(out, 'main-job-1-core')], ['--single-threaded']);
    many.push(a.wallMs);
    manyRss.push(a.maxRssBytes);
    one.push(b.wallMs);
    oneRss.push(b.maxRssBytes);
    core.push(c.wallMs);
    coreRss.push(c.maxRssBytes);
  }
  const cores = availableParallelism();
  return [
    { name: 'cli/main-job', workload: `run scenarios/aiderss.yaml (20 replications, default --workers: ${cores} here)`, runs: many, unit: 'ms', memoryBytes: manyRss, targets: { wallMs: 3000 }, detail: 'peak of the summed RSS of the process and its worker processes (sampled every 10 ms)' },
    { name: 'cli/main-job-1-worker', workload: 'the same with --workers 1 (in one thread)', runs: one, unit: 'ms', memoryBytes: oneRss, detail: 'peak RSS of the process' },
    {
      name: 'cli/main-job/workers-vs-1', workload: `wall --workers 1 / default (${cores}), run by run`, runs: one.map((w, i) => w / many[i]!), unit: 'ratio',
      ...(cores >= 2 ? { targets: { ratio: 1.8 } } : {}), detail: 'speed-up of the main job on the worker pool; below the target when other processes share the cores',
    },
    { name: 'cli/main-job-1-core', workload: 'the same with --workers 1 under node --single-threaded (one core; no code cache under a V8 flag)', runs: core, unit: 'ms', memoryBytes: coreRss, detail: 'peak RSS of the process' },
    {
      name: 'cli/main-job/workers-vs-1-core', workload: `wall of --workers 1 on one core / default (${cores}), run by run`, runs: core.map((w, i) => w / many[i]!), unit: 'ratio',
      detail: 'speed-up of the worker pool over one core (a worker process runs V8 single-threaded, so this is what each of its workers starts from)',
    },
  ];
}

/**
 * The floor under B2 and B2 at 100,000 hosts as whole processes: Node, the engine's modules
 * and the same renewal events alone (bench/renewal-floor.ts), for `units` hosts over `days`:
 * what a whole-process B2 could cost with nothing of the cloud model, the metrics or the
 * files. Each run of the case is followed by a run of its floor, so that the difference of
 * the two (the `-over-floor` row: what ephemera adds) holds while the machine's speed drifts.
 */
const FLOORS: Readonly<Record<string, { readonly units: number; readonly days: number; readonly name: string }>> = {
  'cli/b2': { units: 10_000, days: 365, name: 'cli/b2-floor' },
  'cli/b2-100k': { units: 100_000, days: 365, name: 'cli/b2-100k-floor' },
};

/** The floor's row and the case-over-floor row, from the runs of each, in turn. */
function floorRows(of: string, floor: (typeof FLOORS)[string], wall: readonly number[], floorWall: readonly number[], floorRss: readonly number[], events: number): BenchRow[] {
  return [
    {
      name: floor.name, workload: `${of}'s events alone: Node start, the engine's modules, ${floor.units.toLocaleString('en-US')} alternating renewal processes for 1 y`, runs: [...floorWall], unit: 'ms', memoryBytes: [...floorRss],
      detail: `${events.toLocaleString('en-US')} events through Simulation and EntityStreams, nothing else of ephemera: a floor for ${of}, each run right after one of it`,
    },
    {
      name: `${of}-over-floor`, workload: `${of} minus its floor, run by run: what ephemera adds (start-up, scenario, model, metrics, files)`, runs: wall.map((w, i) => w - floorWall[i]!), unit: 'ms',
      detail: 'the machine\'s speed moves both runs of a pair, so this moves less than either',
    },
  ];
}

async function runCliBench(runs: number, filter?: (c: CliCase) => boolean): Promise<BenchRow[]> {
  const out = mkdtempSync(join(tmpdir(), 'ephemera-bench-'));
  const rows: BenchRow[] = [];
  try {
    if (filter === undefined) rows.push(...mainJobRows(runs, out));
    for (const c of CLI_CASES.filter(filter ?? (() => true))) {
      process.stderr.write(`  ${c.name} ...\n`);
      const wall: number[] = [];
      const rss: number[] = [];
      const floor = FLOORS[c.name];
      const floorWall: number[] = [];
      const floorRss: number[] = [];
      let events = 0;
      for (let i = 0; i < runs; i++) {
        const r = runCli([...c.args, '--out', join(out, c.name.replace(/\W/g, '-'))]);
        wall.push(r.wallMs);
        rss.push(r.maxRssBytes);
        if (floor === undefined) continue;
        const f = runScript<{ events: number }>('renewal-floor', [String(floor.units), String(floor.days)]);
        floorWall.push(f.wallMs);
        floorRss.push(f.maxRssBytes);
        events = f.payload.events;
      }
      rows.push({ name: c.name, workload: c.workload, runs: wall, unit: 'ms', memoryBytes: rss, ...(c.targets ? { targets: c.targets } : {}), ...(c.peers ? { peers: c.peers } : {}), detail: `peak RSS of the process${c.detail ? `; ${c.detail}` : ''}` });
      if (floor !== undefined) rows.push(...floorRows(c.name, floor, wall, floorWall, floorRss, events));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

/** The failure year with a fleet through the library in a child process: the run alone, no CSV written. */
function runFleetLibrary(runs: number): BenchRow[] {
  const wall: number[] = [];
  const rss: number[] = [];
  let detail = '';
  for (let i = 0; i < runs; i++) {
    const r = runJob<{ wallMs: number; events: number; rows: Record<string, number>; summary: Record<string, number> }>('library', { file: 'bench/scenarios/failure-year-fleet.yaml', set: [] });
    wall.push(r.payload.wallMs);
    rss.push(r.maxRssBytes);
    detail = `${r.payload.events.toLocaleString('en-US')} events, ${r.payload.summary['host_failures']} host failures, ${r.payload.summary['instances_lost']} instances lost, ${(r.payload.rows['addresses'] ?? 0).toLocaleString('en-US')} address rows; wall: runScenario alone, memory: the child's peak RSS`;
  }
  return [{ name: 'lib/failure-year+fleet', workload: 'the same, through the library (runScenario, tables built, nothing written)', runs: wall, unit: 'ms', memoryBytes: rss, targets: { wallMs: 5000, memoryBytes: 400 * MB }, detail }];
}

export const cliEntry: BenchEntry = { name: 'cli', run: (runs) => runCliBench(runs) };
export const fleetLibraryEntry: BenchEntry = { name: 'lib-fleet', run: (runs) => runFleetLibrary(runs) };
