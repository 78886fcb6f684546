import type { Table } from '../metrics/table.js';
import { ResultsError } from '../experiment/results-error.js';
import type { ResultsFolder } from './results-reader.js';
import type { Manifest } from './results-writer.js';
import { aggregateOf } from '../experiment/run-sweep.js';
import { UnionTable } from '../experiment/union-table.js';

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

interface ShardInfo {
  readonly folder: ResultsFolder;
  readonly index: number;
  readonly count: number;
  /** The manifest without the shard and the command: what every shard must share. */
  readonly common: Record<string, unknown>;
}

function shardInfo(folder: ResultsFolder): ShardInfo {
  const m = folder.manifest;
  const sweep = m?.['sweep'] as Record<string, unknown> | undefined;
  const shard = sweep?.['shard'] as { index?: unknown; count?: unknown } | undefined;
  if (m === undefined || sweep === undefined || shard === undefined || typeof shard.index !== 'number' || typeof shard.count !== 'number') {
    throw new ResultsError(`${folder.dir} is not a shard of a sweep (its manifest.json has no sweep.shard): merge the folders written by ephemera sweep --shard K/N`);
  }
  const { shard: _shard, ...sweepRest } = sweep;
  const { command: _command, ...rest } = m;
  return { folder, index: shard.index, count: shard.count, common: { ...rest, sweep: sweepRest } };
}

/**
 * Joins the folders of a sweep's shards into the folder a single machine would have written:
 * tables concatenated in shard order (shards are contiguous slices of the job list), files
 * joined, aggregate.csv computed from the joined summary, and the manifest without the
 * shard and with `command`. Throws ResultsError when the folders are not all the shards of
 * one sweep, each once.
 */
export function mergeShards(folders: readonly ResultsFolder[], command: string): MergedSweep {
  if (folders.length === 0) throw new ResultsError('name the shard folders to merge');
  const infos = folders.map(shardInfo).sort((a, b) => a.index - b.index);
  const first = infos[0]!;
  const reference = JSON.stringify(first.common);
  for (const s of infos) {
    if (s.count !== first.count) throw new ResultsError(`${s.folder.dir} is shard ${s.index}/${s.count}, but ${first.folder.dir} is shard ${first.index}/${first.count}: these are not slices of one sweep`);
    if (JSON.stringify(s.common) !== reference) {
      const keys = Object.keys({ ...first.common, ...s.common }).filter((k) => JSON.stringify(first.common[k]) !== JSON.stringify(s.common[k]));
      throw new ResultsError(`${s.folder.dir} and ${first.folder.dir} come from different sweeps (their manifests differ in ${keys.join(', ')})`);
    }
  }
  const seen = new Map<number, string>();
  for (const s of infos) {
    const other = seen.get(s.index);
    if (other !== undefined) throw new ResultsError(`${other} and ${s.folder.dir} are both shard ${s.index}/${s.count}`);
    seen.set(s.index, s.folder.dir);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ResultsError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${first.count}`);

  const unions = new Map<string, UnionTable>();
  const files = new Map<string, string>();
  for (const s of infos) {
    for (const [name, t] of s.folder.tables) {
      if (name === 'aggregate') continue;
      let u = unions.get(name);
      if (u === undefined) {
        u = new UnionTable(name);
        unions.set(name, u);
      }
      u.add(t.columns, t.rows);
    }
    for (const [path, text] of s.folder.files) {
      if (files.has(path)) throw new ResultsError(`${path} is in more than one shard folder`);
      files.set(path, text);
    }
  }
  const summary = unions.get('summary')?.table();
  const others = [...unions.keys()].filter((n) => n !== 'summary').sort().map((n) => unions.get(n)!.table());
  const tables = summary === undefined ? others : [summary, aggregateOf(summary), ...others];
  // The first shard's manifest, key order kept, with this command and without the shard.
  const manifest = Object.fromEntries(Object.entries(first.folder.manifest!).map(([k, v]) =>
    [k, k === 'command' ? command : k === 'sweep' ? first.common['sweep'] : v])) as unknown as Manifest;
  const jobs = summary?.rows.length ?? 0;
  return { manifest, tables, files, shards: infos.length, jobs };
}
