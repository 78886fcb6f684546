/** The service tiers as the scenario declares them, and as the request path sees them at an instant. */
import type { Instance } from '../cloud/instance.js';

/** How a tier is reached: the front end by users (DNS), a backend by round-robin, a database by address. */
export type TierKind = 'front-end' | 'backend' | 'database';

/** One role on the request path, as the scenario declares it. */
export interface TierSpec {
  readonly role: string;
  readonly kind: TierKind;
  /** Requests per second at full CPU: per ECU (`perEcu`) or per instance. */
  readonly capacityPerS: number;
  readonly perEcu: boolean;
  readonly visits: number;
  /** A visit waiting longer fails as overload, s. */
  readonly timeoutS: number;
  /** Database: bytes in S3 at the start (every new instance restores them and the backed-up writes first). */
  readonly dataBytes: number;
}

/** What the service layer needs to build its tiers. */
export interface TiersSpec {
  readonly tiers: readonly TierSpec[];
  /** The front end's health checks of backends: every, misses to drop one, passes to admit one. */
  readonly check: { readonly everyMs: number; readonly failures: number; readonly rise: number };
  /** Automation that points stale backends at a serving dependency this long after it serves. */
  readonly reconfigureMs?: number | undefined;
  /** Time of day at simulated time 0, ms after midnight UTC (for hourly CPU steal). */
  readonly dayOffsetMs: number;
}

/** One tier at an instant: what the request path needs (no demand in it). */
export interface TierSnapshot {
  /** Instances in state running, booting (pending), and in rotation (backends; for others, the serving pool). */
  readonly running: number;
  readonly pending: number;
  readonly inRotation: number;
  /** Share of visits that fail at once, by cause (indexed as CAUSE). */
  readonly immediate: Float64Array;
  /** Healthy serving instances in rotation (`healthy`), and their mean service rate per hour of the day (per s). */
  readonly servers: number;
  readonly healthy: readonly Instance[];
  readonly ratePerHour: Float64Array;
}

/** Every tier from `timeMs` until the next snapshot. */
export interface Snapshot {
  readonly timeMs: number;
  readonly tiers: readonly TierSnapshot[];
}
