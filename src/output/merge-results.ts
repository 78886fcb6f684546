import { readResults } from './results-reader.js';
import { writeResults } from './results-writer.js';
import { mergeShards, type MergedSweep } from './merge-shards.js';

/**
 * Reads the shard folders of a sweep (`ephemera sweep --shard K/N`), joins them and writes
 * the result to `out` atomically: the same bytes as the unsharded sweep, manifest.json's
 * `command` aside. Throws ResultsError (nothing written) when the folders do not make up
 * one sweep. Returns the merge and the files written.
 */
export function mergeResults(dirs: readonly string[], out: string, command: string): MergedSweep & { readonly written: readonly string[] } {
  const merged = mergeShards(dirs.map((d) => readResults(d, { files: true })), command);
  const written = writeResults(out, merged.tables, merged.manifest, merged.files);
  return { ...merged, written };
}
