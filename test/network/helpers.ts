/** A small cloud with the network attached, for the network tests. */
import { EventBus, Simulation } from '../../src/engine/index.js';
import { constant, exponential } from '../../src/engine/distributions.js';
import { HOST_TYPES, INSTANCE_TYPES_2008 } from '../../src/cloud/catalog.js';
import { Cloud } from '../../src/cloud/cloud.js';
import { Ec2Api } from '../../src/cloud/ec2-api.js';
import type { CloudEvents } from '../../src/cloud/events.js';
import { BUILTIN_IMAGES, ImageRegistry } from '../../src/cloud/images.js';
import type { Instance } from '../../src/cloud/instance.js';
import type { NetworkEvents } from '../../src/network/events.js';
import { parseCidr } from '../../src/network/ipv4.js';
import { Network, type NetworkOptions } from '../../src/network/network.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Boot takes 150 s (1.5 GB at 10 MB/s) + 30 s; shutdown 10 s. */
export const BOOT_MS = 180_000;

export function world(options: Partial<NetworkOptions> = {}, seed = 1, hosts = 8) {
  const sim = new Simulation({ seed });
  const bus = new EventBus<CloudEvents & NetworkEvents>();
  const cloud = new Cloud(sim, bus, {
    zones: [{ name: 'z', hosts, racks: 1, hostType: HOST_TYPES['xen-2008']! }],
    placement: 'first-fit', s3BytesPerMs: 10_000, kernelBoot: constant(30_000), shutdownMs: 10_000, dayOffsetMs: 0,
  });
  const api = new Ec2Api(cloud, new ImageRegistry(BUILTIN_IMAGES), INSTANCE_TYPES_2008);
  const network = new Network(sim, bus, {
    privatePool: parseCidr('10.251.0.0/16'),
    publicPool: parseCidr('75.101.128.0/17'),
    reuse: 'random',
    churn: { ratePerMs: 0, hold: exponential({ mean: DAY }) },
    elastic: { remapDelayMs: 2 * MIN, limit: 5 },
    traffic: new Map(),
    startEpochMs: Date.UTC(2008, 3, 1),
    ...options,
  });
  const launch = (role: string, count = 1, groups: readonly string[] = ['default']): Instance[] =>
    [...api.runInstances({ image: 'ami-f937d290', count, type: 'm1.small', groups, role }).instances];
  return { sim, bus, cloud, api, network, launch };
}
