/**
 * What the service model costs: a month of the three-tier scenario (web -> app -> db, 1-minute
 * intervals, 43,200 of them; demand raised to about 10^9 requests) through the library, with
 * and without the service sections, runs interleaved. The service's cost must not grow with
 * the request count (no per-request events): the row's figure is the added wall time per
 * replication (median of the pairs, min-max), against a target of 500 ms.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/scenario/loader.js';
import type { Scenario } from '../src/scenario/schema.js';
import { build } from '../src/scenario/build.js';
import type { StreamTarget } from '../src/scenario/world.js';
import { formatMs, median, type BenchEntry, type BenchRow } from './report.js';

/** Rows are counted and dropped: writing them is the output layer's cost, not the model's. */
const DROP: StreamTarget = { put: (_name, _columns, rows) => { for (const _ of rows); } };

function scenarios(): { withService: Scenario; without: Scenario } {
  const text = readFileSync('scenarios/three-tier.yaml', 'utf8');
  // 412/s on the three-tier profile (mean 0.9375) over 30 days is about 10^9 requests.
  const { scenario } = parseScenario(text, 'scenarios/three-tier.yaml', { set: ['duration=30d', 'demand.rate=412/s', 'service.interval=1m'] });
  const without: Scenario = { ...scenario, service: undefined, demand: undefined };
  return { withService: scenario, without };
}

function timeOnce(s: Scenario): { ms: number; served: number } {
  const t0 = process.hrtime.bigint();
  const r = build(s, 1).run(DROP);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const served = r.summary.find(([k]) => k === 'served_requests')?.[1] ?? Number.NaN;
  return { ms, served };
}

function runServiceMonth(runs: number): BenchRow[] {
  const { withService, without } = scenarios();
  timeOnce(withService); // warm up both paths
  timeOnce(without);
  const a: number[] = [];
  const b: number[] = [];
  let served = 0;
  for (let i = 0; i < Math.max(3, runs); i++) {
    const x = timeOnce(withService);
    served = x.served;
    a.push(x.ms);
    b.push(timeOnce(without).ms);
  }
  const added = a.map((ms, i) => ms - b[i]!);
  return [{
    name: 'service/three-tier-month',
    workload: `30 d, 1-min intervals, ${(served / 1e9).toFixed(2)} x 10^9 requests served`,
    runs: added,
    unit: 'ms',
    targets: { wallMs: 500 },
    detail: `wall time the service adds per replication (pairs run interleaved in one process, the library, rows dropped); with the service ${formatMs(median(a))}, without ${formatMs(median(b))}; no memory figure (same process)`,
  }];
}

/** Register in bench/main.ts's ENTRIES. */
export const serviceMonthEntry: BenchEntry = { name: 'service-month', run: runServiceMonth };
