/**
 * Named resolver-overstay assumptions for `dns.resolvers.overstay`: who extends a record's TTL
 * and by how much. The share of resolvers that overstay has a source; the amount does not (no
 * measurement we know of gives its distribution), so the presets around the default bracket it
 * for a sensitivity analysis, and say so.
 */
import type { DistributionSpec } from './distribution-schema.js';

/** One preset: the share of resolvers that overstay, the amount they overstay by, and where the figures come from. */
export interface OverstayPreset {
  readonly share: number;
  readonly by: DistributionSpec;
  readonly source: string;
}

const HOUR = 3_600_000;
const lognormal = (medianMs: number): DistributionSpec => ({ kind: 'lognormal', median: medianMs, sigma: 1 });
const BHOWMICK = 'Bhowmick et al., "TTL Violation of DNS Resolvers in the Wild", PAM 2023: 8.74% of the 8,524 resolvers measured from at least five vantage points extend TTLs';

/** The presets by name; `bhowmick-2023` is the default. */
export const OVERSTAY_PRESETS = {
  /** Every resolver honours the TTL, as the DNS specifies (RFC 1035 section 3.2.1: the TTL is how long a record may be cached before it should be discarded). */
  'honour-ttl': { share: 0, by: { kind: 'constant', value: 0 }, source: 'RFC 1035, section 3.2.1 (TTL semantics)' },
  /** The default: 8.74% overstay (measured), by a log-normal amount with a median of 1 h and sigma 1 (our assumption). */
  'bhowmick-2023': { share: 0.0874, by: lognormal(HOUR), source: `${BHOWMICK}; the amount (log-normal, median 1 h, sigma 1) is our assumption` },
  /** The measured share, overstaying a quarter as long: the low end of the sensitivity sweep (an assumption). */
  'bhowmick-2023-15m': { share: 0.0874, by: lognormal(HOUR / 4), source: `${BHOWMICK}; the amount (log-normal, median 15 min, sigma 1) is an assumption for sensitivity analysis` },
  /** The measured share, overstaying six times as long: the high end of the sensitivity sweep (an assumption). */
  'bhowmick-2023-6h': { share: 0.0874, by: lognormal(6 * HOUR), source: `${BHOWMICK}; the amount (log-normal, median 6 h, sigma 1) is an assumption for sensitivity analysis` },
} as const satisfies Record<string, OverstayPreset>;

export type OverstayPresetName = keyof typeof OVERSTAY_PRESETS;

/** Preset names, in documentation order. */
export const OVERSTAY_PRESET_NAMES = Object.keys(OVERSTAY_PRESETS) as [OverstayPresetName, ...OverstayPresetName[]];

/** The default overstay (`bhowmick-2023`). */
export const DEFAULT_OVERSTAY = OVERSTAY_PRESETS['bhowmick-2023'];
