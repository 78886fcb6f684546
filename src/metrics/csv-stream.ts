/**
 * The streaming twin of readCsv, for results files too large to hold (timeseries.csv of a
 * sweep): the same csv-parse, the same strictness (RFC 4180 quoting, a BOM dropped, `\n` and
 * `\r\n`, every row as wide as the header), each row handed over as it is parsed. The
 * caller opens the file and passes its chunks (this layer touches no files).
 */
import { CsvError as ParseError, parse } from 'csv-parse';
import { CsvError } from './csv-read.js';

/**
 * Reads CSV chunks row by row: `onHeader` once with the first row, then `onRow` with each
 * data row's cells (header order) and the line it ends on. Resolves when the source ends.
 * @throws CsvError (the promise rejects) at a malformed row or one whose width differs from the header's
 */
export async function readCsvStream(
  source: AsyncIterable<Buffer | string>,
  file: string,
  onHeader: (header: readonly string[]) => void,
  onRow: (cells: readonly string[], line: number) => void,
): Promise<void> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n'] });
  let header: readonly string[] | undefined;
  const feed = (async () => {
    for await (const chunk of source) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    parser.end();
  })();
  feed.catch(() => undefined); // a parse error stops the parser; the feed's own failure is then moot
  try {
    for await (const item of parser) {
      const { record, info } = item as { record: string[]; info: { lines: number } };
      if (header === undefined) {
        header = record;
        onHeader(record);
        continue;
      }
      if (record.length !== header.length) throw new CsvError(file, info.lines, `${record.length} cell${record.length === 1 ? '' : 's'}, but the header has ${header.length} (${header.join(', ')})`);
      onRow(record, info.lines);
    }
    await feed;
  } catch (e) {
    parser.destroy();
    if (e instanceof ParseError) throw new CsvError(file, (e as ParseError & { lines?: number }).lines ?? 1, e.message.replace(/ at line \d+/, ''));
    throw e;
  }
}
