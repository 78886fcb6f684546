import type * as z from 'zod';
import { didYouMean } from '../engine/did-you-mean.js';
import { formatDuration } from '../engine/units.js';
import { metricValue } from './metric-value.js';
import type { ScenarioShape } from './schema.js';

/** Checks the autoscaling section against the fleet, the service path, the zones and the run. */
export function autoscalingCheck(s: ScenarioShape, ctx: z.RefinementCtx): void {
  const groups = s.autoscaling ?? {};
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const roles = Object.keys(s.fleet);
  const zones = Object.keys(s.cloud.zones);
  for (const [role, g] of Object.entries(groups)) {
    const at = ['autoscaling', role];
    const fleet = s.fleet[role];
    if (fleet === undefined) {
      const guess = didYouMean(role, roles);
      issue(at, `"${role}" is not a fleet role${guess === undefined ? '' : ` (did you mean "${guess}"?)`}: a group launches the role's template (image, type, group, key, user-data); roles: ${roles.join(', ') || '(none)'}`);
      continue;
    }
    const svc = s.service;
    if (svc === undefined) issue(at, 'a group scales a tier of the service: add a service: section with the request path');
    else if (!svc.path.includes(role)) issue(at, `"${role}" is not on the service path (${svc.path.join(' -> ')}): a group scales a tier that requests visit`);
    else if (svc.path[0] === role) issue(at, `"${role}" is the front end, reached through DNS and replaced by recovery; groups scale the tiers behind it`);
    else if (svc.roles[role]?.database === true) issue(at, `"${role}" is a database (its instances hold data and restore it at boot); groups scale stateless tiers`);
    if (s.recovery?.roles.includes(role) === true) issue(['recovery', 'roles'], `"${role}" is an autoscaling group, which replaces its own members; remove it from recovery.roles`);
    const desired = g.desired ?? g.min;
    if (fleet.count !== 1 && fleet.count !== desired) issue(['fleet', role, 'count'], `the group launches ${desired} (autoscaling.${role}.desired) at the start: drop count here or make it ${desired}`);
    (g.zones ?? []).forEach((z, i) => {
      if (!zones.includes(z)) issue([...at, 'zones', i], `unknown zone "${z}"; known: ${zones.join(', ')}`);
    });
    if (fleet.zone !== undefined && g.zones !== undefined && !g.zones.includes(fleet.zone)) issue([...at, 'zones'], `the role is pinned to ${fleet.zone} (fleet.${role}.zone), which is not among the group's zones`);
    g.policies.forEach((p, i) => {
      const pa = [...at, 'policies', i];
      if ('target_tracking' in p) {
        const v = metricValue(p.target_tracking.metric, p.target_tracking.target);
        if ('error' in v) issue([...pa, 'target_tracking', 'target'], v.error);
      } else if ('step' in p) {
        const u = metricValue(p.step.metric, p.step.upper);
        const l = metricValue(p.step.metric, p.step.lower);
        if ('error' in u) issue([...pa, 'step', 'upper'], u.error);
        if ('error' in l) issue([...pa, 'step', 'lower'], l.error);
        if ('value' in u && 'value' in l && !(l.value < u.value)) issue([...pa, 'step', 'lower'], `lower (${String(p.step.lower)}) must be below upper (${String(p.step.upper)})`);
      } else {
        p.scheduled.at.forEach((c, j) => {
          if (c.at > s.duration) issue([...pa, 'scheduled', 'at', j, 'at'], `at ${formatDuration(c.at)} is after the end of the run (duration ${formatDuration(s.duration)})`);
          if (c.desired < g.min || c.desired > g.max) issue([...pa, 'scheduled', 'at', j, 'desired'], `desired (${c.desired}) must be within min and max (${g.min}..${g.max})`);
        });
        p.scheduled.daily.forEach((c, j) => {
          if (c.desired < g.min || c.desired > g.max) issue([...pa, 'scheduled', 'daily', j, 'desired'], `desired (${c.desired}) must be within min and max (${g.min}..${g.max})`);
        });
      }
    });
  }
}
