/**
 * Free capacity of every host, indexed for placement: a segment tree over host indices
 * 0..n-1 whose nodes hold the maximum free memory, CPU and disk of their hosts (to prune
 * subtrees where nothing can fit) and the minimum free memory (a bound for best fit).
 * Queries descend only into subtrees that may hold an answer, so placement does not scan
 * every host for every VM.
 */

/** An amount in each of the three placement dimensions. */
export interface Capacity {
  /** Memory, MB. */
  readonly memoryMb: number;
  /** CPU, thousandths of an EC2 Compute Unit. */
  readonly milliEcu: number;
  /** Instance-store disk, GB. */
  readonly diskGb: number;
}

/** Stored in every dimension of a host that is down or was never set. */
const UNAVAILABLE = -1;
/** Minimum-memory value of a host that cannot take anything (keeps it out of the bound). */
const NO_MIN = 0x7fffffff;
const MAX_VALUE = 0x7fffffff;

function checkAmount(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > MAX_VALUE) {
    throw new RangeError(`${what} must be an integer in 0..${MAX_VALUE}, got ${v}`);
  }
}

function checkNeed(need: Capacity): void {
  // A negative (or NaN) need would make a down host (-1) look like it fits.
  if (!(need.memoryMb >= 0 && need.milliEcu >= 0 && need.diskGb >= 0)) {
    throw new RangeError(
      `a need must be >= 0 in every dimension, got ${need.memoryMb} MB, ${need.milliEcu} mECU, ${need.diskGb} GB`,
    );
  }
}

/** Segment tree of per-host free capacity; every operation is O(log n) or a pruned descent. */
export class CapacityIndex {
  /** Number of hosts. */
  readonly hostCount: number;
  /** Leaves start here (a power of two); node 1 is the root, node i has children 2i, 2i+1. */
  readonly #size: number;
  readonly #maxMem: Int32Array;
  readonly #maxCpu: Int32Array;
  readonly #maxDisk: Int32Array;
  readonly #minMem: Int32Array;
  // Best-fit search state (kept in fields so the recursion allocates nothing).
  #bestFree = 0;
  #bestHost = -1;

  /** An index over `hostCount` hosts, all unavailable until `set`. */
  constructor(hostCount: number) {
    if (!Number.isInteger(hostCount) || hostCount < 0) {
      throw new RangeError(`host count must be a non-negative integer, got ${hostCount}`);
    }
    this.hostCount = hostCount;
    let size = 1;
    while (size < hostCount) size *= 2;
    this.#size = size;
    this.#maxMem = new Int32Array(2 * size).fill(UNAVAILABLE);
    this.#maxCpu = new Int32Array(2 * size).fill(UNAVAILABLE);
    this.#maxDisk = new Int32Array(2 * size).fill(UNAVAILABLE);
    this.#minMem = new Int32Array(2 * size).fill(NO_MIN);
  }

  /** Sets the free capacity of an available host (memory MB, milli-ECU, disk GB; integers >= 0). O(log n). */
  set(host: number, memoryMb: number, milliEcu: number, diskGb: number): void {
    this.#checkHost(host);
    checkAmount('free memory (MB)', memoryMb);
    checkAmount('free CPU (milli-ECU)', milliEcu);
    checkAmount('free disk (GB)', diskGb);
    this.#write(host, memoryMb, milliEcu, diskGb, memoryMb);
  }

  /** Marks a host unavailable (down): it has no capacity and is never chosen. O(log n). */
  setUnavailable(host: number): void {
    this.#checkHost(host);
    this.#write(host, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, NO_MIN);
  }

  /** Whether the host is available (set and not marked unavailable since). */
  isAvailable(host: number): boolean {
    this.#checkHost(host);
    return this.#maxMem[this.#size + host]! !== UNAVAILABLE;
  }

  /** A host's free capacity; -1 in every dimension when it is unavailable. */
  free(host: number): Capacity {
    this.#checkHost(host);
    const leaf = this.#size + host;
    return { memoryMb: this.#maxMem[leaf]!, milliEcu: this.#maxCpu[leaf]!, diskGb: this.#maxDisk[leaf]! };
  }

  /** Whether `need` fits the host's free capacity in all three dimensions (never for an unavailable host). */
  fits(host: number, need: Capacity): boolean {
    this.#checkHost(host);
    checkNeed(need);
    const leaf = this.#size + host;
    return (
      this.#maxMem[leaf]! >= need.memoryMb && this.#maxCpu[leaf]! >= need.milliEcu && this.#maxDisk[leaf]! >= need.diskGb
    );
  }

  /** The largest free amount of each dimension over all hosts (-1s when none is available). O(1). */
  maxFree(): Capacity {
    return { memoryMb: this.#maxMem[1]!, milliEcu: this.#maxCpu[1]!, diskGb: this.#maxDisk[1]! };
  }

  /** Lowest host index in [from, to) where `need` fits, or -1. */
  firstFit(need: Capacity, from = 0, to = this.hostCount): number {
    this.#checkRange(from, to);
    checkNeed(need);
    if (from >= to) return -1;
    return this.#first(1, 0, this.#size, from, to, need.memoryMb, need.milliEcu, need.diskGb);
  }

  /**
   * First fit starting at `start` and wrapping around within [from, to): the lowest fitting
   * index in [start, to), else the lowest in [from, start); -1 when none fits.
   */
  firstFitFrom(need: Capacity, start: number, from = 0, to = this.hostCount): number {
    this.#checkRange(from, to);
    if (!(Number.isInteger(start) && start >= from && start <= to)) {
      throw new RangeError(`start ${start} is outside [${from}, ${to}]`);
    }
    const h = this.firstFit(need, start, to);
    return h >= 0 ? h : this.firstFit(need, from, start);
  }

  /**
   * The host in [from, to) where `need` fits with the least free memory left after placing
   * it (ties: lowest index), or -1. Branch and bound: a subtree is skipped when some
   * dimension's maximum is below the need, or when its minimum free memory cannot beat the
   * best host found so far.
   */
  bestFit(need: Capacity, from = 0, to = this.hostCount): number {
    this.#checkRange(from, to);
    checkNeed(need);
    this.#bestHost = -1;
    this.#bestFree = NO_MIN;
    if (from < to) this.#best(1, 0, this.#size, from, to, need.memoryMb, need.milliEcu, need.diskGb);
    return this.#bestHost;
  }

  #first(node: number, lo: number, hi: number, from: number, to: number, m: number, c: number, d: number): number {
    if (hi <= from || lo >= to) return -1;
    if (this.#maxMem[node]! < m || this.#maxCpu[node]! < c || this.#maxDisk[node]! < d) return -1;
    if (hi - lo === 1) return lo;
    const mid = (lo + hi) >>> 1;
    const left = this.#first(2 * node, lo, mid, from, to, m, c, d);
    return left >= 0 ? left : this.#first(2 * node + 1, mid, hi, from, to, m, c, d);
  }

  #best(node: number, lo: number, hi: number, from: number, to: number, m: number, c: number, d: number): void {
    if (hi <= from || lo >= to) return;
    if (this.#maxMem[node]! < m || this.#maxCpu[node]! < c || this.#maxDisk[node]! < d) return;
    // No host below can leave less than max(need, min free) memory; ties lose to the
    // lower index already found, since subtrees are visited left to right.
    const bound = Math.max(m, this.#minMem[node]!);
    if (bound >= this.#bestFree) return;
    if (hi - lo === 1) {
      this.#bestFree = this.#maxMem[node]!;
      this.#bestHost = lo;
      return;
    }
    const mid = (lo + hi) >>> 1;
    this.#best(2 * node, lo, mid, from, to, m, c, d);
    if (this.#bestFree === m) return; // a perfect fit cannot be beaten
    this.#best(2 * node + 1, mid, hi, from, to, m, c, d);
  }

  #write(host: number, mem: number, cpu: number, disk: number, min: number): void {
    const maxMem = this.#maxMem;
    const maxCpu = this.#maxCpu;
    const maxDisk = this.#maxDisk;
    const minMem = this.#minMem;
    let i = this.#size + host;
    maxMem[i] = mem;
    maxCpu[i] = cpu;
    maxDisk[i] = disk;
    minMem[i] = min;
    // Up to the root, or to the first node whose aggregates do not change: its ancestors,
    // computed from it and from nodes this write does not touch, stay as they are. (A host
    // of a fleet of equal hosts going down or coming back stops one level up.)
    for (i >>>= 1; i >= 1; i >>>= 1) {
      const l = 2 * i;
      const r = l + 1;
      const mm = Math.max(maxMem[l]!, maxMem[r]!);
      const mc = Math.max(maxCpu[l]!, maxCpu[r]!);
      const md = Math.max(maxDisk[l]!, maxDisk[r]!);
      const mn = Math.min(minMem[l]!, minMem[r]!);
      if (mm === maxMem[i] && mc === maxCpu[i] && md === maxDisk[i] && mn === minMem[i]) break;
      maxMem[i] = mm;
      maxCpu[i] = mc;
      maxDisk[i] = md;
      minMem[i] = mn;
    }
  }

  #checkHost(host: number): void {
    if (!Number.isInteger(host) || host < 0 || host >= this.hostCount) {
      throw new RangeError(`host ${host} is outside 0..${this.hostCount - 1}`);
    }
  }

  #checkRange(from: number, to: number): void {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > this.hostCount || from > to) {
      throw new RangeError(`host range [${from}, ${to}) is not within [0, ${this.hostCount})`);
    }
  }
}
