import type { CapacityIndex } from '../capacity-index.js';
import type { PlacementPolicy, PlacementRequest, ZoneLayout } from './policy.js';

/** Instances of one group on one rack, and a host of that rack (to find the rack's range again). */
interface RackCount {
  count: number;
  readonly someHost: number;
}

/** 2^32: packs (count, host) into one sortable float64 key (host indices are below 2^31). */
const HOST_SPAN = 2 ** 32;
/** Racks tried by linear selection before sorting the rest. */
const SELECT_TRIES = 4;

/** Index of the rack of `zone` that contains `host` (binary search; the host must be in the zone). */
function rackIndexOf(zone: ZoneLayout, host: number): number {
  let lo = 0;
  let hi = zone.racks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (zone.racks[mid]![0] <= host) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Spreads each group across racks, so one rack failure takes as few of its instances as
 * possible: the rack with the fewest instances of the request's group that has a fitting
 * host (ties: rack order), then the first fit within that rack.
 *
 * Only racks holding the group are stored (per group, rack id → count). A call costs O(k)
 * plus a few first-fit descents when a least-used rack has room (the usual case), and at
 * worst O(k log k) plus k + 1 descents, where k is the number of racks of the zone that
 * hold the group: independent of the host count, and never worse than O(racks log racks).
 */
export class SpreadPolicy implements PlacementPolicy {
  readonly name = 'spread';
  readonly #index: CapacityIndex;
  readonly #rackOf: (host: number) => number;
  readonly #groups = new Map<string, Map<number, RackCount>>();

  /**
   * A spread policy over `index`. `rackOf(host)` must give every rack an id unique across
   * the whole cloud (not just within its zone), the same for all hosts of the rack.
   */
  constructor(index: CapacityIndex, rackOf: (host: number) => number) {
    this.#index = index;
    this.#rackOf = rackOf;
  }

  /** A host on the least-used rack (for the request's group) that can take it, or -1. */
  choose(req: PlacementRequest, zone: ZoneLayout): number {
    const index = this.#index;
    // The lowest fitting host: -1 means no rack can take it; and when no rack holds the
    // group, it lies in the lowest rack with a fit, which is the answer.
    const lowest = index.firstFit(req, zone.from, zone.to);
    const counts = this.#groups.get(req.group);
    if (lowest < 0 || counts === undefined) return lowest;

    // Keys (count, a host of the rack) of the racks of this zone that hold the group. Racks
    // are contiguous and in order, so any host of a rack orders it like its first host.
    const keys = new Float64Array(counts.size);
    let k = 0;
    for (const rc of counts.values()) {
      if (rc.someHost >= zone.from && rc.someHost < zone.to) keys[k++] = rc.count * HOST_SPAN + rc.someHost;
    }

    // Racks without the group come first: jump from one fitting host to the next, skipping
    // each rack that holds the group, so at most k + 1 descents.
    if (k < zone.racks.length) {
      for (let h = lowest; h >= 0; ) {
        if (!counts.has(this.#rackOf(h))) return h;
        const end = zone.racks[rackIndexOf(zone, h)]![1];
        h = end < zone.to ? index.firstFit(req, end, zone.to) : -1;
      }
    }

    // Then racks holding the group, fewest first, ties by rack order: the first few by
    // linear selection (usually the first one fits), the rest sorted.
    for (let t = 0; t < SELECT_TRIES && k > 0; t++) {
      let at = 0;
      for (let i = 1; i < k; i++) if (keys[i]! < keys[at]!) at = i;
      const h = this.#fitOnRack(req, zone, keys[at]!, lowest);
      if (h >= 0) return h;
      keys[at] = keys[--k]!;
    }
    for (const key of keys.subarray(0, k).sort()) {
      const h = this.#fitOnRack(req, zone, key, lowest);
      if (h >= 0) return h;
    }
    return -1;
  }

  /** First fit on the rack of `key`; -1 at once for racks before `lowest` (the lowest fitting host). */
  #fitOnRack(req: PlacementRequest, zone: ZoneLayout, key: number, lowest: number): number {
    const rack = zone.racks[rackIndexOf(zone, key % HOST_SPAN)]!;
    return rack[1] <= lowest ? -1 : this.#index.firstFit(req, rack[0], rack[1]);
  }

  /** Counts one more instance of `req.group` on the rack of `host`. */
  placed(host: number, req: PlacementRequest): void {
    let counts = this.#groups.get(req.group);
    if (counts === undefined) {
      counts = new Map();
      this.#groups.set(req.group, counts);
    }
    const rack = this.#rackOf(host);
    const rc = counts.get(rack);
    if (rc === undefined) counts.set(rack, { count: 1, someHost: host });
    else rc.count++;
  }

  /** Counts one instance of `req.group` fewer on the rack of `host`; throws if none was counted. */
  released(host: number, req: PlacementRequest): void {
    const counts = this.#groups.get(req.group);
    const rack = this.#rackOf(host);
    const rc = counts?.get(rack);
    if (counts === undefined || rc === undefined) {
      throw new Error(`spread: no instance of group "${req.group}" was placed on rack ${rack} (host ${host})`);
    }
    if (--rc.count === 0) {
      counts.delete(rack);
      if (counts.size === 0) this.#groups.delete(req.group);
    }
  }

  /** Instances of `group` counted on the rack with id `rack` (for tests and reports). */
  countOn(group: string, rack: number): number {
    return this.#groups.get(group)?.get(rack)?.count ?? 0;
  }
}
