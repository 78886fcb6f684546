/**
 * The child side of bench/child-process.ts: `node --expose-gc dist/bench/child.js JOB JSON`
 * runs one job and prints `@@{"maxRSS": ..., "payload": ...}` on stderr.
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../src/experiment/run-scenario.js';
import { LazyTable } from '../src/metrics/table.js';
import { parseScenario } from '../src/scenario/loader.js';
import { runHoldJob, type HoldJob } from './hold-model.js';
import { runPlacement } from './placement.js';

/** A scenario run through the library, no files written. */
interface LibraryJob {
  readonly file: string;
  readonly set: readonly string[];
}

function library(job: LibraryJob): unknown {
  const { scenario } = parseScenario(readFileSync(job.file, 'utf8'), job.file, { set: [...job.set] });
  const t0 = process.hrtime.bigint();
  const r = runScenario(scenario);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const t = r.tables[0]!;
  const summary = Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0]![i]]));
  return { wallMs, events: r.events, rows: Object.fromEntries(r.tables.map((x) => [x.name, x instanceof LazyTable ? x.rowCount : x.rows.length])), summary };
}

const [job, options] = process.argv.slice(2);
const args: unknown = JSON.parse(options ?? '{}');
let payload: unknown;
switch (job) {
  case 'hold':
    payload = runHoldJob(args as HoldJob);
    break;
  case 'library':
    payload = library(args as LibraryJob);
    break;
  case 'placement':
    payload = runPlacement();
    break;
  default:
    throw new Error(`unknown bench job ${job}`);
}
process.stderr.write(`\n@@${JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, payload })}\n`);
