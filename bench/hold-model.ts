/**
 * The classic hold model: P events pending; each pop schedules one new event at
 * now + an exponential delay, so the queue size stays P. Run through the real engine and
 * through the reference heap on the identical sequence of delays.
 */
import { RandomStreams, Simulation } from '../src/engine/index.js';
import { ReferenceHeap } from './reference-heap.js';
import { measure, retainedBytes, type BenchEntry, type BenchRow } from './report.js';

/** Mean delay in ms. Large, so that whole-ms rounding makes ties rare (as with real-valued times). */
export const MEAN_DELAY_MS = 1e6;
/** Pre-generated delays (2^21, more than P + pops for every run here, so none repeat). */
const DELAY_COUNT = 1 << 21;
const DELAY_MASK = DELAY_COUNT - 1;

/**
 * Exponential delays with mean `MEAN_DELAY_MS`, already rounded to whole ms as the engine
 * would round them, so both variants see exactly the same times. Drawing them up front
 * keeps RNG cost identical in both variants and outside the timed region.
 */
export function exponentialDelays(seed = 1, count = DELAY_COUNT): Float64Array<ArrayBuffer> {
  const u = new RandomStreams(seed).stream('bench.hold.delays');
  const d = new Float64Array(count);
  for (let i = 0; i < count; i++) d[i] = Math.round(-Math.log(1 - u()) * MEAN_DELAY_MS);
  return d;
}

/** One timed hold run. */
export interface HoldRun {
  /** Wall time of the pops only (prefill excluded). */
  readonly wallMs: number;
  /** Bytes the filled structure retains (JS heap + ArrayBuffers), measured after prefill. */
  readonly memoryBytes: number;
  /** Simulated time of the last pop: equal in both variants, a check that they did the same work. */
  readonly finalTime: number;
}

/**
 * Hold model on the engine. The action is one reused closure that schedules the next
 * event and, after `pops` events, calls `sim.stop()`.
 *
 * Why `stop()` rather than `run({ until })`: `until` cannot give an exact number of pops
 * (the count past a time is random) and sets the clock afterwards; `stop()` gives exactly
 * `pops` pops, each followed by one push, like the reference loop. Its cost is one counter
 * decrement in the action plus the flag test `run` performs on every event anyway. `run()`
 * without a stop would instead drain the P prefilled events too, timing P extra pops
 * without pushes.
 */
export function holdEngine(p: number, pops: number, delays: Float64Array): HoldRun {
  let k = 0;
  let left = pops;
  const filled = measure(() => {
    const sim = new Simulation({ seed: 1 });
    for (let i = 0; i < p; i++) sim.schedule(delays[k++ & DELAY_MASK]!, action);
    return sim;
  });
  const sim = filled.result;
  function action(): void {
    sim.schedule(delays[k++ & DELAY_MASK]!, action);
    if (--left === 0) sim.stop();
  }
  const timed = measure(() => sim.run());
  if (timed.result.events !== pops || sim.pending !== p) {
    throw new Error(`engine hold run did ${timed.result.events} pops with ${sim.pending} pending`);
  }
  return { wallMs: timed.wallMs, memoryBytes: retainedBytes(filled), finalTime: sim.now };
}

/** Hold model on the reference heap: the same pops and pushes, sequence numbers as tie-breaks. */
export function holdReference(p: number, pops: number, delays: Float64Array): HoldRun {
  let k = 0;
  let seq = 0;
  const filled = measure(() => {
    const heap = new ReferenceHeap();
    for (let i = 0; i < p; i++) heap.push(delays[k++ & DELAY_MASK]!, seq++);
    return heap;
  });
  const heap = filled.result;
  const timed = measure(() => {
    let now = 0;
    for (let i = 0; i < pops; i++) {
      now = heap.pop();
      heap.push(now + delays[k++ & DELAY_MASK]!, seq++);
    }
    return now;
  });
  if (heap.size !== p) throw new Error(`reference hold run ended with ${heap.size} pending`);
  return { wallMs: timed.wallMs, memoryBytes: retainedBytes(filled), finalTime: timed.result };
}

/** Options of the hold benchmark. */
export interface HoldOptions {
  readonly sizes: readonly number[];
  readonly pops: number;
  /** Pops of the untimed warm-up run of each variant. */
  readonly warmupPops: number;
  /** Timed repetitions per figure; the best is reported. */
  readonly repetitions: number;
  /** Size whose ratio is held to `minRatio`. */
  readonly targetSize: number;
  readonly minRatio: number;
}

export const DEFAULT_HOLD_OPTIONS: HoldOptions = {
  sizes: [1_000, 100_000, 1_000_000],
  pops: 1_000_000,
  warmupPops: 100_000,
  repetitions: 3,
  targetSize: 100_000,
  minRatio: 0.5,
};

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Runs every size, alternating engine and reference repetitions so both share the noise. */
export function runHold(options: HoldOptions = DEFAULT_HOLD_OPTIONS): BenchRow[] {
  const delays = exponentialDelays();
  const rows: BenchRow[] = [];
  for (const p of options.sizes) {
    holdEngine(p, options.warmupPops, delays);
    holdReference(p, options.warmupPops, delays);
    const eng: HoldRun[] = [];
    const ref: HoldRun[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      eng.push(holdEngine(p, options.pops, delays));
      ref.push(holdReference(p, options.pops, delays));
    }
    const e0 = eng[0];
    const r0 = ref[0];
    if (e0 === undefined || r0 === undefined) throw new Error('hold: repetitions must be >= 1');
    if (e0.finalTime !== r0.finalTime) {
      throw new Error(`hold P=${p}: engine ended at ${e0.finalTime} ms, reference at ${r0.finalTime} ms`);
    }
    const best = (runs: HoldRun[]): number => Math.min(...runs.map((x) => x.wallMs));
    const spread = (runs: HoldRun[]): string =>
      runs.map((x) => x.wallMs.toFixed(0)).join('/');
    const row: BenchRow = {
      name: 'hold/engine',
      workload: `P=${fmt(p)}, ${fmt(options.pops)} pops`,
      eventsPerSec: options.pops / (best(eng) / 1000),
      referenceEventsPerSec: options.pops / (best(ref) / 1000),
      memoryBytes: e0.memoryBytes,
      referenceMemoryBytes: r0.memoryBytes,
      detail: `ms engine ${spread(eng)}, ref ${spread(ref)}`,
    };
    rows.push(p === options.targetSize ? { ...row, target: { metric: 'ratio', min: options.minRatio } } : row);
  }
  return rows;
}

/** The suite entry. */
export const holdEntry: BenchEntry = { name: 'hold', run: () => runHold() };
