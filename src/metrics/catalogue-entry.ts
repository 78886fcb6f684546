import type { MetricKind } from './metric-kind.js';

/** The sections of summary.csv, in the order the printed summary shows them. */
export type SummaryGroup = 'availability' | 'dns' | 'service' | 'elasticity' | 'cost' | 'cloud';

/** Section titles of the printed summary and the README. */
export const SUMMARY_GROUPS: readonly (readonly [SummaryGroup, string])[] = [
  ['availability', 'Availability'],
  ['dns', 'DNS'],
  ['service', 'Service'],
  ['elasticity', 'Elasticity'],
  ['cost', 'Cost'],
  ['cloud', 'Cloud'],
];

/**
 * One column of a result table. `column` is its CSV name, or a pattern with a placeholder
 * in angle brackets (`<role>_running`, `mean_instances_<group>`, `<parameter>`), which
 * stands for one or more characters; `label` and `meaning` may use the same placeholder.
 */
export interface ColumnEntry {
  readonly column: string;
  /** Short, lower case, without the unit: "outage p95" (a plot's title, an axis). */
  readonly label: string;
  /** `s`, `h`, `min`, `count`, `0..1`, `%`, `0/1`, `USD`, `1/s`, `GB`, `Mbps`; '' for text. */
  readonly unit: string;
  readonly kind: MetricKind;
  /** One line: what the column holds, and its edge cases. */
  readonly meaning: string;
  /** summary.csv only: the section it is printed in. */
  readonly group?: SummaryGroup;
}

/** One result table (a CSV file of a results folder) and its columns, in the order it writes them. */
export interface TableEntry {
  /** The table's name: the file is `<name>.csv`. */
  readonly name: string;
  /** What one row is, and when the file is written. */
  readonly rows: string;
  readonly columns: readonly ColumnEntry[];
}

/** A column entry, written compactly: `col('outage_p95_s', 'outage p95', 'duration', 's', '...')`. */
export function col(column: string, label: string, kind: MetricKind, unit: string, meaning: string, group?: SummaryGroup): ColumnEntry {
  return group === undefined ? { column, label, unit, kind, meaning } : { column, label, unit, kind, meaning, group };
}
