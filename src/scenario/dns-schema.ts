import * as z from 'zod';
import { durationDistribution } from './distribution-schema.js';
import { roleName } from './fleet-schema.js';
import { didYouMean } from '../engine/did-you-mean.js';
import { DEFAULT_OVERSTAY, OVERSTAY_PRESET_NAMES, OVERSTAY_PRESETS, type OverstayPreset } from './overstay-presets.js';
import { durationMs } from './unit-schemas.js';
import { LIMITS } from './limits.js';

const hostName = z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/, 'expected a host name like lb.aiderss.com');
const ttl = durationMs.refine((ms) => ms >= 1000, 'expected a TTL of at least 1s');

/** An authoritative record: an A record listing roles' front ends or literal addresses, or a CNAME. */
export const recordSchema = z.discriminatedUnion('type', [
  z.strictObject({ name: hostName, type: z.literal('A'), ttl, to: z.array(z.string()).min(1, 'an A record needs at least one role or address') }),
  z.strictObject({ name: hostName, type: z.literal('CNAME'), ttl, to: hostName }),
]);

/** `overstay: bhowmick-2023-6h`: a named preset (see overstay-presets.ts), read as its share and amount. */
const overstayPreset = z.string().transform((name, ctx) => {
  const preset = (OVERSTAY_PRESETS as Readonly<Record<string, OverstayPreset>>)[name];
  if (preset !== undefined) return { share: preset.share, by: preset.by };
  const guess = didYouMean(name, OVERSTAY_PRESET_NAMES);
  ctx.addIssue({ code: 'custom', message: `unknown overstay preset "${name}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; expected one of ${OVERSTAY_PRESET_NAMES.join(', ')}, or { share: 0.0874, by: { lognormal: { median: 1h, sigma: 1 } } }` });
  return z.NEVER;
});

/**
 * Resolver behaviour. Default overstay: the `bhowmick-2023` preset, 8.74% of resolvers
 * extend TTLs (Bhowmick et al., "TTL Violation of DNS Resolvers in the Wild", PAM 2023: 8.74%
 * of 8,524 resolvers measured from at least five vantage points). The paper gives no
 * distribution of the extension; we assume a log-normal with median 1 h (sigma 1) and say so.
 * `overstay` is a preset name or `{ share, by }`.
 */
export const resolversSchema = z.strictObject({
  count: z.int().min(1).max(LIMITS.resolvers),
  overstay: z.union([
    overstayPreset,
    z.strictObject({
      share: z.number().min(0).max(1).default(DEFAULT_OVERSTAY.share),
      by: durationDistribution.default(DEFAULT_OVERSTAY.by),
    }),
  ]).default({ share: DEFAULT_OVERSTAY.share, by: DEFAULT_OVERSTAY.by }),
});

/** The `dns:` section. */
export const dnsSchema = z.strictObject({
  /** `sampled`: requests simulated only around incidents (scales to millions of clients); `per-request`: every request an event. */
  mode: z.enum(['sampled', 'per-request']).default('sampled'),
  /** The name clients look up (default: the first record's). */
  name: hostName.optional(),
  records: z.array(recordSchema).min(1),
  resolvers: resolversSchema,
  /**
   * Replay a resolver query log instead of synthetic clients: a CSV with a header and columns
   * `time_s` (seconds from the start), `resolver` (any label) and `name`. Each row is one
   * lookup of `name` by that resolver on behalf of a user, who then connects. Rows for
   * other names are ignored. Replays run in per-request mode.
   */
  replay: z.strictObject({ csv: z.string() })
    .transform((r) => ({ csv: r.csv, timesMs: [] as number[], resolverIds: [] as number[], names: [] as string[], resolverCount: 0 }))
    .optional(),
  /** `cdf`: outages.csv holds each incident's outage distribution at 201 quantiles; `clients`: one row per client outage. */
  outages: z.enum(['cdf', 'clients']).default('cdf'),
});

/** The `clients:` section: the users behind the resolvers. */
export const clientsSchema = z.strictObject({
  count: z.int().min(1).max(LIMITS.clients),
  request_every: durationMs.refine((ms) => ms >= 1000, 'expected at least 1s between a client\'s requests'),
  /** Browser/OS answer caching whatever the TTL: Internet Explorer 4+ kept answers 30m, Firefox 60s. */
  pin: durationMs.default(0),
  failover: z.strictObject({
    /** Share of clients that try the next A record after a connect timeout. */
    share: z.number().min(0).max(1).default(0),
    /** Windows: SYN retries at 3, 6 and 12 s give up after 21 s. */
    timeout: durationMs.default(21_000),
  }).default({ share: 0, timeout: 21_000 }),
  /** `periodic`: one request every request_every at the client's own phase; `poisson`: exponential gaps of that mean. */
  process: z.enum(['periodic', 'poisson']).default('periodic'),
  /**
   * Simulate a seeded random sample of each resolver's clients (at most `per_resolver`),
   * each standing for n / sampled of them; counts, shares and outage quantiles stay
   * unbiased and summary.csv reports their sampling error (two or more per resolver, so
   * that error can be estimated). Sampled DNS mode only.
   */
  sample: z.strictObject({ per_resolver: z.int().min(2) }).optional(),
});

/** The `recovery:` section: what happens when a front end stops. */
export const recoverySchema = z.strictObject({
  front_end: roleName,
  health_check: z.strictObject({
    every: durationMs.refine((ms) => ms >= LIMITS.minHealthCheckEveryMs, 'expected at least 1s between health checks').default(30_000),
    failures: z.int().min(1).default(3),
  }).default({ every: 30_000, failures: 3 }),
  replace: z.boolean().default(true),
  method: z.enum(['dns', 'self-register', 'elastic-ip']).default('dns'),
  dns_update: durationMs.default(30_000),
  standby: z.int().min(0).default(0),
  /** Other roles whose instances are replaced when a fault kills them (same checks; they rejoin the rotation once passing). */
  roles: z.array(roleName).default([]),
});

export type DnsSection = z.output<typeof dnsSchema>;
export type ClientsSection = z.output<typeof clientsSchema>;
export type RecoverySection = z.output<typeof recoverySchema>;
