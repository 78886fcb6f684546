import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvStream } from '../../metrics/csv-stream.js';
import { CsvError } from '../../metrics/csv-read.js';
import { ResultsError } from '../../experiment/results-error.js';
import { DIGEST_BUCKETS, TimeseriesDigester, type TimeseriesDigest, type TimeWindow } from './timeseries-digest.js';

/**
 * Digests `<dir>/timeseries.csv` as it streams (a sweep's can be gigabytes: it is never
 * held whole), with `window` kept interval by interval; undefined when the folder has none.
 * Throws ResultsError when it does not parse.
 */
export async function readTimeseriesDigest(dir: string, window?: TimeWindow): Promise<TimeseriesDigest | undefined> {
  const path = join(dir, 'timeseries.csv');
  if (!existsSync(path)) return undefined;
  const d = new TimeseriesDigester();
  try {
    await readCsvStream(createReadStream(path), path, (h) => d.header(h), (cells) => d.row(cells));
  } catch (e) {
    throw new ResultsError(e instanceof CsvError ? e.message : `${path}: ${(e as Error).message}`);
  }
  return d.finish(DIGEST_BUCKETS, window);
}
