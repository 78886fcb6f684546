import type { Distribution, Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import { FaultKind } from './fault.js';
import type { FaultLedger } from './fault-ledger.js';
import { RenewalFaults } from './renewal-faults.js';
import { hostUnits } from './scope.js';

/** Parameters of the per-host failure/repair renewal process (times in ms). */
export interface HardwareFailureSpec {
  readonly ttf: Distribution;
  readonly repair: Distribution;
}

/**
 * Independent hardware failures: each host alternates up periods drawn from `ttf` and
 * repair periods drawn from `repair` (an alternating renewal process), whatever else holds
 * it down meanwhile. Draws come from the `faults.hardware` family, one stream pair per host.
 */
export function hardwareFailures(sim: Simulation, cloud: Cloud, ledger: FaultLedger, spec: HardwareFailureSpec): RenewalFaults {
  return new RenewalFaults(sim, ledger, FaultKind.HardwareFailure, hostUnits(cloud), { upTime: spec.ttf, downTime: spec.repair }, sim.family('faults.hardware'));
}
