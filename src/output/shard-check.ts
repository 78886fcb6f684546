import { ResultsError } from '../experiment/results-error.js';
import { shardRange } from '../experiment/shard.js';

/** A shard folder's manifest, read for merging. */
export interface ShardInfo {
  readonly dir: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly index: number;
  readonly count: number;
  /** The slice of the sweep's jobs it claims: [first, end). */
  readonly first: number;
  readonly end: number;
  /** The manifest without the shard, the command and the file list: what every shard must share. */
  readonly common: Record<string, unknown>;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The shard information in `manifest` of folder `dir`. Throws ResultsError when it is not
 * the manifest of a shard, or its slice is not the one `--shard K/N` gives.
 */
export function shardInfoOf(dir: string, manifest: Readonly<Record<string, unknown>> | undefined): ShardInfo {
  const sweep = manifest?.['sweep'] as Record<string, unknown> | undefined;
  const shard = sweep?.['shard'] as Record<string, unknown> | undefined;
  if (manifest === undefined || sweep === undefined || shard === null || typeof shard !== 'object' || !isCount(shard['index']) || !isCount(shard['count'])) {
    throw new ResultsError(`${dir} is not a shard of a sweep (its manifest.json has no sweep.shard): merge the folders written by ephemera sweep --shard K/N`);
  }
  const index = shard['index'];
  const count = shard['count'];
  const jobs = sweep['jobs'];
  if (!isCount(jobs) || index < 1 || index > count) throw new ResultsError(`${dir}: its manifest.json is damaged (shard ${index}/${count} of ${String(jobs)} jobs)`);
  const { start, end } = shardRange(jobs, { index, count, from: 'manifest' });
  if (shard['first_job'] !== start || shard['end_job'] !== end) {
    throw new ResultsError(`${dir} claims jobs ${String(shard['first_job'])} to ${String(shard['end_job'])}, but shard ${index}/${count} of ${jobs} jobs is jobs ${start} to ${end}: it is damaged or not ephemera's`);
  }
  const { shard: _shard, ...sweepRest } = sweep;
  const { command: _command, files: _files, ...rest } = manifest;
  return { dir, manifest, index, count, first: start, end, common: { ...rest, sweep: sweepRest } };
}

/**
 * Checks that `infos` are every shard of one sweep, each once, and returns them in shard
 * order. Throws ResultsError naming the folder that does not fit.
 */
export function checkShardSet(infos: readonly ShardInfo[]): ShardInfo[] {
  if (infos.length === 0) throw new ResultsError('name the shard folders to merge');
  const sorted = [...infos].sort((a, b) => a.index - b.index);
  const first = sorted[0]!;
  const reference = JSON.stringify(first.common);
  for (const s of sorted) {
    if (s.count !== first.count) throw new ResultsError(`${s.dir} is shard ${s.index}/${s.count}, but ${first.dir} is shard ${first.index}/${first.count}: these are not slices of one sweep`);
    if (JSON.stringify(s.common) !== reference) {
      const keys = Object.keys({ ...first.common, ...s.common }).filter((k) => JSON.stringify(first.common[k]) !== JSON.stringify(s.common[k]));
      throw new ResultsError(`${s.dir} and ${first.dir} come from different sweeps (their manifests differ in ${keys.join(', ')})`);
    }
  }
  const seen = new Map<number, string>();
  for (const s of sorted) {
    const other = seen.get(s.index);
    if (other !== undefined) throw new ResultsError(`${other} and ${s.dir} are both shard ${s.index}/${s.count}`);
    seen.set(s.index, s.dir);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ` and ${missing.length - 20} more` : '');
    throw new ResultsError(`missing shard${missing.length > 1 ? 's' : ''} ${shown} of ${first.count}`);
  }
  return sorted;
}

/** The merged folder's manifest: the first shard's, key order kept, with `command` and without the shard and the file list. */
export function mergedManifest(first: ShardInfo, command: string): Record<string, unknown> {
  const entries = Object.entries(first.manifest).filter(([k]) => k !== 'files');
  return Object.fromEntries(entries.map(([k, v]) => [k, k === 'command' ? command : k === 'sweep' ? first.common['sweep'] : v]));
}
