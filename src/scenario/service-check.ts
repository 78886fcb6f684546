import type * as z from 'zod';
import { didYouMean } from '../engine/did-you-mean.js';
import { formatDuration } from '../engine/units.js';
import type { ScenarioShape } from './schema.js';

/** Roles that get instances: fleet roles with a count, and roles that actions launch (`as:`). */
function rolesWithInstances(s: ScenarioShape): Set<string> {
  const roles = new Set(Object.entries(s.fleet).filter(([, r]) => r.count > 0).map(([n]) => n));
  for (const a of s.actions) if (a.as !== undefined && a.run.command.verb === 'run-instances') roles.add(a.as);
  return roles;
}

/** Checks the demand and service sections against each other, the fleet, DNS and recovery. */
export function serviceCheck(s: ScenarioShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const svc = s.service;
  const d = s.demand;
  if (svc === undefined) {
    if (d !== undefined) issue(['demand'], 'demand needs a service: section (the request path and each role\'s capacity) to carry it');
    if (s.recovery !== undefined && s.recovery.roles.length > 0) issue(['recovery', 'roles'], 'replacing backends needs a service: section (the roles on the request path)');
    return;
  }
  if (d?.rate === undefined && d?.trace === undefined && s.clients === undefined) {
    issue(['service'], 'the service needs demand: give demand.rate (e.g. 500/s), demand.trace, or clients: (their requests are the demand)');
  }
  const withInstances = rolesWithInstances(s);
  const known = [...new Set([...Object.keys(s.fleet), ...withInstances])];
  svc.path.forEach((role, i) => {
    const at = ['service', 'path', i];
    if (!known.includes(role)) {
      const guess = didYouMean(role, known);
      issue(at, `unknown role "${role}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; roles: ${known.join(', ') || '(none)'}`);
    } else if (!withInstances.has(role)) {
      issue(at, `role "${role}" has no instances: give it a count under fleet: or launch it with an action (as: ${role})`);
    }
    if (svc.roles[role] === undefined) issue(['service', 'roles'], `no capacity for "${role}" on the path: add ${role}: { capacity: 100/s } under service.roles`);
  });
  for (const role of Object.keys(svc.roles)) {
    if (!svc.path.includes(role)) issue(['service', 'roles', role], `"${role}" is not on the path (${svc.path.join(' -> ')}): add it to the path or remove it`);
  }
  if (svc.roles[svc.path[0] ?? '']?.database === true) issue(['service', 'roles', svc.path[0]!, 'database'], 'the first role on the path is the front end users reach; a database sits behind it');
  // With DNS, users reach the front end through the record: it must be the first role on the path.
  const fronts = new Set<string>();
  for (const r of s.dns?.records ?? []) if (r.type === 'A') for (const t of r.to) if (s.fleet[t] !== undefined) fronts.add(t);
  if (s.recovery !== undefined) fronts.add(s.recovery.front_end);
  const first = svc.path[0];
  if (first !== undefined && fronts.size > 0 && !fronts.has(first)) {
    issue(['service', 'path', 0], `the path must start at the front end users reach (${[...fronts].join(', ')}), not "${first}"`);
  }
  for (const [i, role] of (s.recovery?.roles ?? []).entries()) {
    if (!svc.path.includes(role)) issue(['recovery', 'roles', i], `"${role}" is not on the service path (${svc.path.join(' -> ')})`);
    else if (role === s.recovery?.front_end) issue(['recovery', 'roles', i], `"${role}" is the front end: recovery already replaces it (front_end)`);
  }
  (d?.spikes ?? []).forEach((sp, i) => {
    if (sp.at >= s.duration) issue(['demand', 'spikes', i, 'at'], `at ${formatDuration(sp.at)} is not within the run (duration ${formatDuration(s.duration)})`);
  });
  if (d?.trace === undefined) {
    // Requests are counted as whole numbers in doubles: the peak rate and the run's total
    // must stay where a double counts every request (the trace's own counts are checked by its reader).
    const base = d?.rate ?? (s.clients === undefined ? 0 : s.clients.count / s.clients.request_every);
    const hourlyMax = d?.hourly === undefined ? 1 : Math.max(...d.hourly.flat());
    const spikesMax = (d?.spikes ?? []).reduce((m, sp) => m * Math.max(1, sp.factor), 1);
    const peakPerS = base * 1000 * hourlyMax * spikesMax;
    const where = d?.hourly !== undefined && hourlyMax > 1e3 ? ['demand', 'hourly'] : (d?.spikes ?? []).some((sp) => sp.factor > 1e3) ? ['demand', 'spikes'] : d?.rate !== undefined ? ['demand', 'rate'] : ['demand'];
    if (peakPerS > MAX_REQUESTS_PER_S) {
      issue(where, `the peak demand (base rate x the largest hourly multiplier x the spike factors) would be ${peakPerS.toPrecision(3)} requests/s; at most ${MAX_REQUESTS_PER_S.toExponential(0)}/s`);
    } else if (peakPerS * (s.duration / 1000) > MAX_REQUESTS_PER_RUN) {
      issue(where, `at the peak demand (${peakPerS.toPrecision(3)} requests/s) the run would count over ${MAX_REQUESTS_PER_RUN.toExponential(0)} requests, more than ephemera counts exactly: shorten the run or lower the rate`);
    }
  }
}

/** The highest request rate a scenario may ask for (a large web property's whole traffic is under 10^7/s). */
const MAX_REQUESTS_PER_S = 1e9;
/** Requests a run may count: well within 2^53, where a double still counts one by one. */
const MAX_REQUESTS_PER_RUN = 1e15;
