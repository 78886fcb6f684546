import { EventBus, Simulation } from '../engine/index.js';
import { Cloud, type ZoneSpec } from '../cloud/cloud.js';
import type { CloudEvents } from '../cloud/events.js';
import { HardwareFailures } from '../faults/hardware-failures.js';
import { HostAvailability } from '../metrics/host-availability.js';
import { toDistribution } from './distribution-schema.js';
import type { Scenario } from './schema.js';
import type { ReplicationResult, World } from './world.js';

/** All domain events of a world. */
export type WorldEvents = CloudEvents;

/** Hosts a rack holds when the scenario does not say. */
export const DEFAULT_HOSTS_PER_RACK = 40;

/** Builds the world of one replication of `scenario` with `seed`. Pure: no I/O. */
export function build(scenario: Scenario, seed: number): World {
  const sim = new Simulation({ seed });
  const bus = new EventBus<WorldEvents>();
  const zones: ZoneSpec[] = Object.entries(scenario.cloud.zones).map(([name, z]) => ({
    name,
    hosts: z.hosts,
    racks: Math.min(z.hosts, z.racks ?? Math.ceil(z.hosts / DEFAULT_HOSTS_PER_RACK)),
  }));
  const cloud = new Cloud(sim, bus, zones);
  const availability = new HostAvailability(bus);
  const hw = scenario.faults.hardware;
  if (hw !== undefined) {
    new HardwareFailures(sim, cloud, { ttf: toDistribution(hw.ttf), repair: toDistribution(hw.repair) }).start();
  }
  let ran = false;
  return {
    sim,
    run(): ReplicationResult {
      if (ran) throw new Error('World.run called twice');
      ran = true;
      const stats = sim.run({ until: scenario.duration });
      const a = availability.summary(cloud.hosts, scenario.duration);
      return {
        summary: [
          ['hosts', cloud.hosts.length],
          ['failures', a.failures],
          ['host_downtime_s', a.host_downtime_s],
          ['availability', a.availability],
          ['events', stats.events],
        ],
        tables: [],
        events: stats.events,
      };
    },
  };
}
