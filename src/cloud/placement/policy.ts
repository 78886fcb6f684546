/**
 * Where a new virtual machine goes: the placement-policy interface. Each policy lives in
 * its own file and every one passes the shared suite in test/cloud/placement/.
 */
import type { Capacity } from '../capacity-index.js';

/** The names a scenario may give as `cloud.placement`, in documentation order. */
export const PLACEMENT_POLICY_NAMES = ['first-fit', 'best-fit', 'spread', 'random'] as const;

/** What one new instance needs, and the key its siblings share. */
export interface PlacementRequest extends Capacity {
  /** Memory, MB. */
  readonly memoryMb: number;
  /** CPU, thousandths of an EC2 Compute Unit. */
  readonly milliEcu: number;
  /** Instance-store disk, GB. */
  readonly diskGb: number;
  /** Spread key, e.g. the role name: `spread` keeps instances of one group on different racks. */
  readonly group: string;
}

/** One availability zone as placement sees it: a contiguous range of global host indices. */
export interface ZoneLayout {
  /** First host index of the zone. */
  readonly from: number;
  /** One past the last host index of the zone. */
  readonly to: number;
  /** Racks as [from, to) host ranges, in order, covering the zone exactly. */
  readonly racks: readonly (readonly [number, number])[];
}

/** A swappable placement strategy over a shared `CapacityIndex`. */
export interface PlacementPolicy {
  readonly name: (typeof PLACEMENT_POLICY_NAMES)[number];
  /**
   * The host for `req` in `zone`, or -1 when none fits (the caller reports
   * InsufficientInstanceCapacity). Does not reserve capacity: the caller updates the index.
   */
  choose(req: PlacementRequest, zone: ZoneLayout): number;
  /** Told after the caller placed an instance on `host` (stateful policies, e.g. spread, count it). */
  placed(host: number, req: PlacementRequest): void;
  /** Told after an instance placed on `host` left it (terminated, or its host failed). */
  released(host: number, req: PlacementRequest): void;
}

/** `first-fit` | `best-fit` | `spread` | `random`. */
export type PlacementPolicyName = PlacementPolicy['name'];
