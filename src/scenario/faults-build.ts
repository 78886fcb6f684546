import type { Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import { FaultKind, type GuestPolicy } from '../faults/fault.js';
import { FaultLedger } from '../faults/fault-ledger.js';
import { hardwareFailures } from '../faults/hardware-failures.js';
import { PeriodicMaintenance } from '../faults/maintenance.js';
import { RenewalFaults } from '../faults/renewal-faults.js';
import { scheduleFaults, type ScheduledFault } from '../faults/scheduled-faults.js';
import { rackUnits, resolveScope, zoneUnits } from '../faults/scope.js';
import { replayTrace } from '../faults/trace-replay.js';
import { Ec2SlaMeter } from '../metrics/ec2-sla.js';
import { FaultsTable } from '../metrics/faults-table.js';
import { HostAvailability } from '../metrics/host-availability.js';
import type { BuildContext } from './build-context.js';
import { toDistribution } from './distribution-build.js';
import type { FaultsSection, MaintenanceSection } from './faults-schema.js';
import type { Component, SummaryEntry } from './world.js';

const TERMINATE: GuestPolicy = { kind: 'terminate' };

function maintenancePolicy(m: MaintenanceSection | undefined): GuestPolicy {
  return m?.policy === 'live-migrate' ? { kind: 'live-migrate', link: { bandwidthBytesPerMs: m.migration.bandwidth, dirtyBytesPerMs: m.migration.dirty_rate } } : TERMINATE;
}

/** Scheduled outages and maintenance windows, in the order the scenario lists them. */
function scheduled(sim: Simulation, cloud: Cloud, f: FaultsSection): ScheduledFault[] {
  const list: ScheduledFault[] = (f.outages ?? []).map((o) => {
    const unit = resolveScope(cloud, o.host !== undefined ? { host: o.host } : { zone: o.zone!, rack: o.rack });
    const kind = o.host !== undefined ? FaultKind.HardwareFailure : o.rack !== undefined ? FaultKind.RackFailure : FaultKind.PowerOutage;
    return { atMs: o.at, kind, unit, durationMs: () => o.duration, policy: TERMINATE, noticeMs: 0 };
  });
  const m = f.maintenance;
  if (m !== undefined && m.schedule.length > 0) {
    const drawn = toDistribution(m.duration);
    const rng = sim.random('faults.maintenance.schedule');
    for (const w of m.schedule) {
      const unit = resolveScope(cloud, w.host !== undefined ? { host: w.host } : { zone: w.zone!, rack: w.rack });
      const fixed = w.duration;
      list.push({ atMs: w.at, kind: FaultKind.Maintenance, unit, durationMs: () => fixed ?? drawn.sample(rng), policy: maintenancePolicy(m), noticeMs: m.notice });
    }
  }
  return list;
}

/** The 2008 EC2 SLA's figures, for a cloud of more than one zone. */
function slaColumns(sla: Ec2SlaMeter | undefined, endMs: number): SummaryEntry[] {
  if (sla === undefined) return [];
  const r = sla.result(endMs);
  return [['ec2_sla_unavailable_periods', r.unavailablePeriods], ['ec2_sla_uptime_pct', r.uptimePct], ['ec2_sla_met', r.met ? 1 : 0]];
}

/**
 * Starts the scenario's fault processes (hardware failures, rack failures, zone power
 * outages, maintenance, scheduled outages, a failure trace), each on its own random stream,
 * all acting through one FaultLedger; and the observers that report them: host
 * availability, faults.csv and the fault totals of the summary.
 */
export function attachFaults(ctx: BuildContext): Component {
  const { sim, bus, cloud, scenario } = ctx;
  const f = scenario.faults;
  const availability = new HostAvailability(bus);
  const faults = new FaultsTable(bus, f.report ?? 'fleet');
  const ledger = new FaultLedger(sim, cloud, bus);
  // The 2008 SLA speaks of a region of several availability zones: only then is it reported.
  const sla = cloud.zones.length > 1 ? new Ec2SlaMeter(bus, cloud.zones.map((z) => ({ name: z.name, hosts: z.to - z.from }))) : undefined;

  const hw = f.hardware;
  if (hw !== undefined) hardwareFailures(sim, cloud, ledger, { ttf: toDistribution(hw.ttf), repair: toDistribution(hw.repair) }).start();
  if (f.rack_failures !== undefined) {
    const spec = { upTime: toDistribution(f.rack_failures.every), downTime: toDistribution(f.rack_failures.duration) };
    new RenewalFaults(sim, ledger, FaultKind.RackFailure, rackUnits(cloud), spec, sim.family('faults.racks')).start();
  }
  if (f.power_outages !== undefined) {
    const spec = { upTime: toDistribution(f.power_outages.every), downTime: toDistribution(f.power_outages.duration) };
    new RenewalFaults(sim, ledger, FaultKind.PowerOutage, zoneUnits(cloud), spec, sim.family('faults.power')).start();
  }
  const m = f.maintenance;
  if (m?.every !== undefined) {
    const spec = { everyMs: m.every, noticeMs: m.notice, duration: toDistribution(m.duration), policy: maintenancePolicy(m) };
    new PeriodicMaintenance(sim, cloud, ledger, spec, sim.family('faults.maintenance')).start();
  }
  scheduleFaults(sim, ledger, scheduled(sim, cloud, f));
  if (f.trace !== undefined) {
    if (f.trace.kind !== 'failure-trace') throw new Error(`failure trace ${f.trace.path} was not read: load the scenario with loadScenario or parseScenario`);
    const maintenance = maintenancePolicy(m);
    replayTrace(sim, cloud, ledger, f.trace.rows, (kind) => (kind === FaultKind.Maintenance ? maintenance : TERMINATE));
  }
  // faults.csv is written when it can have rows: with report: fleet, only if instances run.
  const declared = [f.hardware, f.trace, f.rack_failures, f.power_outages, f.maintenance].some((v) => v !== undefined) || (f.outages ?? []).length > 0;
  const launches = Object.keys(scenario.fleet).length > 0 || scenario.actions.length > 0;
  const writeTable = declared && (f.report === 'all' || launches);

  return {
    summary(endMs) {
      const a = availability.summary(cloud.hosts, endMs);
      const t = faults.totals();
      return [
        ['host_failures', t.host_failures],
        ['host_downtime_s', a.host_downtime_s],
        ['availability', a.availability],
        ['instances_lost', t.instances_lost],
        ['instances_migrated', t.instances_migrated],
        ['data_lost_gb', t.data_lost_gb],
        ...slaColumns(sla, endMs),
      ];
    },
    tables: () => (writeTable ? [faults.table] : []),
  };
}
