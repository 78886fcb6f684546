/**
 * A month of the autoscaling-diurnal scenario (a web tier of 2-20 instances following a
 * working week, target tracking every minute) through the library, one replication at a
 * time: wall time per replication, median of 3 (min-max), against a target of 1 s.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/scenario/loader.js';
import { build } from '../src/scenario/build.js';
import type { StreamTarget } from '../src/scenario/world.js';
import { type BenchEntry, type BenchRow } from './report.js';

/** timeseries.csv rows are dropped: writing them is the output layer's cost. */
const DROP: StreamTarget = { put: (_name, _columns, rows) => { for (const _ of rows); } };

function runAutoscalingMonth(runs: number): BenchRow[] {
  const n = Math.max(3, runs);
  const { scenario } = parseScenario(readFileSync('scenarios/autoscaling-diurnal.yaml', 'utf8'), 'scenarios/autoscaling-diurnal.yaml');
  const times: number[] = [];
  let events = 0;
  let scaleOuts = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = build(scenario, i + 1).run(DROP);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    events = r.events;
    scaleOuts = r.summary.find(([k]) => k === 'scale_out_events')?.[1] ?? Number.NaN;
  }
  return [{
    name: 'elasticity/diurnal-month',
    workload: '30 d, target tracking every minute, 2-20 web servers',
    runs: times,
    unit: 'ms',
    targets: { wallMs: 1000 },
    detail: `per replication through the library (rows dropped), seeds 1..${n}; ${events.toLocaleString('en-US')} events, ${scaleOuts} scale-outs; no memory figure (same process)`,
  }];
}

/** Register in bench/main.ts's ENTRIES. */
export const autoscalingMonthEntry: BenchEntry = { name: 'autoscaling-month', run: runAutoscalingMonth };
