import type { Micros } from './money.js';
import type { PriceTier } from './tiers.js';

/**
 * Where bytes go, as a price list distinguishes them: from and to the Internet, between
 * instances in one zone on private addresses (`internal`), between zones or through public
 * and elastic addresses (`regional`, charged at each end), to and from S3.
 */
export const TRANSFER_DIRECTIONS = ['in', 'out', 'internal', 'regional', 's3'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

/** A price per batch of requests: `micros` for every `per` requests (e.g. $0.01 per 1,000 PUTs). */
export interface RequestPrice {
  readonly per: number;
  readonly micros: Micros;
}

/**
 * A provider's price list at one date, normalised: every price in integer micro-dollars,
 * sizes in the catalog's own GB (`gbBytes` bytes; Amazon billed 2^30). Read from a
 * catalog file (catalogs/*.yaml or the user's) by the scenario loader; plain data.
 */
export interface PriceCatalog {
  /** The catalog's name (e.g. ec2-2008-04). */
  readonly name: string;
  readonly description: string;
  /** Where the prices come from. */
  readonly sources: readonly string[];
  /** Bytes in the catalog's GB: 2^30 for Amazon (a TB is 1,024 of them). */
  readonly gbBytes: number;
  /** Micro-dollars per instance-hour, by instance type; every partial hour is billed as a full hour. */
  readonly instanceHour: Readonly<Record<string, Micros>>;
  /** Micro-dollars per GB transferred in a calendar month, tiered on the month's total. */
  readonly transfer: Readonly<Record<TransferDirection, readonly PriceTier[]>>;
  readonly s3: {
    /** Micro-dollars per GB-month stored, tiered on the month's GB-months. */
    readonly storage: readonly PriceTier[];
    readonly put: RequestPrice;
    readonly get: RequestPrice;
  };
  readonly elasticIp: {
    /** Micro-dollars per hour an elastic IP is allocated but not mapped to an instance (whole hours). */
    readonly idleHour: Micros;
    /** Remaps (ec2-associate-address) free each calendar month. */
    readonly freeRemapsPerMonth: number;
    /** Micro-dollars per remap beyond the free ones. */
    readonly remap: Micros;
  };
}
