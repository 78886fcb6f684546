import type { HostType } from './catalog.js';
import { Host } from './host.js';

/** One availability zone as the scenario declares it. */
export interface ZoneSpec {
  readonly name: string;
  readonly hosts: number;
  readonly racks: number;
  readonly hostType: HostType;
}

/** A zone's hosts as index ranges: the zone is [from, to), each rack a sub-range. */
export interface ZoneLayout {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** Racks as [from, to) host-index ranges, in order, covering the zone. */
  readonly racks: readonly (readonly [number, number])[];
  /** Global number of the zone's first rack. */
  readonly firstRack: number;
}

/**
 * Lays hosts out zone by zone and rack by rack, so that every zone and every rack is a
 * contiguous range of host indices (what the capacity index searches).
 */
export function buildTopology(zones: readonly ZoneSpec[]): { hosts: Host[]; layouts: ZoneLayout[] } {
  const hosts: Host[] = [];
  const layouts: ZoneLayout[] = [];
  const since = new Float64Array(zones.reduce((n, z) => n + z.hosts, 0));
  let rackNo = 0;
  for (const z of zones) {
    const from = hosts.length;
    const racks: [number, number][] = [];
    const firstRack = rackNo;
    for (let r = 0; r < z.racks; r++) {
      const start = from + Math.floor((r * z.hosts) / z.racks);
      const end = from + Math.floor(((r + 1) * z.hosts) / z.racks);
      racks.push([start, end]);
      for (let h = start; h < end; h++) {
        hosts.push(new Host(h, `${z.name}-h${String(h - from).padStart(5, '0')}`, z.name, rackNo, z.hostType, since));
      }
      rackNo++;
    }
    layouts.push({ name: z.name, from, to: hosts.length, racks, firstRack });
  }
  return { hosts, layouts };
}
