import { EventBus, Simulation } from '../engine/index.js';
import { Cloud } from '../cloud/cloud.js';
import { Ec2Api } from '../cloud/ec2-api.js';
import type { ApiEvents, CloudEvents } from '../cloud/events.js';
import { ImageRegistry } from '../cloud/images.js';
import type { ZoneSpec } from '../cloud/topology.js';
import { HardwareFailures } from '../faults/hardware-failures.js';
import { SecurityGroups } from '../network/security-groups.js';
import { ActionsLog } from '../metrics/actions-log.js';
import { HostAvailability } from '../metrics/host-availability.js';
import { InstancesTable } from '../metrics/instances-table.js';
import { stealSummary } from '../metrics/steal.js';
import { scheduleActions } from './action-timeline.js';
import { hostTypes, images, instanceTypes } from './catalog-build.js';
import { fleetOrder } from './cross-check.js';
import { toDistribution } from './distribution-schema.js';
import type { Scenario } from './schema.js';
import type { ReplicationResult, World } from './world.js';

/** All domain events of a world. */
export type WorldEvents = CloudEvents & ApiEvents;

/** Hosts a rack holds when the scenario does not say. */
export const DEFAULT_HOSTS_PER_RACK = 40;
/** The account id the simulated customer has (shown by ec2-describe-instances). */
export const OWNER_ID = '495219933132';
const DAY_MS = 86_400_000;

/** Builds the world of one replication of `scenario` with `seed`. Pure: no I/O. */
export function build(scenario: Scenario, seed: number): World {
  const sim = new Simulation({ seed });
  const bus = new EventBus<WorldEvents>();
  const hTypes = hostTypes(scenario);
  const zones: ZoneSpec[] = Object.entries(scenario.cloud.zones).map(([name, z]) => ({
    name,
    hosts: z.hosts,
    racks: Math.min(z.hosts, z.racks ?? Math.ceil(z.hosts / DEFAULT_HOSTS_PER_RACK)),
    hostType: hTypes[z.host_type]!,
  }));
  const cloud = new Cloud(sim, bus, {
    zones,
    placement: scenario.cloud.placement,
    s3BytesPerMs: scenario.cloud.boot.s3_bandwidth,
    kernelBoot: toDistribution(scenario.cloud.boot.kernel),
    shutdownMs: scenario.cloud.shutdown,
    dayOffsetMs: ((scenario.start % DAY_MS) + DAY_MS) % DAY_MS,
  });
  const api = new Ec2Api(cloud, new ImageRegistry(images(scenario)), instanceTypes(scenario));
  const groups = new SecurityGroups();

  // Observers subscribe before anything happens.
  const availability = new HostAvailability(bus);
  const instances = new InstancesTable(bus);
  const actions = new ActionsLog(bus);

  const hw = scenario.faults.hardware;
  if (hw !== undefined) new HardwareFailures(sim, cloud, { ttf: toDistribution(hw.ttf), repair: toDistribution(hw.repair) }).start();

  // The fleet starts at time 0, a role after the roles its user-data names.
  const order = fleetOrder(scenario.fleet);
  for (const role of Array.isArray(order) ? order : []) {
    const r = scenario.fleet[role]!;
    if (r.count === 0) continue;
    api.runInstances({ image: r.image, count: r.count, type: r.type, groups: r.groups ?? [r.group ?? 'default'], key: r.key, zone: r.zone, userData: r.user_data, role, cpu: r.cpu });
  }
  scheduleActions(scenario.actions.map((a) => ({ atMs: a.at, line: a.run.line, command: a.run.command, as: a.as })), { sim, bus, api, groups, startEpochMs: scenario.start, ownerId: OWNER_ID });

  let ran = false;
  return {
    sim,
    run(): ReplicationResult {
      if (ran) throw new Error('World.run called twice');
      ran = true;
      const end = scenario.duration;
      const stats = sim.run({ until: end });
      cloud.settleCpu();
      const a = availability.summary(cloud.hosts, end);
      const cpu = stealSummary(instances.instances, (inst) => cloud.cpuTotals(inst));
      const i = instances.summary(end);
      const hasInstances = i.instances_launched > 0 || i.launch_failures > 0;
      return {
        summary: [
          ['hosts', cloud.hosts.length],
          ['failures', a.failures],
          ['host_downtime_s', a.host_downtime_s],
          ['availability', a.availability],
          ['instances_launched', i.instances_launched],
          ['launch_failures', i.launch_failures],
          ['instance_hours', i.instance_hours],
          ['stale_user_data', i.stale_user_data],
          ['steal_pct_mean', cpu.meanPct],
          ['api_calls_refused', actions.refused],
          ['events', stats.events],
        ],
        tables: hasInstances || scenario.actions.length > 0 ? [instances.table(cpu.pctOf), actions.table] : [],
        files: actions.files,
        events: stats.events,
      };
    },
  };
}
