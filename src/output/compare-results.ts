import type { Table } from '../metrics/table.js';
import { readResults, requireSummary } from './results-reader.js';
import { compareSummaries, type CompareOptions } from '../experiment/compare.js';

/**
 * Compares the summaries of two results folders (two runs, or two sweeps of the same grid):
 * per metric (and point), A's mean, B's mean and B - A with its 95% CI, paired when the
 * replications line up and Welch otherwise. Throws ResultsError when they cannot be compared.
 */
export function compareResults(dirA: string, dirB: string, options: CompareOptions = {}): Table {
  return compareSummaries(requireSummary(readResults(dirA)), requireSummary(readResults(dirB)), options);
}
