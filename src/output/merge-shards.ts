import type { Table } from '../metrics/table.js';
import { ResultsError } from '../experiment/results-error.js';
import type { ResultsFolder } from './results-reader.js';
import type { Manifest } from './results-writer.js';
import { aggregateOf } from '../experiment/run-sweep.js';
import { UnionTable } from '../experiment/union-table.js';
import { checkShardSet, mergedManifest, shardInfoOf } from './shard-check.js';

/** A merged sweep: the folder a single machine would have written. */
export interface MergedSweep {
  readonly manifest: Manifest;
  /** `summary`, `aggregate`, then the other tables by name. */
  readonly tables: readonly Table[];
  readonly files: ReadonlyMap<string, string>;
  /** Which shards were merged, and how many jobs they held. */
  readonly shards: number;
  readonly jobs: number;
}

/**
 * Joins shard folders read into memory (`readResults(dir, { files: true })`) into the
 * folder a single machine would have written: tables concatenated in shard order (shards
 * are contiguous slices of the job list), files joined, aggregate.csv computed from the
 * joined summary, and the manifest without the shard and with `command`. Throws
 * ResultsError when the folders are not all the shards of one sweep, each once. (The
 * command line's `merge` streams and verifies instead: see `mergeResults`.)
 */
export function mergeShards(folders: readonly ResultsFolder[], command: string): MergedSweep {
  const byDir = new Map(folders.map((f) => [f.dir, f]));
  const infos = checkShardSet(folders.map((f) => shardInfoOf(f.dir, f.manifest)));
  const unions = new Map<string, UnionTable>();
  const files = new Map<string, string>();
  for (const s of infos) {
    const folder = byDir.get(s.dir)!;
    for (const [name, t] of folder.tables) {
      if (name === 'aggregate') continue;
      let u = unions.get(name);
      if (u === undefined) {
        u = new UnionTable(name);
        unions.set(name, u);
      }
      u.add(t.columns, t.rows);
    }
    for (const [path, text] of folder.files) {
      if (files.has(path)) throw new ResultsError(`${path} is in more than one shard folder`);
      files.set(path, text);
    }
  }
  const summary = unions.get('summary')?.table();
  const others = [...unions.keys()].filter((n) => n !== 'summary').sort().map((n) => unions.get(n)!.table());
  const tables = summary === undefined ? others : [summary, aggregateOf(summary), ...others];
  const jobs = summary?.rows.length ?? 0;
  return { manifest: mergedManifest(infos[0]!, command) as unknown as Manifest, tables, files, shards: infos.length, jobs };
}
