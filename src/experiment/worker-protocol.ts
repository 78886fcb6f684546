import type { ReplicationOutput } from './replication.js';

/** What a sweep worker is started with (its workerData). */
export interface WorkerSetup {
  readonly file: string;
  /** sha256 of the scenario file the plan validated; a worker refuses another. */
  readonly hash: string;
  /** Each point's `PATH=VALUE` overrides, by point index. */
  readonly sets: readonly (readonly string[])[];
  readonly seed: number;
}

/** One job sent to a worker. */
export interface WorkerRequest {
  readonly job: number;
  readonly point: number;
  readonly replication: number;
}

/** A worker's answer: the replication's output, or the error it threw. */
export type WorkerResponse =
  | { readonly job: number; readonly output: ReplicationOutput }
  | { readonly job: number; readonly error: string };
