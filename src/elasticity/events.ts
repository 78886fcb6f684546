/** Why a group launched or terminated an instance. */
export type ScalingCause = 'scale-out' | 'scale-in' | 'replace-unhealthy' | 'scheduled';

/** One scaling activity: an instance a group launched (or failed to) or terminated. */
export interface ScalingActivity {
  readonly timeMs: number;
  readonly group: string;
  readonly activity: 'launch' | 'terminate';
  readonly cause: ScalingCause;
  /** Empty when a launch was refused. */
  readonly instanceId: string;
  /** `ok`, or the EC2 error code of a refused launch (InsufficientInstanceCapacity, ...). */
  readonly status: string;
  readonly desiredBefore: number;
  readonly desiredAfter: number;
  /** What triggered it: the metric's value and the bound or target, the schedule, the health check. */
  readonly reason: string;
}

/** Domain events of the elasticity layer; metrics observe them (scaling.csv). */
export interface ScalingEvents {
  'scaling.activity': ScalingActivity;
}
