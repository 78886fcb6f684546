/**
 * The benchmark suite behind `npm run bench`. Usage:
 *
 *   node --expose-gc dist/bench/main.js [FILTER] [--runs N] [--markdown]
 *
 * FILTER runs only the entries whose name contains it (case-insensitive). Every figure is the
 * median of N runs (default 3) with its min-max; every row's memory is measured in a child
 * process of its own (the operating system's peak resident set of that child, or where said
 * the bytes a structure retains, measured in its own child). Peers are measured in the same
 * run when installed, else printed as recorded figures with their source and date.
 * `--markdown` also prints the table as Markdown, as the README shows it.
 *
 * To add a benchmark: export a `BenchEntry` from its own file under bench/ and list it in
 * `ENTRIES`. Missed targets are printed as MISSED; the exit code stays 0.
 */
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cliEntry, fleetLibraryEntry } from './cli-run.js';
import { holdEntry } from './hold-model.js';
import { placementEntry } from './placement.js';
import { serviceMonthEntry } from './service-month.js';
import { autoscalingMonthEntry } from './autoscaling-month.js';
import { sweepEntry } from './sweep.js';
import {
  describeTargets,
  figureOf,
  formatBytes,
  formatMarkdown,
  formatTable,
  spread,
  verdictOf,
  type BenchEntry,
  type BenchRow,
  type Column,
} from './report.js';

export type { BenchEntry, BenchRow, Targets, Verdict } from './report.js';

/** Every benchmark, in the order they run. */
export const ENTRIES: readonly BenchEntry[] = [holdEntry, cliEntry, fleetLibraryEntry, placementEntry, serviceMonthEntry, autoscalingMonthEntry, sweepEntry];

/** Entries whose name contains `filter` (all when it is undefined). */
export function selectEntries(entries: readonly BenchEntry[], filter: string | undefined): BenchEntry[] {
  if (filter === undefined) return [...entries];
  const f = filter.toLowerCase();
  return entries.filter((e) => e.name.toLowerCase().includes(f));
}

const COLUMNS: readonly Column[] = [
  { header: 'row' },
  { header: 'workload' },
  { header: 'median (min-max)', right: true },
  { header: 'memory', right: true },
  { header: 'target' },
  { header: 'result' },
  { header: 'peers' },
  { header: 'detail' },
];

function cells(row: BenchRow): string[] {
  return [
    row.name,
    row.workload,
    figureOf(row),
    row.memoryBytes === undefined ? '-' : spread(row.memoryBytes, formatBytes),
    describeTargets(row.targets),
    verdictOf(row),
    row.peers ?? '',
    row.detail ?? '',
  ];
}

/** Runs the entries one after another and prints the table; returns all rows. */
export async function runSuite(entries: readonly BenchEntry[], runs: number, markdown: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const entry of entries) {
    process.stderr.write(`running ${entry.name} ...\n`);
    rows.push(...(await entry.run(runs)));
  }
  process.stdout.write(`${formatTable(COLUMNS, rows.map(cells))}\n`);
  const missed = rows.filter((r) => verdictOf(r) === 'MISSED');
  const withTarget = rows.filter((r) => verdictOf(r) !== '-').length;
  if (missed.length === 0) process.stdout.write(`\nall ${withTarget} target(s) met\n`);
  else {
    process.stdout.write(`\nMISSED ${missed.length} of ${withTarget} target(s):\n`);
    for (const r of missed) process.stdout.write(`  MISSED ${r.name} ${r.workload}: ${describeTargets(r.targets)} (measured ${figureOf(r)})\n`);
  }
  if (markdown) process.stdout.write(`\n${formatMarkdown(COLUMNS.filter((c) => c.header !== 'detail'), rows.map((r) => cells(r).slice(0, 7)))}\n`);
  return rows;
}

async function main(argv: readonly string[]): Promise<void> {
  let runs = 3;
  let markdown = false;
  let filter: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') runs = Math.max(1, Number(argv[++i]));
    else if (a === '--markdown') markdown = true;
    else filter = a;
  }
  if (!Number.isInteger(runs)) {
    process.stderr.write('--runs takes a whole number of runs\n');
    process.exitCode = 2;
    return;
  }
  const selected = selectEntries(ENTRIES, filter);
  if (selected.length === 0) {
    process.stderr.write(`no benchmark matches "${filter ?? ''}"; available: ${ENTRIES.map((e) => e.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const gc = globalThis.gc === undefined ? ', gc NOT exposed (run with --expose-gc)' : '';
  process.stdout.write(`ephemera bench: node ${process.version}, ${cpus().length} x ${cpu}, ${formatBytes(totalmem())}, ${runs} run(s) per figure${gc}\n\n`);
  await runSuite(selected, runs, markdown);
}

const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(script).href) {
  await main(process.argv.slice(2));
}
