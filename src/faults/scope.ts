import type { Cloud } from '../cloud/cloud.js';
import type { Host } from '../cloud/host.js';

/** A set of hosts that fail together, and the name faults.csv gives it. */
export interface FaultUnit {
  /** A host id (`us-east-1a-h00042`), a rack (`us-east-1a/rack3`) or a zone (`us-east-1a`). */
  readonly scope: string;
  readonly hosts: readonly Host[];
}

/** Where a scheduled fault strikes: a whole zone, one rack of a zone (0-based), or one host. */
export type ScopeSpec =
  | { readonly zone: string; readonly rack?: number | undefined; readonly host?: undefined }
  | { readonly host: string; readonly zone?: undefined; readonly rack?: undefined };

/** The name of rack `rack` (0-based, within its zone) of `zone`. */
export function rackScope(zone: string, rack: number): string {
  return `${zone}/rack${rack}`;
}

/**
 * Splits a host id as ephemera names hosts, `<zone>-h<n>` with n the 0-based index within
 * the zone (`us-east-1a-h00042`; the zero padding is optional), or returns undefined.
 */
export function parseHostId(id: string): { readonly zone: string; readonly index: number } | undefined {
  const m = /^(.+)-h(\d+)$/.exec(id.trim());
  if (m === null) return undefined;
  const index = Number(m[2]);
  return Number.isSafeInteger(index) ? { zone: m[1]!, index } : undefined;
}

/** The canonical id of host `index` (0-based) of `zone`, as the topology names it. */
export function hostId(zone: string, index: number): string {
  return `${zone}-h${String(index).padStart(5, '0')}`;
}

/** The host called `id` (padding optional), or undefined. */
export function findHost(cloud: Cloud, id: string): Host | undefined {
  const p = parseHostId(id);
  const zone = p === undefined ? undefined : cloud.zone(p.zone);
  if (p === undefined || zone === undefined || p.index >= zone.to - zone.from) return undefined;
  return cloud.hosts[zone.from + p.index];
}

/** The hosts a scope names. @throws RangeError for an unknown zone, rack or host (the scenario checks catch these first). */
export function resolveScope(cloud: Cloud, spec: ScopeSpec): FaultUnit {
  if (spec.host !== undefined) {
    const host = findHost(cloud, spec.host);
    if (host === undefined) throw new RangeError(`no host ${spec.host}`);
    return { scope: host.id, hosts: [host] };
  }
  const zone = cloud.zone(spec.zone);
  if (zone === undefined) throw new RangeError(`no zone ${spec.zone}`);
  if (spec.rack === undefined) return { scope: zone.name, hosts: cloud.hosts.slice(zone.from, zone.to) };
  const range = zone.racks[spec.rack];
  if (range === undefined) throw new RangeError(`zone ${zone.name} has no rack ${spec.rack}`);
  return { scope: rackScope(zone.name, spec.rack), hosts: cloud.hosts.slice(range[0], range[1]) };
}

/** Every host as its own unit, in index order. */
export function hostUnits(cloud: Cloud): FaultUnit[] {
  return cloud.hosts.map((h) => ({ scope: h.id, hosts: [h] }));
}

/** Every rack as a unit, zone by zone. */
export function rackUnits(cloud: Cloud): FaultUnit[] {
  return cloud.zones.flatMap((z) => z.racks.map(([from, to], r) => ({ scope: rackScope(z.name, r), hosts: cloud.hosts.slice(from, to) })));
}

/** Every zone as a unit. */
export function zoneUnits(cloud: Cloud): FaultUnit[] {
  return cloud.zones.map((z) => ({ scope: z.name, hosts: cloud.hosts.slice(z.from, z.to) }));
}
