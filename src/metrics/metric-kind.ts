/**
 * What kind of quantity a result column holds. The kind decides the values it can take
 * (its support), how a confidence interval of its mean is formed, and how a plot draws it.
 */
export type MetricKind =
  /** How many of something: whole numbers (or their time-average), >= 0. */
  | 'count'
  /** A share, from 0 to 1. */
  | 'fraction'
  /** A share in percent, from 0 to 100. */
  | 'percent'
  /** 1 for yes, 0 for no (its mean is the share of yes). */
  | 'flag'
  /** A length of time, >= 0. */
  | 'duration'
  /** A moment, in seconds from the start of the run, >= 0. */
  | 'time'
  /** US dollars, >= 0. */
  | 'money'
  /** Something per unit of time, >= 0. */
  | 'rate'
  /** An amount of data, >= 0. */
  | 'size'
  /** An amount in the unit another column of its row names, >= 0. */
  | 'quantity'
  /** A 0-based number that names a row (replication, point, incident, client). */
  | 'index'
  /** An identifier or a category (instance id, role, cause, address). */
  | 'text'
  /** A statistic of another metric (aggregate.csv, comparison.csv): the metric's unit, any sign. */
  | 'statistic';

/** Every kind, in the order describe-metrics lists them. */
export const METRIC_KINDS: readonly MetricKind[] = ['count', 'fraction', 'percent', 'flag', 'duration', 'time', 'money', 'rate', 'size', 'quantity', 'index', 'text', 'statistic'];

/** The values a kind can take: [lo, hi] (either may be infinite). */
export interface Support {
  readonly lo: number;
  readonly hi: number;
}

const NON_NEGATIVE: Support = { lo: 0, hi: Infinity };

/**
 * The support of a kind: [0, 1] for fractions and flags, [0, 100] for percentages, [0, inf)
 * for counts, durations, times, money, rates, sizes and quantities; undefined for kinds
 * that are not numbers a mean is taken of (index, text) or may take any sign (statistic).
 */
export function supportOf(kind: MetricKind): Support | undefined {
  switch (kind) {
    case 'fraction':
    case 'flag':
      return { lo: 0, hi: 1 };
    case 'percent':
      return { lo: 0, hi: 100 };
    case 'count':
    case 'duration':
    case 'time':
    case 'money':
    case 'rate':
    case 'size':
    case 'quantity':
      return NON_NEGATIVE;
    case 'index':
    case 'text':
    case 'statistic':
      return undefined;
  }
}

/** True for kinds whose values are whole things (integer axis ticks). */
export function isWholeKind(kind: MetricKind): boolean {
  return kind === 'count' || kind === 'index' || kind === 'flag';
}
