import { AddressesTable } from '../metrics/addresses-table.js';
import { FlowsTable } from '../metrics/flows-table.js';
import { PublicAddressChanges } from '../metrics/public-address-changes.js';
import { trafficTable } from '../metrics/traffic-table.js';
import type { Table } from '../metrics/table.js';
import { Network } from '../network/network.js';
import { scheduleProbes } from '../network/probes.js';
import type { SecurityGroups } from '../network/security-groups.js';
import type { PeerFlow } from '../network/peer-traffic.js';
import type { TrafficRates } from '../network/traffic-meter.js';
import type { BuildContext } from './build-context.js';
import { toDistribution } from './distribution-build.js';
import type { Scenario } from './schema.js';
import type { Component } from './world.js';

const GB = 1e9;

/** The network layer of a world: the model (addresses, elastic IPs, groups, traffic) and its results. */
export interface NetworkParts {
  readonly component: Component;
  readonly network: Network;
  readonly groups: SecurityGroups;
}

/** True when the scenario ever asks for an address: a fleet, a launch or an elastic IP. */
function usesAddresses(s: Scenario): boolean {
  return Object.values(s.fleet).some((r) => r.count > 0)
    || s.actions.some((a) => a.run.command.verb === 'run-instances' || a.run.command.verb === 'allocate-address');
}

/**
 * Builds the network before any instance launches (it must see every launch), starts
 * the other customers' churn when the scenario uses addresses at all, and schedules the
 * probes. The churn costs in proportion to the addresses we hold and observe (see
 * SharedPool), so a scenario of bare hosts pays nothing for it either way.
 */
export function attachNetwork(ctx: BuildContext): NetworkParts {
  const { sim, bus, api, scenario } = ctx;
  const n = scenario.cloud.network;
  const traffic = new Map<string, TrafficRates>();
  const peers: PeerFlow[] = [];
  for (const [role, t] of Object.entries(scenario.traffic)) {
    traffic.set(role, { in: t.in ?? 0, out: t.out ?? 0, internal: t.internal ?? 0, s3: t.s3 ?? 0 });
    for (const [to, bytesPerMs] of Object.entries(t.to ?? {})) peers.push({ from: role, to, bytesPerMs });
  }
  const network = new Network(sim, bus, {
    privatePool: n.private_pool,
    publicPool: n.public_pool,
    reuse: n.reuse,
    churn: { ratePerMs: n.tenant_churn, hold: toDistribution(n.tenant_hold) },
    elastic: { remapDelayMs: n.eip_remap_delay, limit: n.eip_limit },
    traffic,
    peers,
    startEpochMs: scenario.start,
  });
  const addresses = new AddressesTable(bus);
  const changes = new PublicAddressChanges(bus);
  const flows = new FlowsTable(bus);
  let exhaustions = 0;
  bus.on('address.exhausted', () => exhaustions++);
  if (usesAddresses(scenario)) network.start();
  // No free address: the launch is refused, as EC2 refused it, instead of running unreachable.
  ctx.cloud.addAdmissionCheck(() => network.admission());
  scheduleProbes(sim, bus, network, api, scenario.probes, scenario.duration);

  const component: Component = {
    summary(endMs) {
      network.settle();
      const t = network.meter.totals(endMs);
      return [
        ['public_ip_changes', changes.changes],
        ['reassigned_to_other_tenants', addresses.reassignedToOtherTenants],
        ['address_exhaustions', exhaustions],
        ['traffic_in_gb', t.in / GB],
        ['traffic_out_gb', t.out / GB],
        ['traffic_regional_gb', t.regional / GB],
      ];
    },
    tables(endMs) {
      network.settle();
      const out: Table[] = [];
      if (!addresses.empty) out.push(addresses.table());
      if (scenario.probes.length > 0) out.push(flows.table);
      const rows = network.meter.rows(endMs);
      if (Object.keys(scenario.traffic).length > 0 || rows.length > 0) out.push(trafficTable(rows));
      return out;
    },
  };
  return { component, network, groups: network.groups };
}
