import { AutoScalingGroup, type GroupSpec } from '../elasticity/group.js';
import type { ScalingPolicy } from '../elasticity/policy.js';
import { ScheduledScaling } from '../elasticity/scheduled-scaling.js';
import { StepScaling } from '../elasticity/step-scaling.js';
import { TargetTracking } from '../elasticity/target-tracking.js';
import { TERMINATION_POLICIES } from '../elasticity/termination/index.js';
import { billedHours } from '../billing/hours.js';
import type { Instance } from '../cloud/instance.js';
import { ScalingTable } from '../metrics/scaling-table.js';
import type { GroupSection } from './autoscaling-schema.js';
import { metricValue } from './metric-value.js';
import type { BuildContext } from './build-context.js';
import type { Scenario } from './schema.js';
import type { ServiceParts } from './service-build.js';
import type { Component, SummaryEntry } from './world.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The value of a checked metric bound (the loader has refused bad ones). */
function value(...args: Parameters<typeof metricValue>): number {
  const v = metricValue(...args);
  if ('error' in v) throw new Error(v.error);
  return v.value;
}

function policies(g: GroupSection, dayOffsetMs: number): ScalingPolicy[] {
  return g.policies.map((p): ScalingPolicy => {
    if ('target_tracking' in p) {
      const t = p.target_tracking;
      return new TargetTracking(t.metric, value(t.metric, t.target), t.period, t.tolerance);
    }
    if ('step' in p) {
      const s = p.step;
      return new StepScaling({ metric: s.metric, upper: value(s.metric, s.upper), lower: value(s.metric, s.lower), breachMs: s.breach, out: s.out, in: s.in, periodMs: s.period });
    }
    const s = p.scheduled;
    return new ScheduledScaling([
      ...s.at.map((c) => ({ kind: 'once' as const, atMs: c.at, desired: c.desired })),
      ...s.daily.map((c) => ({ kind: 'daily' as const, timeOfDayMs: c.at, desired: c.desired })),
    ], s.period, dayOffsetMs);
  });
}

/** The group over fleet role `role`, as the scenario declares it. */
function groupSpec(scenario: Scenario, role: string, g: GroupSection): GroupSpec {
  const r = scenario.fleet[role]!;
  const dayOffsetMs = ((scenario.start % DAY_MS) + DAY_MS) % DAY_MS;
  const ps = policies(g, dayOffsetMs);
  return {
    role,
    template: {
      image: r.image, type: r.type, groups: r.groups ?? [r.group ?? 'default'], key: r.key, userData: r.user_data, role,
      cpu: r.cpu, diskWriteBytesPerMs: r.disk_write, backupEveryMs: r.backup_every,
    },
    min: g.min,
    max: g.max,
    desired: g.desired ?? g.min,
    zones: g.zones ?? (r.zone !== undefined ? [r.zone] : Object.keys(scenario.cloud.zones)),
    periodMs: Math.min(60_000, ...ps.map((p) => p.periodMs)),
    cooldownMs: g.cooldown,
    warmupMs: g.warmup,
    health: g.health_check,
    graceMs: g.grace,
    drainMs: g.drain,
    termination: TERMINATION_POLICIES[g.termination],
    scaleInAfterMs: g.scale_in_after,
    policies: ps,
  };
}

/** What an instance paid for and did not use: billed hours after it ended (or the run did), plus its boot, h. */
function unusedHours(inst: Instance, endMs: number): number {
  const to = inst.terminatedMs ?? endMs;
  const billed = billedHours(inst.launchedMs, to);
  const boot = (inst.runningMs ?? to) - inst.launchedMs;
  return billed - (to - inst.launchedMs) / HOUR_MS + boot / HOUR_MS;
}

/** The elasticity layer of a world: its groups, scaling.csv and their summary columns. */
export interface ElasticityParts {
  readonly component: Component;
  /** Group roles: the fleet launch leaves them to their group's `start`. */
  readonly groups: ReadonlyMap<string, AutoScalingGroup>;
}

/**
 * Builds every auto scaling group of the scenario over the service's tiers. Attach after
 * the service layer; each group starts (launches its initial capacity) when the fleet
 * would have launched its role.
 */
export function attachElasticity(ctx: BuildContext, service: ServiceParts | undefined): ElasticityParts {
  const { sim, bus, api, scenario } = ctx;
  const declared = scenario.autoscaling ?? {};
  const groups = new Map<string, AutoScalingGroup>();
  if (service === undefined || Object.keys(declared).length === 0) return { component: {}, groups };
  const table = new ScalingTable(bus);
  for (const [role, g] of Object.entries(declared)) {
    const group = new AutoScalingGroup(sim, bus, api, service.tiers, service.metrics, groupSpec(scenario, role, g));
    groups.set(role, group);
    service.groups.push({ role, desired: group.desiredLog });
  }
  // Time-average of a role's live instances (launch to termination), over the run.
  const roleOf = (inst: Instance): string | undefined => (groups.has(inst.spec.role) ? inst.spec.role : undefined);
  return {
    groups,
    component: {
      summary(endMs): SummaryEntry[] {
        const gs = [...groups.values()];
        const launches = api.launches.filter((i) => roleOf(i) !== undefined);
        const out: SummaryEntry[] = [
          ['scale_out_events', gs.reduce((a, x) => a + x.scaleOuts, 0)],
          ['scale_in_events', gs.reduce((a, x) => a + x.scaleIns, 0)],
          ['replacements', gs.reduce((a, x) => a + x.replacements, 0)],
        ];
        for (const role of groups.keys()) {
          const mine = launches.filter((i) => i.spec.role === role);
          const ms = mine.reduce((a, i) => a + Math.max(0, (i.terminatedMs ?? endMs) - i.launchedMs), 0);
          out.push([`mean_instances_${role}`, ms / endMs]);
          out.push([`instance_hours_billed_${role}`, mine.reduce((a, i) => a + billedHours(i.launchedMs, i.terminatedMs ?? endMs), 0)]);
        }
        out.push(['paid_unused_hours', launches.reduce((a, i) => a + unusedHours(i, endMs), 0)]);
        return out;
      },
      tables: () => [table.table],
    },
  };
}
