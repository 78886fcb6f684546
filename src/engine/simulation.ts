import { EventQueue, NO_ARG } from './event-queue.js';
import type { StreamFamily } from './counter-random.js';
import { RandomStreams, type RandomStream } from './random-streams.js';

/** What an event does when it runs. */
export type Action = () => void;

/** What an event scheduled with an argument does: called with that argument (see `scheduleWith`). */
export type ArgAction = (arg: number) => void;

/** An opaque handle to a scheduled event, for `cancel`. */
export type EventHandle = number;

export interface SimulationOptions {
  /** Base seed of every random stream. */
  readonly seed: number;
}

export interface RunOptions {
  /**
   * Run events whose time is <= `until` (ms), then set the clock to `until`. Later events
   * stay queued and a later `run` continues with them. Omitted: run until no event is left.
   */
  readonly until?: number;
}

export interface RunStats {
  /** Events executed by this call (cancelled events are not counted). */
  readonly events: number;
  /** The clock when the call returned, in ms. */
  readonly nowMs: number;
  /** True when `stop()` ended the run early. */
  readonly stopped: boolean;
}

/**
 * The discrete-event engine: an integer millisecond clock, the pending-event set and the
 * named random streams. It knows nothing of clouds, files or wall-clock time.
 */
export class Simulation {
  readonly #queue = new EventQueue<Action | ArgAction>();
  readonly #streams: RandomStreams;
  /** The clock, ms, in a one-element typed array: setting it per event allocates nothing (a plain field may box the number). */
  readonly #clock = new Float64Array(1);
  #stopRequested = false;
  #running = false;

  constructor(options: SimulationOptions) {
    this.#streams = new RandomStreams(options.seed);
  }

  /** Current simulated time in integer milliseconds since the start of the run. */
  get now(): number {
    return this.#clock[0]!;
  }

  /** The base seed. */
  get seed(): number {
    return this.#streams.seed;
  }

  /** Number of live (not cancelled) pending events. */
  get pending(): number {
    return this.#queue.size;
  }

  /**
   * Schedules `action` after `delayMs` (rounded to a whole millisecond). Lower `priority`
   * (an integer in [-1024, 1023]) runs first among events at the same time; equal (time,
   * priority) run in scheduling order. Throws RangeError for a negative, NaN or infinite
   * delay, or a priority out of range.
   */
  schedule(delayMs: number, action: Action, priority = 0): EventHandle {
    return this.#queue.push(this.#after(delayMs), priority, action);
  }

  /**
   * Schedules `action(arg)` after `delayMs`, as `schedule` does. The argument (an integer in
   * [-2^31 + 1, 2^31 - 1], e.g. the index of the host or unit the event is for) is kept in
   * the pending-event set beside the event, so one function serves many entities: no closure
   * per entity or per event, and nothing of the entity's is touched until the event runs.
   * Throws as `schedule` does, and for an argument that is not such an integer.
   */
  scheduleWith(delayMs: number, action: ArgAction, arg: number, priority = 0): EventHandle {
    if ((arg | 0) !== arg || arg === NO_ARG) throw new RangeError(`an event argument must be an integer in [-2147483647, 2147483647], got ${arg}`);
    return this.#queue.push(this.#after(delayMs), priority, action, arg);
  }

  /** The time `delayMs` (rounded to a whole ms) from now; throws for a negative, NaN or infinite delay. */
  #after(delayMs: number): number {
    if (!Number.isFinite(delayMs)) throw new RangeError(`delay must be a finite number of ms, got ${delayMs}`);
    if (delayMs < 0) throw new RangeError(`negative delay: ${delayMs} ms`);
    return this.#clock[0]! + Math.round(delayMs);
  }

  /** Schedules `action` at absolute time `timeMs` (rounded); throws if it is in the past. */
  at(timeMs: number, action: Action, priority = 0): EventHandle {
    if (!Number.isFinite(timeMs)) throw new RangeError(`time must be a finite number of ms, got ${timeMs}`);
    const t = Math.round(timeMs);
    const now = this.#clock[0]!;
    if (t < now) throw new RangeError(`time ${t} ms is before now (${now} ms)`);
    return this.#queue.push(t, priority, action);
  }

  /** Cancels a pending event. Returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.#queue.cancel(handle);
  }

  /** Asks the current `run` to return after the event being executed. */
  stop(): void {
    this.#stopRequested = true;
  }

  /** The named random stream (see RandomStreams). */
  random(name: string): RandomStream {
    return this.#streams.stream(name);
  }

  /** The named family of per-entity counter-based streams (see RandomStreams.family). */
  family(name: string): StreamFamily {
    return this.#streams.family(name);
  }

  /**
   * Executes events in (time, priority, sequence) order.
   * - `run()`: until no event is pending.
   * - `run({ until })`: events at times <= until; then the clock reads `until`.
   *   Throws if `until` is before now. Events after `until` are kept for a later call.
   * `stop()` from inside an action returns early, with the clock at that event's time.
   */
  run(options: RunOptions = {}): RunStats {
    if (this.#running) throw new Error('Simulation.run called from inside an event');
    const until = options.until ?? Infinity;
    if (Number.isNaN(until)) throw new RangeError('until must be a number of ms');
    const clock = this.#clock;
    if (until < clock[0]!) throw new RangeError(`until (${until} ms) is before now (${clock[0]} ms)`);
    this.#running = true;
    this.#stopRequested = false;
    let events = 0;
    const queue = this.#queue;
    try {
      for (;;) {
        const action = queue.popUntil(until);
        if (action === undefined) break;
        clock[0] = queue.lastTime;
        events++;
        const arg = queue.lastArg;
        if (arg !== NO_ARG) action(arg);
        else (action as Action)();
        if (this.#stopRequested) break;
      }
      if (!this.#stopRequested && until !== Infinity) clock[0] = Math.round(until);
      return { events, nowMs: clock[0]!, stopped: this.#stopRequested };
    } finally {
      this.#running = false;
    }
  }
}
