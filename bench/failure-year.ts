/**
 * The 10,000-host failure year through the library (`parseScenario` + `runScenario`), in
 * process: every host fails (exponential, mean 30 d) and is repaired (exponential, mean
 * 4 h) for a year, about 121,000 failures. Once bare, once through the full instance model
 * with 20,000 m1.small in a role (2 GB/h of writes, backed up every 6 h), so each failure
 * also kills guests, releases their addresses and counts the data they lose (and the
 * network layer runs: addresses, other tenants' churn). Wall time is the best of three bare
 * runs, one fleet run; memory is what the result retains, and the process's peak RSS so far.
 * For scale: CloudSim Plus does the bare year in 0.45 s in process, SimPy in 0.69 s.
 */
import { parseScenario } from '../src/scenario/loader.js';
import { runScenario, type RunResult } from '../src/experiment/run-scenario.js';
import { measure, retainedBytes, type BenchEntry, type BenchRow, type Measurement } from './report.js';

const BARE = `name: failure-year
duration: 1y
cloud:
  zones:
    us-east-1a: { hosts: 10000 }
faults:
  hardware:
    ttf: { exponential: { mean: 30d } }
    repair: { exponential: { mean: 4h } }
`;

const FLEET = `${BARE}fleet:
  worker: { image: ami-f937d290, type: m1.small, count: 20000, disk_write: 2GB/h, backup_every: 6h }
`;

/** One summary value of a single-replication run. */
function summaryValue(r: RunResult, column: string): number {
  const t = r.tables[0]!;
  const v = t.rows[0]?.[t.columns.indexOf(column)];
  return typeof v === 'number' ? v : Number.NaN;
}

/** Best (lowest wall time) of `n` measured runs of `text`, one replication each. */
function bestOf(text: string, n: number): Measurement<RunResult> {
  const { scenario } = parseScenario(text, 'bench/failure-year');
  let best: Measurement<RunResult> | undefined;
  for (let i = 0; i < n; i++) {
    const m = measure(() => runScenario(scenario, { replications: 1 }));
    if (best === undefined || m.wallMs < best.wallMs) best = m;
  }
  return best!;
}

function row(name: string, workload: string, m: Measurement<RunResult>, extra: string): BenchRow {
  const r = m.result;
  const events = r.events;
  const detail = [
    `${events.toLocaleString('en-US')} events`,
    `${summaryValue(r, 'host_failures').toLocaleString('en-US')} failures`,
    extra,
    `peak RSS ${(m.maxRss / 2 ** 20).toFixed(0)} MB`,
  ].filter((s) => s !== '').join(', ');
  return { name, workload, wallMs: m.wallMs, memoryBytes: retainedBytes(m), detail: `${((events / m.wallMs) * 1000 / 1e3).toFixed(0)} k events/s, ${detail}` };
}

function runFailureYear(): BenchRow[] {
  const bare = bestOf(BARE, 3);
  const fleet = bestOf(FLEET, 1);
  const lost = summaryValue(fleet.result, 'instances_lost');
  const gb = summaryValue(fleet.result, 'data_lost_gb');
  return [
    { ...row('faults/failure-year', '10,000 hosts x 1 y, exp(30 d) / exp(4 h), bare', bare, 'CloudSim Plus 450 ms, SimPy 690 ms'), target: { metric: 'wallMs', max: 450 } },
    row('faults/failure-year+fleet', '... with 20,000 m1.small (2 GB/h, backup 6 h)', fleet, `${lost.toLocaleString('en-US')} instances lost, ${gb.toFixed(0)} GB`),
  ];
}

/** Register in bench/main.ts's ENTRIES. */
export const failureYearEntry: BenchEntry = { name: 'failure-year', run: runFailureYear };
