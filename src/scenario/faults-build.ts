import { HardwareFailures } from '../faults/hardware-failures.js';
import { HostAvailability } from '../metrics/host-availability.js';
import type { BuildContext } from './build-context.js';
import { toDistribution } from './distribution-schema.js';
import type { Component } from './world.js';

/** Starts the scenario's fault processes and the observers that report them. */
export function attachFaults(ctx: BuildContext): Component {
  const { sim, bus, cloud, scenario } = ctx;
  const availability = new HostAvailability(bus);
  const hw = scenario.faults.hardware;
  if (hw !== undefined) new HardwareFailures(sim, cloud, { ttf: toDistribution(hw.ttf), repair: toDistribution(hw.repair) }).start();
  return {
    summary(endMs) {
      const a = availability.summary(cloud.hosts, endMs);
      return [
        ['failures', a.failures],
        ['host_downtime_s', a.host_downtime_s],
        ['availability', a.availability],
      ];
    },
  };
}
