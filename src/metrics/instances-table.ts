import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import type { Instance } from '../cloud/instance.js';
import { BYTES_PER_GB, dataLostBytes } from './data-loss.js';
import { TableBuilder, type Table } from './table.js';

const HOUR_MS = 3_600_000;
const s = (ms: number | undefined): number | null => (ms === undefined ? null : ms / 1000);

/** Columns of instances.csv (times in seconds from the start of the run). */
export const INSTANCE_COLUMNS = [
  'instance_id', 'reservation_id', 'role', 'type', 'image', 'zone', 'host', 'launched_s', 'running_s', 'terminated_s',
  'end_reason', 'private_ip', 'public_ip', 'user_data', 'stale_since_s', 'steal_pct', 'data_lost_gb',
] as const;

/**
 * Instance-store data an instance lost, GB (10^9 bytes): what it had not backed up to S3 when a
 * fault killed it (its host failed, lost power or went down for maintenance). 0 for one alive
 * at the end or terminated by its user (who chose to drop the store), as in summary.csv's
 * `data_lost_gb`, which is the sum of this column.
 */
export function instanceDataLostGb(i: Instance): number {
  if (i.terminatedMs === undefined || i.endReason === undefined || i.endReason === 'user-terminated') return 0;
  return dataLostBytes(i, i.terminatedMs) / BYTES_PER_GB;
}

/**
 * Watches instance events and reports every instance (instances.csv) and the fleet's
 * totals: launches, refused launches, instance-hours (launch to termination, or to the end
 * of the run; not rounded: billing rounds), and instances left with stale user-data.
 */
export class InstancesTable {
  readonly #instances: Instance[] = [];
  #launchFailures = 0;

  /** Every instance launched, in launch order. */
  get instances(): readonly Instance[] {
    return this.#instances;
  }

  constructor(bus: EventBus<CloudEvents>) {
    bus.on('instance.pending', (e) => this.#instances.push(e.instance));
    bus.on('launch.failed', () => this.#launchFailures++);
  }

  /** instances.csv at `endMs`; `stealPct` gives an instance's CPU steal, in percent (null if it asked for no CPU). */
  table(stealPct: (i: Instance) => number | null): Table {
    const t = new TableBuilder('instances', INSTANCE_COLUMNS);
    for (const i of this.#instances) {
      t.add([
        i.id, i.reservationId, i.spec.role, i.spec.type.name, i.spec.image.id, i.spec.zone, i.host.id,
        s(i.launchedMs), s(i.runningMs), s(i.terminatedMs), i.endReason ?? null, i.privateIp ?? null, i.publicIp ?? null,
        i.spec.userData === undefined ? null : i.userData, s(i.staleSinceMs), stealPct(i), instanceDataLostGb(i),
      ]);
    }
    return t;
  }

  /** Summary metrics at `endMs`. */
  summary(endMs: number): { instances_launched: number; launch_failures: number; instance_hours: number; stale_user_data: number } {
    let ms = 0;
    let stale = 0;
    for (const i of this.#instances) {
      ms += (i.terminatedMs ?? endMs) - i.launchedMs;
      if (i.staleSinceMs !== undefined) stale++;
    }
    return { instances_launched: this.#instances.length, launch_failures: this.#launchFailures, instance_hours: ms / HOUR_MS, stale_user_data: stale };
  }
}
