/**
 * Shared benchmark types and helpers: rows, medians with their range, target checks, an
 * aligned plain-text table and a Markdown one for the README. Wall-clock time is fine here;
 * this is not a simulator run.
 */

/** What a row must reach to pass (each figure's median). */
export interface Targets {
  /** At most this many ms (wall). */
  readonly wallMs?: number;
  /** At least this ratio (the row's figure is a ratio to a reference measured in the same process). */
  readonly ratio?: number;
  /** At most this many bytes of peak resident memory. */
  readonly memoryBytes?: number;
}

/** One line of the results table. */
export interface BenchRow {
  /** Short name, e.g. `hold/engine`. */
  readonly name: string;
  /** The workload, e.g. `P=100,000, 1,000,000 pops`. */
  readonly workload: string;
  /** The figure of each run: wall ms, or a ratio (see `unit`). */
  readonly runs: readonly number[];
  readonly unit: 'ms' | 'ratio';
  /** Peak resident memory of the row's own child process (median over runs), or the structure's retained bytes where said. */
  readonly memoryBytes?: readonly number[];
  readonly targets?: Targets;
  /** Peer simulators on the same workload: measured in this run, or recorded figures with their source and date. */
  readonly peers?: string;
  /** Free-form detail (events, counts, what the memory figure is). */
  readonly detail?: string;
}

/** A benchmark of the suite; `name` is what the command-line filter matches. */
export interface BenchEntry {
  readonly name: string;
  run(runs: number): Promise<BenchRow[]> | BenchRow[];
}

/** Median of the values (the mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** `median (min-max)` of the values, each through `format`. */
export function spread(xs: readonly number[], format: (x: number) => string): string {
  if (xs.length === 0) return '-';
  if (xs.length === 1) return format(xs[0]!);
  return `${format(median(xs))} (${format(Math.min(...xs))}-${format(Math.max(...xs))})`;
}

/** Outcome of a row against its targets. */
export type Verdict = 'pass' | 'MISSED' | '-';

/** Checks the medians against the targets; a missing measurement counts as missed. */
export function verdictOf(row: BenchRow): Verdict {
  const t = row.targets;
  if (t === undefined || (t.wallMs === undefined && t.ratio === undefined && t.memoryBytes === undefined)) return '-';
  const m = median(row.runs);
  let ok = true;
  if (t.wallMs !== undefined) ok &&= row.unit === 'ms' && m <= t.wallMs;
  if (t.ratio !== undefined) ok &&= row.unit === 'ratio' && m >= t.ratio;
  if (t.memoryBytes !== undefined) ok &&= row.memoryBytes !== undefined && median(row.memoryBytes) <= t.memoryBytes;
  return ok ? 'pass' : 'MISSED';
}

/** Human form of the targets, e.g. `<= 3.0 s, <= 700 MB`. */
export function describeTargets(t: Targets | undefined): string {
  if (t === undefined) return '-';
  const parts: string[] = [];
  if (t.ratio !== undefined) parts.push(`ratio >= ${t.ratio}`);
  if (t.wallMs !== undefined) parts.push(`<= ${formatMs(t.wallMs)}`);
  if (t.memoryBytes !== undefined) parts.push(`<= ${formatBytes(t.memoryBytes)}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}

/** `850 ms`, `12.4 s`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s` : `${ms.toFixed(0)} ms`;
}

/** `48 MB`, `512 kB` (MB = 2^20 bytes). */
export function formatBytes(bytes: number): string {
  const a = Math.abs(bytes);
  if (a >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(0)} MB`;
  if (a >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(0)} kB`;
  return `${bytes} B`;
}

/** The measured figure of a row, as printed. */
export function figureOf(row: BenchRow): string {
  return spread(row.runs, row.unit === 'ms' ? formatMs : (x) => x.toFixed(2));
}

/** Runs GC twice when node was started with --expose-gc; returns whether it could. */
export function collectGarbage(): boolean {
  if (globalThis.gc === undefined) return false;
  globalThis.gc();
  globalThis.gc();
  return true;
}

/** Bytes on the JS heap and in ArrayBuffers now. */
export function liveBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** A column: its header and whether values are right-aligned (numbers). */
export interface Column {
  readonly header: string;
  readonly right?: boolean;
}

/** Renders rows of cells as an aligned table with a header rule. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns.map((c, i) => (c.right === true ? (cells[i] ?? '').padStart(widths[i]!) : (cells[i] ?? '').padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Renders rows as a Markdown table (for the README). */
export function formatMarkdown(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((c) => c.header).join(' | ')} |`,
    `|${columns.map((c) => (c.right === true ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${columns.map((_, i) => esc(r[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}
