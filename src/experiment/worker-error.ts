import { ScenarioError, type Problem } from '../scenario/scenario-error.js';
import { ResultsError } from './results-error.js';

/** An error thrown in a worker, as plain data: enough to throw the same error in the main process. */
export interface SerializedError {
  readonly kind: 'scenario' | 'results' | 'range' | 'type' | 'error';
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** A ScenarioError's problems and total. */
  readonly problems?: readonly Problem[];
  readonly total?: number;
}

/** `e` as plain data (structured cloning would turn a ScenarioError into a plain Error). */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { kind: 'error', name: 'Error', message: String(e) };
  const base = { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
  if (e instanceof ScenarioError) return { ...base, kind: 'scenario', problems: e.problems.map((p) => ({ ...p })), total: e.total };
  if (e instanceof ResultsError) return { ...base, kind: 'results' };
  if (e instanceof RangeError) return { ...base, kind: 'range' };
  if (e instanceof TypeError) return { ...base, kind: 'type' };
  return { ...base, kind: 'error' };
}

/**
 * The error `serializeError` described, of the same class with the same message (a
 * replication that fails on a worker fails as it would in this thread); its stack is the
 * worker's.
 */
export function deserializeError(s: SerializedError): Error {
  const e = s.kind === 'scenario' ? new ScenarioError(s.problems ?? [], s.total)
    : s.kind === 'results' ? new ResultsError(s.message)
    : s.kind === 'range' ? new RangeError(s.message)
    : s.kind === 'type' ? new TypeError(s.message)
    : new Error(s.message);
  if (s.kind === 'error' && s.name !== 'Error') e.name = s.name;
  if (s.stack !== undefined) e.stack = s.stack;
  return e;
}
