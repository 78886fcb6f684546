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
/** Int32s per tree node, side by side (16 bytes: a node and its sibling share a cache line): */
const NODE = 4;
/** ... the maximum free memory, CPU and disk below the node, and the minimum free memory. */
const MEM = 0;
const CPU = 1;
const DISK = 2;
const MIN = 3;

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
  /** Node i's aggregates at NODE * i + MEM, CPU, DISK and MIN. */
  readonly #t: Int32Array;
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
    const t = new Int32Array(NODE * 2 * size).fill(UNAVAILABLE);
    for (let i = MIN; i < t.length; i += NODE) t[i] = NO_MIN;
    this.#t = t;
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
    return this.#t[NODE * (this.#size + host) + MEM]! !== UNAVAILABLE;
  }

  /** A host's free capacity; -1 in every dimension when it is unavailable. */
  free(host: number): Capacity {
    this.#checkHost(host);
    const t = this.#t;
    const leaf = NODE * (this.#size + host);
    return { memoryMb: t[leaf + MEM]!, milliEcu: t[leaf + CPU]!, diskGb: t[leaf + DISK]! };
  }

  /** Whether `need` fits the host's free capacity in all three dimensions (never for an unavailable host). */
  fits(host: number, need: Capacity): boolean {
    this.#checkHost(host);
    checkNeed(need);
    const t = this.#t;
    const leaf = NODE * (this.#size + host);
    return t[leaf + MEM]! >= need.memoryMb && t[leaf + CPU]! >= need.milliEcu && t[leaf + DISK]! >= need.diskGb;
  }

  /** The largest free amount of each dimension over all hosts (-1s when none is available). O(1). */
  maxFree(): Capacity {
    const t = this.#t;
    return { memoryMb: t[NODE + MEM]!, milliEcu: t[NODE + CPU]!, diskGb: t[NODE + DISK]! };
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
    const t = this.#t;
    const k = NODE * node;
    if (t[k + MEM]! < m || t[k + CPU]! < c || t[k + DISK]! < d) return -1;
    if (hi - lo === 1) return lo;
    const mid = (lo + hi) >>> 1;
    const left = this.#first(2 * node, lo, mid, from, to, m, c, d);
    return left >= 0 ? left : this.#first(2 * node + 1, mid, hi, from, to, m, c, d);
  }

  #best(node: number, lo: number, hi: number, from: number, to: number, m: number, c: number, d: number): void {
    if (hi <= from || lo >= to) return;
    const t = this.#t;
    const k = NODE * node;
    if (t[k + MEM]! < m || t[k + CPU]! < c || t[k + DISK]! < d) return;
    // No host below can leave less than max(need, min free) memory; ties lose to the
    // lower index already found, since subtrees are visited left to right.
    const bound = Math.max(m, t[k + MIN]!);
    if (bound >= this.#bestFree) return;
    if (hi - lo === 1) {
      this.#bestFree = t[k + MEM]!;
      this.#bestHost = lo;
      return;
    }
    const mid = (lo + hi) >>> 1;
    this.#best(2 * node, lo, mid, from, to, m, c, d);
    if (this.#bestFree === m) return; // a perfect fit cannot be beaten
    this.#best(2 * node + 1, mid, hi, from, to, m, c, d);
  }

  #write(host: number, mem: number, cpu: number, disk: number, min: number): void {
    const t = this.#t;
    let i = this.#size + host;
    let k = NODE * i;
    t[k + MEM] = mem;
    t[k + CPU] = cpu;
    t[k + DISK] = disk;
    t[k + MIN] = min;
    // Up to the root, or to the first node whose aggregates do not change: its ancestors,
    // computed from it and from nodes this write does not touch, stay as they are. (A host
    // of a fleet of equal hosts going down or coming back stops one level up.)
    for (i >>>= 1; i >= 1; i >>>= 1) {
      k = NODE * i;
      const l = 2 * k; // NODE * (2 * i): the left child; the right one follows it
      const r = l + NODE;
      const mm = Math.max(t[l + MEM]!, t[r + MEM]!);
      const mc = Math.max(t[l + CPU]!, t[r + CPU]!);
      const md = Math.max(t[l + DISK]!, t[r + DISK]!);
      const mn = Math.min(t[l + MIN]!, t[r + MIN]!);
      if (mm === t[k + MEM] && mc === t[k + CPU] && md === t[k + DISK] && mn === t[k + MIN]) break;
      t[k + MEM] = mm;
      t[k + CPU] = mc;
      t[k + DISK] = md;
      t[k + MIN] = mn;
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
