import type { Cell, Table } from '../../metrics/table.js';
import { numericCell } from '../../metrics/csv-read.js';

/** Buckets a digest keeps per point at most: enough for a plot 600 pixels wide. */
export const DIGEST_BUCKETS = 600;

/** One time bucket of a point: the mean of each column over its intervals and every replication. */
export interface DigestBucket {
  /** Start of the bucket, s from the start of the run. */
  readonly timeS: number;
  readonly values: Float64Array;
}

/** timeseries.csv in a form a plot can hold: per point, per time bucket, the mean over intervals and replications. */
export interface TimeseriesDigest {
  /** The columns digested, in file order (everything after time_s and interval_s), and `misdirected_rps`. */
  readonly columns: readonly string[];
  /** The service's interval and the bucket width, s. */
  readonly intervalS: number;
  readonly bucketS: number;
  /** Per point of a sweep (one group for a run), in point order. */
  readonly groups: readonly { readonly point: number; readonly label: string; readonly replications: number; readonly buckets: readonly DigestBucket[] }[];
  /** The varied columns' names, joined ('' for a run). */
  readonly title: string;
  readonly rows: number;
  /** A window of the run kept interval by interval (around an incident), when one was asked for. */
  readonly window?: TimeWindow & {
    readonly groups: readonly { readonly point: number; readonly label: string; readonly intervals: readonly DigestBucket[] }[];
  };
}

/** A span of the run, s from its start, around a moment `atS` (an incident's start). */
export interface TimeWindow {
  readonly fromS: number;
  readonly toS: number;
  readonly atS: number;
}

interface Slot {
  readonly sums: Float64Array;
  count: number;
}

/**
 * Builds a TimeseriesDigest row by row (from a file as it streams, or from a table): sums
 * per (point, interval) over replications, then means over buckets of consecutive intervals.
 * Rates (`_rps`), latencies and instance counts are averaged; `misdirected_requests` is
 * turned into `misdirected_rps` first. Memory grows with points x intervals, not with
 * replications.
 */
export class TimeseriesDigester {
  #columns: string[] = [];
  #take: number[] = [];
  #time = -1;
  #interval = -1;
  #point = -1;
  #varied: number[] = [];
  #misdirected = -1;
  #rows = 0;
  #intervalS = Number.NaN;
  #titleCols: string[] = [];
  readonly #points = new Map<number, { label: string; reps: Set<string>; slots: Map<number, Slot> }>();
  #rep = -1;

  header(columns: readonly string[]): void {
    const at = (c: string): number => columns.indexOf(c);
    this.#time = at('time_s');
    this.#interval = at('interval_s');
    this.#point = at('point');
    this.#rep = at('replication');
    const stop = columns.findIndex((c, i) => i > this.#point && c === 'replication');
    this.#varied = this.#point < 0 ? [] : Array.from({ length: Math.max(0, stop - this.#point - 1) }, (_, k) => this.#point + 1 + k);
    const skip = new Set(['point', 'replication', 'time_s', 'interval_s', ...this.#varied.map((i) => columns[i]!)]);
    this.#take = columns.map((c, i) => (skip.has(c) ? -1 : i)).filter((i) => i >= 0);
    // Older files have no misdirected_rps: made from misdirected_requests.
    const derive = at('misdirected_rps') < 0;
    this.#misdirected = derive ? at('misdirected_requests') : -1;
    this.#columns = [...this.#take.map((i) => columns[i]!), ...(derive ? ['misdirected_rps'] : [])];
    this.#titleCols = this.#varied.map((i) => columns[i]!);
  }

  row(cells: readonly Cell[]): void {
    this.#rows++;
    const t = numericCell(cells[this.#time]);
    if (t === undefined) return;
    const len = numericCell(cells[this.#interval]);
    if (len !== undefined && Number.isNaN(this.#intervalS)) this.#intervalS = len;
    const point = this.#point < 0 ? 0 : numericCell(cells[this.#point]) ?? 0;
    let p = this.#points.get(point);
    if (p === undefined) {
      const label = this.#point < 0 ? '' : this.#varied.length === 0 ? `point ${point}` : this.#varied.map((i) => String(cells[i] ?? '')).join(', ');
      p = { label, reps: new Set(), slots: new Map() };
      this.#points.set(point, p);
    }
    p.reps.add(String(cells[this.#rep] ?? ''));
    let slot = p.slots.get(t);
    if (slot === undefined) {
      slot = { sums: new Float64Array(this.#columns.length), count: 0 };
      p.slots.set(t, slot);
    }
    slot.count++;
    this.#take.forEach((j, k) => {
      slot.sums[k]! += numericCell(cells[j]) ?? 0;
    });
    const mis = this.#misdirected < 0 ? undefined : numericCell(cells[this.#misdirected]);
    if (mis !== undefined && len !== undefined && len > 0) slot.sums[this.#columns.length - 1]! += mis / len;
  }

  /**
   * The digest, with at most `maxBuckets` buckets per point, and the intervals that start
   * within `window` (if given) one by one, each the mean over replications.
   */
  finish(maxBuckets = DIGEST_BUCKETS, window?: TimeWindow): TimeseriesDigest {
    const intervalS = Number.isNaN(this.#intervalS) ? 0 : this.#intervalS;
    const most = Math.max(0, ...[...this.#points.values()].map((p) => p.slots.size));
    const per = Math.max(1, Math.ceil(most / maxBuckets));
    const width = this.#columns.length;
    const groups = [...this.#points].sort((a, b) => a[0] - b[0]).map(([point, p]) => {
      const times = [...p.slots.keys()].sort((a, b) => a - b);
      const buckets: DigestBucket[] = [];
      for (let i = 0; i < times.length; i += per) {
        const values = new Float64Array(width);
        let n = 0;
        for (const t of times.slice(i, i + per)) {
          const s = p.slots.get(t)!;
          for (let k = 0; k < width; k++) values[k]! += s.sums[k]!;
          n += s.count;
        }
        for (let k = 0; k < width; k++) values[k]! /= n;
        buckets.push({ timeS: times[i]!, values });
      }
      return { point, label: p.label, replications: p.reps.size, buckets };
    });
    const base = { columns: this.#columns, intervalS, bucketS: intervalS * per, groups, title: this.#titleCols.join(', '), rows: this.#rows };
    if (window === undefined) return base;
    const inWindow = [...this.#points].sort((a, b) => a[0] - b[0]).map(([point, p]) => ({
      point,
      label: p.label,
      intervals: [...p.slots].filter(([t]) => t >= window.fromS && t < window.toS).sort((a, b) => a[0] - b[0])
        .map(([timeS, slot]) => ({ timeS, values: slot.sums.map((v) => v / slot.count) })),
    }));
    return { ...base, window: { ...window, groups: inWindow } };
  }
}

/** The digest of a timeseries table held in memory. */
export function digestTimeseries(table: Table, maxBuckets = DIGEST_BUCKETS, window?: TimeWindow): TimeseriesDigest {
  const d = new TimeseriesDigester();
  d.header(table.columns);
  for (const r of table.rows) d.row(r);
  return d.finish(maxBuckets, window);
}

/** Before and after an incident's start, the span the report shows interval by interval. */
const BEFORE_S = 1800;
const AFTER_S = 6 * 3600;

/**
 * The window around the incident most runs share (incidents.csv: the `start_s` that occurs
 * most often, the earliest of equals; a scheduled failure, under common random numbers,
 * starts at the same time in every run): from half an hour before it to six hours after;
 * undefined without incidents.
 */
export function incidentWindow(incidents: Table | undefined): TimeWindow | undefined {
  if (incidents === undefined) return undefined;
  const j = incidents.columns.indexOf('start_s');
  const counts = new Map<number, number>();
  for (const r of incidents.rows) {
    const v = numericCell(r[j]);
    if (v !== undefined && Number.isFinite(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  const t0 = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  return { fromS: Math.max(0, t0 - BEFORE_S), toS: t0 + AFTER_S, atS: t0 };
}
