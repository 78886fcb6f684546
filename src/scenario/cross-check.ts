import type * as z from 'zod';
import { HOST_TYPES, INSTANCE_TYPES_2008 } from '../cloud/catalog.js';
import type { InstanceRef } from '../cloud/ec2-command-types.js';
import { BUILTIN_IMAGES } from '../cloud/images.js';
import { malformedUserDataRefs, USER_DATA_FIELDS, userDataRefs } from '../cloud/user-data.js';
import { didYouMean } from '../engine/did-you-mean.js';
import { dnsCheck } from './dns-check.js';
import { fleetOrder } from './fleet-order.js';
import { serviceCheck } from './service-check.js';
import { autoscalingCheck } from './autoscaling-check.js';
import { checkNetworkRefs } from './network-schema.js';
import type { ScenarioShape } from './schema.js';
import { formatDuration } from '../engine/units.js';

type Ctx = z.RefinementCtx;

function unknown(what: string, name: string, known: readonly string[]): string {
  const guess = didYouMean(name, known);
  return `unknown ${what} "${name}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; known: ${known.join(', ')}`;
}

/** The architecture of every known image and instance type, for the checks below. */
function catalogs(s: ScenarioShape): { images: Map<string, string>; types: Map<string, string> } {
  const images = new Map<string, string>(BUILTIN_IMAGES.map((i) => [i.id, i.arch]));
  for (const [id, img] of Object.entries(s.images)) images.set(id, img.arch);
  const types = new Map<string, string>(Object.values(INSTANCE_TYPES_2008).map((t) => [t.name, t.arch]));
  for (const [name, t] of Object.entries(s.cloud.instance_types)) types.set(name, t.arch);
  return { images, types };
}

/** Checks one launch (a fleet role or an ec2-run-instances action): image, type, zone, architecture. */
function checkLaunch(s: ScenarioShape, ctx: Ctx, path: (string | number)[], launch: { image: string; type: string; zone?: string | undefined }, fieldPaths: { image: (string | number)[]; type: (string | number)[]; zone: (string | number)[] }): void {
  const { images, types } = catalogs(s);
  const imgArch = images.get(launch.image);
  const typeArch = types.get(launch.type);
  if (imgArch === undefined) ctx.addIssue({ code: 'custom', path: [...path, ...fieldPaths.image], message: `${unknown('AMI', launch.image, [...images.keys()])}; declare it under images:` });
  if (typeArch === undefined) ctx.addIssue({ code: 'custom', path: [...path, ...fieldPaths.type], message: unknown('instance type', launch.type, [...types.keys()]) });
  if (imgArch !== undefined && typeArch !== undefined && imgArch !== typeArch) {
    ctx.addIssue({ code: 'custom', path: [...path, ...fieldPaths.type], message: `${launch.type} runs ${typeArch} images, but ${launch.image} is ${imgArch}: choose an ${imgArch} type (${[...types].filter(([, a]) => a === imgArch).map(([n]) => n).join(', ')}) or an ${typeArch} image` });
  }
  const zones = Object.keys(s.cloud.zones);
  if (launch.zone !== undefined && !zones.includes(launch.zone)) ctx.addIssue({ code: 'custom', path: [...path, ...fieldPaths.zone], message: unknown('zone', launch.zone, zones) });
}

/** Checks the references between sections; each problem is an issue at the path it concerns. */
export function crossCheck(s: ScenarioShape, ctx: Ctx): void {
  const hostTypes = [...Object.keys(HOST_TYPES), ...Object.keys(s.cloud.host_types)];
  for (const [zone, z] of Object.entries(s.cloud.zones)) {
    if (!hostTypes.includes(z.host_type)) ctx.addIssue({ code: 'custom', path: ['cloud', 'zones', zone, 'host_type'], message: `${unknown('host type', z.host_type, hostTypes)}; declare it under cloud.host_types:` });
  }
  const roles = new Set([...Object.keys(s.fleet), ...s.actions.flatMap((a) => (a.as === undefined ? [] : [a.as]))]);
  for (const [name, role] of Object.entries(s.fleet)) {
    checkLaunch(s, ctx, ['fleet', name], role, { image: ['image'], type: ['type'], zone: ['zone'] });
    if (role.group !== undefined && role.groups !== undefined) ctx.addIssue({ code: 'custom', path: ['fleet', name, 'groups'], message: 'give either group or groups, not both' });
    for (const bad of malformedUserDataRefs(role.user_data ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['fleet', name, 'user_data'], message: `"${bad}" is not a reference like \${db.private_ip} (unclosed, or more than role.field); fix it, or write a shell variable without a dot` });
    }
    for (const ref of userDataRefs(role.user_data ?? '')) {
      if (ref.role === name) ctx.addIssue({ code: 'custom', path: ['fleet', name, 'user_data'], message: `\${${ref.role}.${ref.field}}: a role cannot name itself: its instances do not exist yet when their user-data is written (an instance learns its own address from the instance metadata)` });
      if (!roles.has(ref.role)) ctx.addIssue({ code: 'custom', path: ['fleet', name, 'user_data'], message: `\${${ref.role}.${ref.field}}: ${unknown('role', ref.role, [...roles])}` });
      if (!(USER_DATA_FIELDS as readonly string[]).includes(ref.field)) ctx.addIssue({ code: 'custom', path: ['fleet', name, 'user_data'], message: `\${${ref.role}.${ref.field}}: unknown field "${ref.field}"; expected one of: ${USER_DATA_FIELDS.join(', ')}` });
    }
  }
  const order = fleetOrder(s.fleet);
  if (!Array.isArray(order)) ctx.addIssue({ code: 'custom', path: ['fleet'], message: `user-data references form a cycle: ${order.cycle.join(' -> ')}; no role can be launched first` });

  // Security groups the scenario names anywhere: a rule's source group must be one of them.
  const groups = new Set<string>(['default']);
  for (const role of Object.values(s.fleet)) for (const g of role.groups ?? [role.group ?? 'default']) groups.add(g);
  for (const a of s.actions) {
    const c = a.run.command;
    if (c.verb === 'run-instances') for (const g of c.groups) groups.add(g);
    if (c.verb === 'authorize' || c.verb === 'revoke') groups.add(c.group);
  }
  const checkRef = (ref: InstanceRef, path: (string | number)[]): void => {
    if (ref.kind === 'role' && !roles.has(ref.role)) ctx.addIssue({ code: 'custom', path, message: `@${ref.role}.${ref.index}: ${unknown('role', ref.role, [...roles])}` });
  };
  s.actions.forEach((a, i) => {
    const path = ['actions', i];
    if (a.at > s.duration) ctx.addIssue({ code: 'custom', path: [...path, 'at'], message: `at ${formatDuration(a.at)} is after the end of the run (duration ${formatDuration(s.duration)})` });
    const c = a.run.command;
    if (a.as !== undefined && c.verb !== 'run-instances') ctx.addIssue({ code: 'custom', path: [...path, 'as'], message: 'as: names the role of instances that ec2-run-instances starts; this action starts none' });
    switch (c.verb) {
      case 'run-instances':
        checkLaunch(s, ctx, path, c, { image: ['run'], type: ['run'], zone: ['run'] });
        for (const ref of userDataRefs(c.userData ?? '')) if (!roles.has(ref.role)) ctx.addIssue({ code: 'custom', path: [...path, 'run'], message: `-d \${${ref.role}.${ref.field}}: ${unknown('role', ref.role, [...roles])}` });
        for (const bad of malformedUserDataRefs(c.userData ?? '')) ctx.addIssue({ code: 'custom', path: [...path, 'run'], message: `-d "${bad}" is not a reference like \${db.private_ip} (unclosed, or more than role.field)` });
        break;
      case 'authorize': case 'revoke':
        if (c.sourceGroup !== undefined && c.sourceAccount === undefined && !groups.has(c.sourceGroup)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'run'], message: `-o ${c.sourceGroup}: ${unknown('security group', c.sourceGroup, [...groups])} (EC2 answers InvalidGroup.NotFound; for another account's group add -u ACCOUNT)` });
        }
        break;
      case 'terminate-instances': case 'reboot-instances': case 'describe-instances':
        for (const r of c.instances) checkRef(r, [...path, 'run']);
        break;
      case 'get-console-output': case 'associate-address':
        checkRef(c.instance, [...path, 'run']);
        break;
      default:
        break;
    }
  });
  checkNetworkRefs(s, ctx);
  dnsCheck(s, ctx);
  serviceCheck(s, ctx);
  autoscalingCheck(s, ctx);
}
