import { EventBus, Simulation } from '../engine/index.js';
import { Cloud } from '../cloud/cloud.js';
import { Ec2Api } from '../cloud/ec2-api.js';
import { ImageRegistry } from '../cloud/images.js';
import type { ZoneSpec } from '../cloud/topology.js';
import { ActionsLog } from '../metrics/actions-log.js';
import { InstancesTable } from '../metrics/instances-table.js';
import { stealSummary } from '../metrics/steal.js';
import { scheduleActions } from './action-timeline.js';
import type { BuildContext } from './build-context.js';
import { hostTypes, images, instanceTypes } from './catalog-build.js';
import { fleetOrder } from './fleet-order.js';
import { toDistribution } from './distribution-build.js';
import { attachFaults } from './faults-build.js';
import { attachNetwork } from './network-build.js';
import { attachDns } from './dns-build.js';
import { attachBilling } from './billing-build.js';
import { attachService } from './service-build.js';
import { attachElasticity } from './elasticity-build.js';
import type { Scenario } from './schema.js';
import type { WorldEvents } from './world-events.js';
import type { Component, ReplicationResult, RunObserver, StreamTarget, SummaryEntry, World } from './world.js';
import { runObserved } from './run-observed.js';
import { TableBuilder, type Table } from '../metrics/table.js';

/** Hosts a rack holds when the scenario does not say. */
export const DEFAULT_HOSTS_PER_RACK = 40;
/** The account id the simulated customer has (shown by ec2-describe-instances). */
export const OWNER_ID = '495219933132';
const DAY_MS = 86_400_000;

/** The cloud and its API, as the scenario declares them. */
function buildCloud(scenario: Scenario, sim: Simulation, bus: EventBus<WorldEvents>): { cloud: Cloud; api: Ec2Api } {
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
  return { cloud, api: new Ec2Api(cloud, new ImageRegistry(images(scenario)), instanceTypes(scenario)) };
}

/** The cloud's own results: instances, refused launches, CPU steal, the actions log. */
function cloudComponent(ctx: BuildContext): Component {
  const instances = new InstancesTable(ctx.bus);
  const actions = new ActionsLog(ctx.bus);
  let steal: ReturnType<typeof stealSummary> | undefined;
  const settle = (): ReturnType<typeof stealSummary> => {
    if (steal === undefined) {
      ctx.cloud.settleCpu();
      steal = stealSummary(instances.instances, (i) => ctx.cloud.cpuTotals(i));
    }
    return steal;
  };
  return {
    summary(endMs) {
      const i = instances.summary(endMs);
      return [
        ['instances_launched', i.instances_launched],
        ['launch_failures', i.launch_failures],
        ['instance_hours', i.instance_hours],
        ['stale_user_data', i.stale_user_data],
        ['steal_pct_mean', settle().meanPct],
        ['api_calls_refused', actions.refused],
      ];
    },
    tables() {
      const any = instances.instances.length > 0 || ctx.scenario.actions.length > 0;
      return any ? [instances.table(settle().pctOf), actions.table] : [];
    },
    files: () => actions.files,
  };
}

/** Key pair names the fleet's roles give (`key:`), in role order, each once. */
export function fleetKeys(s: Scenario): string[] {
  return [...new Set(Object.values(s.fleet).flatMap((r) => (r.key === undefined ? [] : [r.key])))];
}

/** Builds the world of one replication of `scenario` with `seed`. Pure: no I/O. */
export function build(scenario: Scenario, seed: number): World {
  const sim = new Simulation({ seed });
  const bus = new EventBus<WorldEvents>();
  const { cloud, api } = buildCloud(scenario, sim, bus);
  const ctx: BuildContext = { sim, bus, cloud, api, scenario };

  // Observers and layers attach before anything happens; the network must see every launch.
  const network = attachNetwork(ctx);
  const dns = attachDns(ctx, network, scenario.service?.interval);
  const service = attachService(ctx, dns, network);
  const elasticity = attachElasticity(ctx, service);
  const components: Component[] = [attachFaults(ctx), cloudComponent(ctx), network.component, dns.component, service?.component ?? {}, elasticity.component, attachBilling(ctx, network, () => service?.internetSteps() ?? [])];

  // The key pairs the fleet names are the account's before the run starts (made with
  // ec2-add-keypair beforehand, as the article's user had done); actions may add more.
  for (const key of fleetKeys(scenario)) api.keyPairs.add(key, 0);
  // The fleet starts at time 0, a role after the roles its user-data names.
  const order = fleetOrder(scenario.fleet);
  for (const role of Array.isArray(order) ? order : []) {
    const r = scenario.fleet[role]!;
    const group = elasticity.groups.get(role);
    if (group !== undefined) {
      group.start();
      continue;
    }
    if (r.count === 0) continue;
    api.runInstances({
      image: r.image, count: r.count, type: r.type, groups: r.groups ?? [r.group ?? 'default'], key: r.key, zone: r.zone,
      userData: r.user_data, role, cpu: r.cpu, dirtyBytesPerMs: r.dirty_rate, diskWriteBytesPerMs: r.disk_write, backupEveryMs: r.backup_every,
    });
  }
  scheduleActions(scenario.actions.map((a) => ({ atMs: a.at, line: a.run.line, command: a.run.command, as: a.as })), { sim, bus, api, groups: network.groups, eips: network.network.eips, startEpochMs: scenario.start, ownerId: OWNER_ID });

  let ran = false;
  return {
    sim,
    run(target?: StreamTarget, observer?: RunObserver): ReplicationResult {
      if (ran) throw new Error('World.run called twice');
      ran = true;
      const end = scenario.duration;
      const stats = runObserved(sim, end, observer?.onSimulated);
      const summary: SummaryEntry[] = [['hosts', cloud.hosts.length]];
      const tables: Table[] = [];
      const files = new Map<string, string>();
      // Large tables first (they fill summary columns); without a target, into memory.
      const into: StreamTarget = target ?? {
        put(name, columns, rows) {
          const t = new TableBuilder(name, columns);
          for (const r of rows) t.add([...r]);
          tables.push(t);
        },
      };
      for (const c of components) c.stream?.(end, into);
      for (const c of components) {
        summary.push(...(c.summary?.(end) ?? []));
        tables.push(...(c.tables?.(end) ?? []));
        for (const [k, v] of c.files?.() ?? []) files.set(k, v);
      }
      const cost = summary.find(([k]) => k === 'cost_usd')?.[1];
      const served = summary.find(([k]) => k === 'served_requests')?.[1];
      if (cost !== undefined && served !== undefined) summary.push(['cost_per_million_requests_usd', served > 0 ? (cost / served) * 1e6 : Number.NaN]);
      summary.push(['events', stats.events]);
      return { summary, tables, files, events: stats.events };
    },
  };
}
