import type { Cell, Table } from '../metrics/table.js';
import { numericCell } from '../metrics/csv-read.js';
import { metricSupport } from '../metrics/metric-catalogue.js';
import type { Support } from '../metrics/metric-kind.js';
import { meanInterval } from './mean-interval.js';
import { ResultsError } from './results-error.js';
import { pairedDifference, welchDifference, type Difference } from './difference.js';
import { groupByPoint, summaryLayout, type PointGroup, type SummaryLayout } from './summary-layout.js';

/** The statistics columns of comparison.csv, after `point` and the varied parameters of a sweep. */
export const COMPARISON_STAT_COLUMNS = ['metric', 'a_mean', 'b_mean', 'diff', 'ci95_low', 'ci95_high', 'test', 'n_a', 'n_b', 'df', 'a_ci95_low', 'a_ci95_high', 'b_ci95_low', 'b_ci95_high'] as const;

export interface CompareOptions {
  /** Metrics to compare (summary columns); default: every metric both have, in A's order. */
  readonly metrics?: readonly string[];
}

/** (replication, seed) of each row; undefined when a replication repeats. */
function replicationKeys(g: PointGroup, layout: SummaryLayout): Map<string, Cell[]> | undefined {
  const keys = new Map<string, Cell[]>();
  for (const row of g.rows) {
    const key = `${String(row[layout.replication])}:${layout.seed === undefined ? '' : String(row[layout.seed])}`;
    if (keys.has(key)) return undefined;
    keys.set(key, row);
  }
  return keys;
}

/** Pairs rows of A and B by (replication, seed) when both have exactly the same ones. */
function pairRows(a: PointGroup, la: SummaryLayout, b: PointGroup, lb: SummaryLayout): [Cell[], Cell[]][] | undefined {
  const ka = replicationKeys(a, la);
  const kb = replicationKeys(b, lb);
  if (ka === undefined || kb === undefined || ka.size !== kb.size || la.seed === undefined || lb.seed === undefined) return undefined;
  const pairs: [Cell[], Cell[]][] = [];
  for (const [k, rowA] of ka) {
    const rowB = kb.get(k);
    if (rowB === undefined) return undefined;
    pairs.push([rowA, rowB]);
  }
  return pairs;
}

function numbers(rows: readonly Cell[][], j: number): number[] {
  return rows.map((r) => numericCell(r[j])).filter((v): v is number => v !== undefined);
}

/**
 * A difference's interval kept within what the difference of two values of the metric can
 * be: for a metric within [lo, hi] (a fraction, a percentage), within [lo - hi, hi - lo].
 */
function withinSupport(d: Difference, support: Support | undefined): Difference {
  if (support === undefined || !Number.isFinite(support.hi - support.lo)) return d;
  const w = support.hi - support.lo;
  const clip = (x: number): number => (Number.isNaN(x) ? x : Math.min(w, Math.max(-w, x)));
  return { ...d, ci95Low: clip(d.ci95Low), ci95High: clip(d.ci95High) };
}

/** Compares one metric: paired over rows where both have a number, or Welch. */
function compareMetric(pairs: [Cell[], Cell[]][] | undefined, a: PointGroup, ja: number, b: PointGroup, jb: number): Difference {
  if (pairs !== undefined) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [ra, rb] of pairs) {
      const x = numericCell(ra[ja]);
      const y = numericCell(rb[jb]);
      if (x !== undefined && y !== undefined) {
        xs.push(x);
        ys.push(y);
      }
    }
    return pairedDifference(xs, ys);
  }
  return welchDifference(numbers(a.rows, ja), numbers(b.rows, jb));
}

/**
 * Compares two summary tables metric by metric (and point by point for two sweeps of the
 * same grid): A's mean, B's mean, B - A with its 95% CI. Paired (common random numbers)
 * when a point's replications line up, i.e. both hold the same (replication, seed) pairs;
 * Welch otherwise; for a bounded metric (a fraction) the interval is kept within the
 * differences it allows. Each side's own mean gets the interval aggregate.csv gives it
 * (`meanInterval`). Throws ResultsError when the two cannot be compared.
 */
export function compareSummaries(a: Table, b: Table, options: CompareOptions = {}): Table {
  const la = summaryLayout(a);
  const lb = summaryLayout(b);
  if ((la.point === undefined) !== (lb.point === undefined) || la.varied.join('\0') !== lb.varied.join('\0')) {
    const describe = (l: SummaryLayout): string => (l.point === undefined ? 'a run' : `a sweep over ${l.varied.join(', ') || 'no parameter'}`);
    throw new ResultsError(`cannot compare ${describe(la)} with ${describe(lb)}: compare two runs, or two sweeps of the same grid`);
  }
  const both = la.metrics.filter((m) => lb.metrics.includes(m));
  const metrics = options.metrics ?? both;
  const missing = metrics.filter((m) => !both.includes(m));
  if (missing.length > 0) throw new ResultsError(`no metric ${missing.map((m) => `"${m}"`).join(', ')} in both summaries; available: ${both.join(', ')}`);
  const ga = groupByPoint(a, la);
  const gb = groupByPoint(b, lb);
  const sameGrid = ga.length === gb.length && ga.every((g, i) => [g.point, ...g.values].map(String).join('\0') === [gb[i]!.point, ...gb[i]!.values].map(String).join('\0'));
  if (!sameGrid) throw new ResultsError(`the two sweeps have different grids (${ga.length} and ${gb.length} points, or other values): compare sweeps of the same grid`);
  const rows: Cell[][] = [];
  ga.forEach((pa, i) => {
    const pb = gb[i]!;
    const pairs = pairRows(pa, la, pb, lb);
    for (const m of metrics) {
      const ja = la.metricIndex[la.metrics.indexOf(m)]!;
      const jb = lb.metricIndex[lb.metrics.indexOf(m)]!;
      const support = metricSupport(m);
      const d = withinSupport(compareMetric(pairs, pa, ja, pb, jb), support);
      const ia = meanInterval(numbers(pa.rows, ja), support);
      const ib = meanInterval(numbers(pb.rows, jb), support);
      const key = la.point === undefined ? [] : [pa.point, ...pa.values];
      rows.push([...key, m, d.meanA, d.meanB, d.diff, d.ci95Low, d.ci95High, d.test, d.nA, d.nB, d.df, ia.low, ia.high, ib.low, ib.high]);
    }
  });
  const lead = la.point === undefined ? [] : ['point', ...la.varied];
  return { name: 'comparison', columns: [...lead, ...COMPARISON_STAT_COLUMNS], rows };
}
