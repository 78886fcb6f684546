/** A small cloud with the faults layer attached, for unit-level fault tests. */
import { EventBus, Simulation } from '../../src/engine/index.js';
import { HOST_TYPES, INSTANCE_TYPES_2008 } from '../../src/cloud/catalog.js';
import { Cloud } from '../../src/cloud/cloud.js';
import { Ec2Api } from '../../src/cloud/ec2-api.js';
import type { CloudEvents } from '../../src/cloud/events.js';
import { BUILTIN_IMAGES, ImageRegistry } from '../../src/cloud/images.js';
import type { Instance } from '../../src/cloud/instance.js';
import { constant } from '../../src/engine/distributions.js';
import type { FaultEvents } from '../../src/faults/fault.js';
import { FaultLedger } from '../../src/faults/fault-ledger.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Host state changes as `down <id> <cause> @<ms>` / `up <id> @<ms>`. */
export function faultWorld(zones: readonly { name: string; hosts: number; racks: number }[], placement: 'first-fit' | 'spread' = 'first-fit') {
  const sim = new Simulation({ seed: 11 });
  const bus = new EventBus<CloudEvents & FaultEvents>();
  const cloud = new Cloud(sim, bus, {
    zones: zones.map((z) => ({ ...z, hostType: HOST_TYPES['xen-2008']! })),
    placement, s3BytesPerMs: 10_000, kernelBoot: constant(30_000), shutdownMs: 10_000, dayOffsetMs: 0,
  });
  const api = new Ec2Api(cloud, new ImageRegistry(BUILTIN_IMAGES), INSTANCE_TYPES_2008);
  const ledger = new FaultLedger(sim, cloud, bus);
  const log: string[] = [];
  bus.on('host.down', (e) => log.push(`down ${e.host.id} ${e.cause} @${e.timeMs}`));
  bus.on('host.up', (e) => log.push(`up ${e.host.id} @${e.timeMs}`));
  /** Launches `count` m1.small (or `type`) of `role` in `zone`. */
  const launch = (count: number, zone: string, role = 'web', type = 'm1.small', extra: { diskWriteBytesPerMs?: number; backupEveryMs?: number } = {}): Instance[] =>
    [...api.runInstances({ image: type === 'm1.small' ? 'ami-f937d290' : 'ami-5a1f3c27', count, type, groups: ['default'], role, zone, ...extra }).instances];
  return { sim, bus, cloud, api, ledger, log, launch };
}
