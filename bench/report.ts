/**
 * Shared benchmark types and helpers: timing, memory sampling, target checks and an
 * aligned plain-text table. Wall-clock time is fine here; this is not a simulator run.
 */

/** What a row must reach to pass. */
export type Target =
  /** engine events/s divided by reference events/s must be at least `min`. */
  | { readonly metric: 'ratio'; readonly min: number }
  /** events/s must be at least `min`. */
  | { readonly metric: 'eventsPerSec'; readonly min: number }
  /** wall time must be at most `max` ms. */
  | { readonly metric: 'wallMs'; readonly max: number };

/** One line of the results table. */
export interface BenchRow {
  /** Short name, e.g. `hold/engine`. */
  readonly name: string;
  /** The workload, e.g. `P=100,000 1,000,000 pops`. */
  readonly workload: string;
  /** Measured throughput, for benchmarks that count events. */
  readonly eventsPerSec?: number;
  /** Measured wall time in ms, for benchmarks timed as a whole. */
  readonly wallMs?: number;
  /** Throughput of the reference implementation on the same workload. */
  readonly referenceEventsPerSec?: number;
  /** Memory retained by the measured structure, in bytes (JS heap + ArrayBuffers). */
  readonly memoryBytes?: number;
  /** Memory retained by the reference structure, in bytes. */
  readonly referenceMemoryBytes?: number;
  readonly target?: Target;
  /** Free-form detail printed in the last column (e.g. the individual repetitions). */
  readonly detail?: string;
}

/** A benchmark of the suite; `name` is what the command-line filter matches. */
export interface BenchEntry {
  readonly name: string;
  run(): Promise<BenchRow[]> | BenchRow[];
}

/** Outcome of a row against its target. */
export type Verdict = 'pass' | 'MISSED' | '-';

/** Engine/reference throughput ratio of a row, when both are known. */
export function ratioOf(row: BenchRow): number | undefined {
  if (row.eventsPerSec === undefined || row.referenceEventsPerSec === undefined) return undefined;
  return row.eventsPerSec / row.referenceEventsPerSec;
}

/** Checks a row against its target; a missing measurement counts as missed. */
export function verdictOf(row: BenchRow): Verdict {
  const t = row.target;
  if (t === undefined) return '-';
  let ok: boolean;
  if (t.metric === 'ratio') {
    const r = ratioOf(row);
    ok = r !== undefined && r >= t.min;
  } else if (t.metric === 'eventsPerSec') {
    ok = row.eventsPerSec !== undefined && row.eventsPerSec >= t.min;
  } else {
    ok = row.wallMs !== undefined && row.wallMs <= t.max;
  }
  return ok ? 'pass' : 'MISSED';
}

/** Human form of a target, e.g. `ratio >= 0.5`. */
export function describeTarget(t: Target | undefined): string {
  if (t === undefined) return '-';
  if (t.metric === 'ratio') return `ratio >= ${t.min}`;
  if (t.metric === 'eventsPerSec') return `>= ${formatRate(t.min)}`;
  return `<= ${formatMs(t.max)}`;
}

/** Process memory at one instant, in bytes. */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  /**
   * Bytes of live ArrayBuffers (typed-array storage, off the JS heap). Used instead of
   * `external`, which V8 only lowers some time after the buffers are freed.
   */
  readonly arrayBuffers: number;
}

/**
 * Runs full GCs when node was started with --expose-gc; returns whether it could. Twice:
 * freed ArrayBuffers only leave `process.memoryUsage()` after the second one.
 */
export function collectGarbage(): boolean {
  if (globalThis.gc === undefined) return false;
  globalThis.gc();
  globalThis.gc();
  return true;
}

/** Samples rss, heapUsed and ArrayBuffer memory. */
export function sampleMemory(): MemorySample {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

/** Result of `measure`. */
export interface Measurement<T> {
  readonly result: T;
  readonly wallMs: number;
  /** Sampled after a GC (when exposed) just before the call. */
  readonly before: MemorySample;
  /** Sampled right after the call, then after a GC (what the result still holds). */
  readonly after: MemorySample;
  readonly afterGc: MemorySample;
  /** Peak resident set size of the whole process so far (the OS keeps only a lifetime peak). */
  readonly maxRss: number;
}

/** Times `fn` with hrtime and samples memory around it. */
export function measure<T>(fn: () => T): Measurement<T> {
  collectGarbage();
  const before = sampleMemory();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const t1 = process.hrtime.bigint();
  const after = sampleMemory();
  collectGarbage();
  const afterGc = sampleMemory();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return { result, wallMs: Number(t1 - t0) / 1e6, before, after, afterGc, maxRss };
}

/** Bytes still held after `measure` (JS heap + ArrayBuffers), i.e. what the result retains. */
export function retainedBytes(m: Measurement<unknown>): number {
  return m.afterGc.heapUsed + m.afterGc.arrayBuffers - (m.before.heapUsed + m.before.arrayBuffers);
}

/** `12.3 M/s`, `456 k/s`. */
export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k/s`;
  return `${perSec.toFixed(0)} /s`;
}

/** `850 ms`, `12.4 s`. */
export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/** `48.0 MB`, `512 kB`. */
export function formatBytes(bytes: number): string {
  const a = Math.abs(bytes);
  if (a >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (a >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(0)} kB`;
  return `${bytes} B`;
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
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const w = widths[i] ?? 0;
        return c.right === true ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/** Prints `formatTable` to stdout. */
export function printTable(columns: readonly Column[], rows: readonly (readonly string[])[]): void {
  process.stdout.write(formatTable(columns, rows) + '\n');
}
