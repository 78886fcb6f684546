/**
 * The benchmark suite behind `npm run bench`. Usage: `node --expose-gc dist/bench/main.js [filter]`;
 * with a filter, only entries whose name contains it (case-insensitive) run.
 *
 * To add a benchmark: export a `BenchEntry` from its own file under bench/ and list it in
 * `ENTRIES`. Missed targets are printed as MISSED; the exit code stays 0.
 */
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cliEntry } from './cli-run.js';
import { dnsMonthEntry } from './dns-month.js';
import { failureYearEntry } from './failure-year.js';
import { holdEntry } from './hold-model.js';
import { placementEntry } from './placement.js';
import { serviceMonthEntry } from './service-month.js';
import { autoscalingMonthEntry } from './autoscaling-month.js';
import { sweepEntry } from './sweep.js';
import {
  collectGarbage,
  describeTarget,
  formatBytes,
  formatMs,
  formatRate,
  printTable,
  ratioOf,
  verdictOf,
  type BenchEntry,
  type BenchRow,
  type Column,
} from './report.js';

export type { BenchEntry, BenchRow, Target, Verdict } from './report.js';

/** Every benchmark, in the order they run. */
export const ENTRIES: readonly BenchEntry[] = [holdEntry, cliEntry, failureYearEntry, placementEntry, dnsMonthEntry, serviceMonthEntry, autoscalingMonthEntry, sweepEntry];

/** Entries whose name contains `filter` (all when it is undefined). */
export function selectEntries(entries: readonly BenchEntry[], filter: string | undefined): BenchEntry[] {
  if (filter === undefined) return [...entries];
  const f = filter.toLowerCase();
  return entries.filter((e) => e.name.toLowerCase().includes(f));
}

const COLUMNS: readonly Column[] = [
  { header: 'name' },
  { header: 'workload' },
  { header: 'events/s | wall', right: true },
  { header: 'reference', right: true },
  { header: 'ratio', right: true },
  { header: 'memory (ref)', right: true },
  { header: 'target' },
  { header: 'result' },
  { header: 'detail' },
];

function cells(row: BenchRow): string[] {
  const ratio = ratioOf(row);
  const measured =
    row.eventsPerSec !== undefined ? formatRate(row.eventsPerSec) : row.wallMs !== undefined ? formatMs(row.wallMs) : '-';
  let memory = row.memoryBytes !== undefined ? formatBytes(row.memoryBytes) : '-';
  if (row.referenceMemoryBytes !== undefined) memory += ` (${formatBytes(row.referenceMemoryBytes)})`;
  return [
    row.name,
    row.workload,
    measured,
    row.referenceEventsPerSec !== undefined ? formatRate(row.referenceEventsPerSec) : '-',
    ratio !== undefined ? ratio.toFixed(2) : '-',
    memory,
    describeTarget(row.target),
    verdictOf(row),
    row.detail ?? '',
  ];
}

/** Runs the entries one after another and prints the table; returns all rows. */
export async function runSuite(entries: readonly BenchEntry[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const entry of entries) {
    process.stderr.write(`running ${entry.name} ...\n`);
    const t0 = process.hrtime.bigint();
    rows.push(...(await entry.run()));
    process.stderr.write(`  ${entry.name} took ${formatMs(Number(process.hrtime.bigint() - t0) / 1e6)}\n`);
  }
  printTable(COLUMNS, rows.map(cells));
  const missed = rows.filter((r) => verdictOf(r) === 'MISSED');
  const withTarget = rows.filter((r) => r.target !== undefined).length;
  if (missed.length === 0) {
    process.stdout.write(`\nall ${withTarget} target(s) met\n`);
  } else {
    process.stdout.write(`\nMISSED ${missed.length} of ${withTarget} target(s):\n`);
    for (const r of missed) process.stdout.write(`  MISSED ${r.name} ${r.workload}: ${describeTarget(r.target)}\n`);
  }
  return rows;
}

async function main(argv: readonly string[]): Promise<void> {
  const filter = argv[0];
  const selected = selectEntries(ENTRIES, filter);
  if (selected.length === 0) {
    process.stderr.write(`no benchmark matches "${filter ?? ''}"; available: ${ENTRIES.map((e) => e.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const gc = collectGarbage() ? 'gc exposed' : 'gc NOT exposed (run with --expose-gc)';
  process.stdout.write(`ephemera bench: node ${process.version}, ${cpus().length} x ${cpu}, ${gc}\n\n`);
  await runSuite(selected);
}

const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(script).href) {
  await main(process.argv.slice(2));
}
