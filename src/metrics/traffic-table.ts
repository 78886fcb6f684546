import type { TrafficRow } from '../network/traffic-meter.js';
import { TableBuilder, type Table } from './table.js';

/** Columns of traffic.csv: bytes in decimal GB (10^9 bytes). */
export const TRAFFIC_COLUMNS = ['month', 'role', 'instance_id', 'in_gb', 'out_gb', 'internal_gb', 'regional_gb', 's3_gb'] as const;

const GB = 1e9;

/** traffic.csv: one row per calendar month (YYYY-MM, UTC) and instance, from the traffic meter. */
export function trafficTable(rows: readonly TrafficRow[]): Table {
  const t = new TableBuilder('traffic', TRAFFIC_COLUMNS);
  for (const r of rows) t.add([r.month, r.role, r.instance.id, r.bytes.in / GB, r.bytes.out / GB, r.bytes.internal / GB, r.bytes.regional / GB, r.bytes.s3 / GB]);
  return t;
}
