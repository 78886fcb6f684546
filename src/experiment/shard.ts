/** One slice of a sweep: `index` from 1 to `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
  /** Where it came from: `--shard`, `SLURM_ARRAY_TASK_ID`, `JOB_COMPLETION_INDEX`. */
  readonly from: string;
}

/** Environment variables read by `shardFromEnv`. */
export const SHARD_COUNT_ENV = 'EPHEMERA_SHARD_COUNT';

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text.trim())) throw new Error(`${name}=${text}: expected a whole number`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${text}: too large (at most ${Number.MAX_SAFE_INTEGER})`);
  if (n < min) throw new Error(`${name}=${text}: expected at least ${min}`);
  return n;
}

/** Parses `--shard K/N` (K from 1 to N); throws an Error naming the option when malformed. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new Error(`--shard ${text}: expected K/N, e.g. --shard 2/10 for the second of ten slices`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) throw new Error(`--shard ${text}: K and N must be whole numbers up to ${Number.MAX_SAFE_INTEGER} (and N at most the number of jobs)`);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${text}: K must be from 1 to N, and N at least 1`);
  return { index, count, from: '--shard' };
}

/**
 * The shard a cluster scheduler gives this process, if any:
 * - Slurm job arrays: `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_MIN` (default 0),
 *   `SLURM_ARRAY_TASK_STEP` (default 1) and `SLURM_ARRAY_TASK_COUNT`:
 *   shard (ID - MIN) / STEP + 1 of COUNT, so `--array=0-9` and `--array=1-10` both work.
 * - Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX` (0-based), with the count in
 *   `EPHEMERA_SHARD_COUNT` (set it to the Job's `completions`; Kubernetes does not pass it).
 * Throws an Error when the variables are present but inconsistent.
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  const slurm = env['SLURM_ARRAY_TASK_ID'];
  if (slurm !== undefined && slurm !== '') {
    const id = wholeNumber('SLURM_ARRAY_TASK_ID', slurm, 0);
    const min = wholeNumber('SLURM_ARRAY_TASK_MIN', env['SLURM_ARRAY_TASK_MIN'] ?? '0', 0);
    const step = wholeNumber('SLURM_ARRAY_TASK_STEP', env['SLURM_ARRAY_TASK_STEP'] ?? '1', 1);
    const countText = env['SLURM_ARRAY_TASK_COUNT'];
    if (countText === undefined) throw new Error('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not');
    const count = wholeNumber('SLURM_ARRAY_TASK_COUNT', countText, 1);
    const index = (id - min) / step + 1;
    if (!Number.isInteger(index) || index < 1 || index > count) {
      throw new Error(`SLURM_ARRAY_TASK_ID=${id} is not one of the ${count} tasks from ${min} in steps of ${step}`);
    }
    return { index, count, from: 'SLURM_ARRAY_TASK_ID' };
  }
  const k8s = env['JOB_COMPLETION_INDEX'];
  if (k8s !== undefined && k8s !== '') {
    const id = wholeNumber('JOB_COMPLETION_INDEX', k8s, 0);
    const countText = env[SHARD_COUNT_ENV];
    if (countText === undefined) throw new Error(`JOB_COMPLETION_INDEX is set but ${SHARD_COUNT_ENV} is not: set it to the Job's completions`);
    const count = wholeNumber(SHARD_COUNT_ENV, countText, 1);
    if (id >= count) throw new Error(`JOB_COMPLETION_INDEX=${id} is not below ${SHARD_COUNT_ENV}=${count}`);
    return { index: id + 1, count, from: 'JOB_COMPLETION_INDEX' };
  }
  return undefined;
}

/**
 * The jobs of shard K of N out of `total`: the contiguous range
 * [floor((K-1) * total / N), floor(K * total / N)), so shards differ in size by at most
 * one job and, concatenated in shard order, give every job in order.
 */
export function shardRange(total: number, shard: Shard | undefined): { start: number; end: number } {
  if (shard === undefined) return { start: 0, end: total };
  return { start: Math.floor(((shard.index - 1) * total) / shard.count), end: Math.floor((shard.index * total) / shard.count) };
}
