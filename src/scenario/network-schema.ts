/**
 * The scenario's network sections: `cloud.network` (address pools, reuse, other customers,
 * elastic IPs), top-level `probes` (flows to try) and `traffic` (bytes per role).
 */
import * as z from 'zod';
import { cidrOverlaps, formatIpv4, isIpv4Text, isRfc1918, parseCidr, parseIpv4, RFC1918, type Cidr } from '../network/ipv4.js';
import { FLOW_PROTOCOLS } from '../network/nat.js';
import type { Probe } from '../network/probes.js';
import { REUSE_POLICY_NAMES } from '../network/reuse/index.js';
import { didYouMean } from '../engine/did-you-mean.js';
import { durationDistribution } from './distribution-schema.js';
import { roleName } from './fleet-schema.js';
import type { ScenarioShape } from './schema.js';
import { byteRatePerMs, countRatePerMs, durationMs } from './unit-schemas.js';
import { LIMITS } from './limits.js';
import { formatDuration } from '../engine/units.js';

/** A CIDR block `a.b.c.d/n`; a bad one is an issue saying what is wrong. */
export const cidrSchema = z.string().transform((text, ctx): Cidr => {
  try {
    return parseCidr(text.trim());
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message, input: text });
    return z.NEVER;
  }
});

/** `cloud.network`: every key has a 2008-flavoured default. */
export const networkSchema = z.strictObject({
  /** RFC 1918 block of private addresses. */
  private_pool: cidrSchema.prefault('10.251.0.0/16'),
  /** Public block shared with other customers (75.101.128.0/17 was one of EC2's in 2008). */
  public_pool: cidrSchema.prefault('75.101.128.0/17'),
  /** Which free address is handed out next: random, or the least recently released. */
  reuse: z.enum(REUSE_POLICY_NAMES).default('random'),
  /** Other customers taking public addresses (Poisson). */
  tenant_churn: countRatePerMs.refine((r) => r * 3_600_000 <= LIMITS.maxTenantChurnPerHour, `expected at most ${LIMITS.maxTenantChurnPerHour}/h (each take of an address is an event)`).prefault('200/h'),
  /** How long another customer keeps an address. */
  tenant_hold: durationDistribution.prefault({ exponential: { mean: '1d' } }),
  /** Time for ec2-associate-address to take effect ("a couple of minutes", RightScale, March 2008). */
  eip_remap_delay: durationMs.prefault('2m'),
  /** Elastic IPs an account may hold (5 by default in 2008). */
  eip_limit: z.int().min(0).default(5),
}).superRefine((n, ctx) => {
  if (!isRfc1918(n.private_pool)) ctx.addIssue({ code: 'custom', path: ['private_pool'], message: `${n.private_pool.text} is not private: expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918)` });
  if (RFC1918.some((r) => cidrOverlaps(r, n.public_pool))) ctx.addIssue({ code: 'custom', path: ['public_pool'], message: `${n.public_pool.text} is private address space (RFC 1918); public addresses must be routable` });
  else if (cidrOverlaps(n.private_pool, n.public_pool)) ctx.addIssue({ code: 'custom', path: ['public_pool'], message: `${n.public_pool.text} overlaps the private pool ${n.private_pool.text}` });
});

/** A probe's source: a CIDR block or address (the Internet), or a role name. */
const probeFrom = z.string().transform((text, ctx): Probe['from'] => {
  const t = text.trim();
  if (t.includes('/') || isIpv4Text(t) || /^\d/.test(t)) {
    try {
      return { kind: 'internet', block: parseCidr(t) };
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  }
  if (roleName.safeParse(t).success) return { kind: 'role', role: t };
  ctx.addIssue({ code: 'custom', message: `expected a CIDR block (e.g. 0.0.0.0/0), an address, or a role name, got ${JSON.stringify(text)}` });
  return z.NEVER;
});

/** A probe's target: a role name, an address, or `@eip.N`. */
const probeTo = z.string().transform((text, ctx): Probe['to'] => {
  const t = text.trim();
  const eip = /^@eip\.(\d+)$/.exec(t);
  if (eip) return { kind: 'eip', index: Number(eip[1]) };
  if (isIpv4Text(t)) return { kind: 'address', ip: parseIpv4(t) };
  if (roleName.safeParse(t).success) return { kind: 'role', role: t };
  ctx.addIssue({ code: 'custom', message: `expected a role name, an address (e.g. 75.101.130.7) or @eip.N, got ${JSON.stringify(text)}` });
  return z.NEVER;
});

/** One probe: `{ at: 1h, every: 10m, until: 2h, from: 0.0.0.0/0, to: web, proto: tcp, port: 22 }`. */
export const probeSchema = z.strictObject({
  at: durationMs,
  every: durationMs.refine((ms) => ms >= LIMITS.minProbeEveryMs, 'expected at least 1s between probes, e.g. 10m').optional(),
  /** With every: the last time a repeat may fire (default: the end of the run). */
  until: durationMs.optional(),
  from: probeFrom,
  to: probeTo,
  proto: z.enum(FLOW_PROTOCOLS).default('tcp'),
  /** tcp, udp, sctp, dccp: the port; icmp: the ICMP type (default 8, echo request). */
  port: z.int().min(0).max(65535).optional(),
}).transform((p, ctx): Probe => {
  if (p.until !== undefined && p.every === undefined) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'until ends a repeating probe; give every: too (e.g. every: 1m)' });
    return z.NEVER;
  }
  let port = p.port;
  if (port === undefined) {
    if (p.proto === 'icmp') port = 8;
    else if (p.proto === 'gre' || p.proto === 'esp') port = 0;
    else {
      ctx.addIssue({ code: 'custom', path: ['port'], message: `proto ${p.proto} needs a port, e.g. port: 22` });
      return z.NEVER;
    }
  }
  const fromText = p.from.kind === 'internet' ? p.from.block.text : p.from.role;
  const toText = p.to.kind === 'role' ? p.to.role : p.to.kind === 'eip' ? `@eip.${p.to.index}` : formatIpv4(p.to.ip);
  return { atMs: p.at, everyMs: p.every, untilMs: p.until, from: p.from, to: p.to, protocol: p.proto, port, fromText, toText };
});

/** One role's traffic: bytes per time in each direction (absent = none). */
export const roleTrafficSchema = z.strictObject({
  /** From the Internet to the role. */
  in: byteRatePerMs.optional(),
  /** From the role to the Internet. */
  out: byteRatePerMs.optional(),
  /** Between the role and our other instances. */
  internal: byteRatePerMs.optional(),
  /** To and from S3. */
  s3: byteRatePerMs.optional(),
  /**
   * Bytes the role sends to other roles, e.g. `{ db: 40GB/d }`: free between instances of one
   * zone on private addresses, at the regional rate between zones or when either side names
   * the other's public address in its user-data; counted at both ends.
   */
  to: z.record(roleName, byteRatePerMs).optional(),
});

/** `traffic:` by role, e.g. `{ web: { in: 20GB/d, out: 200GB/d } }`. */
export const trafficSchema = z.record(roleName, roleTrafficSchema);

/** Checks the network sections' references: probe and traffic roles exist, probes fall inside the run. */
export function checkNetworkRefs(s: ScenarioShape, ctx: z.RefinementCtx): void {
  const roles = [...new Set([...Object.keys(s.fleet), ...s.actions.flatMap((a) => (a.as === undefined ? [] : [a.as]))])];
  const unknownRole = (role: string): string => {
    const guess = didYouMean(role, roles);
    return `unknown role "${role}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; known: ${roles.join(', ') || '(none: declare fleet roles or actions with as:)'}`;
  };
  s.probes.forEach((p, i) => {
    if (p.from.kind === 'role' && !roles.includes(p.from.role)) ctx.addIssue({ code: 'custom', path: ['probes', i, 'from'], message: unknownRole(p.from.role) });
    if (p.to.kind === 'role' && !roles.includes(p.to.role)) ctx.addIssue({ code: 'custom', path: ['probes', i, 'to'], message: unknownRole(p.to.role) });
    if (p.atMs > s.duration) ctx.addIssue({ code: 'custom', path: ['probes', i, 'at'], message: `at ${formatDuration(p.atMs)} is after the end of the run (duration ${formatDuration(s.duration)})` });
  });
  for (const [role, t] of Object.entries(s.traffic)) {
    if (!roles.includes(role)) ctx.addIssue({ code: 'custom', path: ['traffic', role], message: unknownRole(role) });
    for (const peer of Object.keys(t.to ?? {})) {
      if (peer === role) ctx.addIssue({ code: 'custom', path: ['traffic', role, 'to', peer], message: `a role's traffic to itself is not modelled; give it as internal: instead` });
      else if (!roles.includes(peer)) ctx.addIssue({ code: 'custom', path: ['traffic', role, 'to', peer], message: unknownRole(peer) });
    }
  }
}

export type NetworkSection = z.output<typeof networkSchema>;
export type TrafficSection = z.output<typeof trafficSchema>;
