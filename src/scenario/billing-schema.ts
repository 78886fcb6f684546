/**
 * The billing sections of a scenario (`pricing:`, `colocation:`) and the schema of a price
 * catalog file (catalogs/*.yaml, or the user's own). Prices are written in USD and come
 * out in integer micro-dollars.
 */
import * as z from 'zod';
import type { PriceCatalog } from '../billing/catalog.js';
import { usdToMicros } from '../billing/money.js';
import type { PriceTier } from '../billing/tiers.js';
import { durationMs } from './unit-schemas.js';

/** The catalog a scenario uses when it names none. */
export const DEFAULT_PRICING = 'ec2-2008-04';

/** A price in USD (e.g. 0.10) → integer micro-dollars; negative or sub-micro-dollar prices are issues. */
export const usdSchema = z.number().transform((usd, ctx) => {
  const micros = usdToMicros(usd);
  if (micros !== undefined) return micros;
  ctx.addIssue({ code: 'custom', message: usd < 0 ? `expected a price >= 0 in USD, got ${usd}` : `${usd} is finer than a micro-dollar ($0.000001)`, input: usd });
  return z.NEVER;
});

/** `pricing:` as written (a catalog name or path), then, once the loader has read it, the catalog itself. */
export type PricingSpec =
  | { readonly kind: 'catalog-ref'; readonly ref: string }
  | { readonly kind: 'catalog'; readonly ref: string; readonly file: string; readonly catalog: PriceCatalog };

/** `pricing: ec2-2008-04` (a built-in catalog) or `pricing: prices/2009.yaml` (relative to the scenario file). */
export const pricingSchema = z.string().trim().min(1, 'expected a catalog name (e.g. ec2-2008-04) or the path of a catalog file')
  .transform((ref): PricingSpec => ({ kind: 'catalog-ref', ref }));

const months = z.union([
  z.int().min(1),
  z.string().regex(/^\s*\d+\s*months?\s*$/, 'expected a number of months, e.g. 36 or "36 months"'),
]).transform((v) => (typeof v === 'number' ? v : Number.parseInt(v, 10)));

/**
 * `colocation:` the alternative's costs (every key has a default; the defaults are our
 * assumptions for a small 2008 colocation contract, not quotes).
 */
export const colocationSchema = z.strictObject({
  /** Servers bought; default: the fleet's instance count. */
  servers: z.int().min(1).optional(),
  /** USD per server (a 1U dual-core server with 4 GB, 2008). */
  server_price: usdSchema.prefault(3000),
  /** Months the servers are paid off over, straight line. */
  amortise: months.prefault(36),
  /** USD per month for the rack space (a half rack). */
  rack_space_per_month: usdSchema.prefault(500),
  /** USD per month for power (one 20 A circuit). */
  power_per_month: usdSchema.prefault(200),
  bandwidth: z.strictObject({
    /** USD per Mbps per month at the committed rate. */
    per_mbps_month: usdSchema.prefault(20),
    /** Mbps paid for whatever the use. */
    commit_mbps: z.int().min(0).default(10),
    /** USD per Mbps per month above the commitment (default: per_mbps_month). */
    overage_per_mbps_month: usdSchema.optional(),
    /** The percentile of the samples billed. */
    percentile: z.number().gt(0).max(100).default(95),
    /** Sampling interval. */
    sample: durationMs.refine((ms) => ms > 0, 'expected a duration > 0, e.g. 5m').prefault('5m'),
  }).prefault({}),
  /** A block of static addresses. */
  ip_block: z.strictObject({
    addresses: z.int().min(1).default(8),
    per_month: usdSchema.prefault(10),
  }).prefault({}),
});

export type ColocationSection = z.output<typeof colocationSchema>;

type TierIn = { next_gb?: number | undefined; price: number };

/** A tier list's rules: every tier but the last says how many GB it covers; the last covers the rest. */
function checkTiers(tiers: readonly TierIn[], ctx: z.RefinementCtx): void {
  tiers.forEach((t, i) => {
    const last = i === tiers.length - 1;
    if (last && t.next_gb !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'next_gb'], message: 'the last tier is open-ended: remove next_gb (it covers everything above the tiers before it)' });
    if (!last && t.next_gb === undefined) ctx.addIssue({ code: 'custom', path: [i], message: 'every tier but the last needs next_gb, the GB it covers (e.g. next_gb: 10240 for the first 10 TB)' });
  });
}

const toTiers = (tiers: readonly TierIn[]): PriceTier[] => tiers.map((t) => ({ size: t.next_gb, micros: t.price }));
const nextGb = z.int().min(1).optional();

/** Tiers priced per GB: `[{ next_gb: 10240, usd_per_gb: 0.18 }, ..., { usd_per_gb: 0.13 }]`. */
const transferTiers = z.array(z.strictObject({ next_gb: nextGb, usd_per_gb: usdSchema }).transform((t) => ({ next_gb: t.next_gb, price: t.usd_per_gb })))
  .min(1, 'expected at least one tier, e.g. - { usd_per_gb: 0.10 }').superRefine(checkTiers).transform(toTiers);

/** Tiers priced per GB-month. */
const storageTiers = z.array(z.strictObject({ next_gb: nextGb, usd_per_gb_month: usdSchema }).transform((t) => ({ next_gb: t.next_gb, price: t.usd_per_gb_month })))
  .min(1, 'expected at least one tier, e.g. - { usd_per_gb_month: 0.15 }').superRefine(checkTiers).transform(toTiers);

/** `{ per: 1000, usd: 0.01 }`: a price per batch of requests. */
const requestPrice = z.strictObject({ per: z.int().min(1), usd: usdSchema }).transform((r) => ({ per: r.per, micros: r.usd }));

/** A price catalog file. Every price section is required, so a forgotten one is an error, not a free service. */
export const catalogFileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().default(''),
  /** The date the prices took effect (information only). */
  effective: z.string().optional(),
  sources: z.array(z.string()).default([]),
  currency: z.literal('USD', 'expected USD: ephemera bills in US dollars').default('USD'),
  /** Bytes in the catalog's GB: 1073741824 (2^30) for Amazon. */
  gb_bytes: z.int().min(1),
  /** USD per instance-hour by instance type. */
  instance_hours: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected an instance type name like m1.small'), usdSchema),
  /** internal: in one zone on private addresses; regional: between zones or through public/elastic addresses, charged at each end. */
  transfer: z.strictObject({ in: transferTiers, out: transferTiers, internal: transferTiers, regional: transferTiers, s3: transferTiers }),
  s3: z.strictObject({ storage: storageTiers, put_requests: requestPrice, get_requests: requestPrice }),
  elastic_ip: z.strictObject({ idle_usd_per_hour: usdSchema, free_remaps_per_month: z.int().min(0), usd_per_remap: usdSchema }),
});

/** A catalog file's contents as validated, named `fallbackName` when it has no `name:`. */
export function toPriceCatalog(file: z.output<typeof catalogFileSchema>, fallbackName: string): PriceCatalog {
  return {
    name: file.name ?? fallbackName,
    description: file.description,
    sources: file.sources,
    gbBytes: file.gb_bytes,
    instanceHour: file.instance_hours,
    transfer: file.transfer,
    s3: { storage: file.s3.storage, put: file.s3.put_requests, get: file.s3.get_requests },
    elasticIp: { idleHour: file.elastic_ip.idle_usd_per_hour, freeRemapsPerMonth: file.elastic_ip.free_remaps_per_month, remap: file.elastic_ip.usd_per_remap },
  };
}
