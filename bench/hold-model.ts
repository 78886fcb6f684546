/**
 * The classic hold model: P events pending; each pop schedules one new event at
 * now + an exponential delay, so the queue size stays P. Run through the real engine
 * (Simulation.schedule and run), through the reference heap on the identical sequence of
 * delays, and, queue against queue, through the engine's inline heap and the heap-js queue it
 * replaced (bench/heap-js-queue.ts). Each size runs in a child process of its own.
 */
import { EventQueue, RandomStreams, Simulation } from '../src/engine/index.js';
import { runJob } from './child-process.js';
import { HeapJsEventQueue } from './heap-js-queue.js';
import { ReferenceHeap } from './reference-heap.js';
import { collectGarbage, formatBytes, liveBytes, median, type BenchEntry, type BenchRow } from './report.js';

/** Mean delay in ms. Large, so that whole-ms rounding makes ties rare (as with real-valued times). */
export const MEAN_DELAY_MS = 1e6;
/** Pre-generated delays (2^21, more than P + pops for every run here, so none repeat). */
const DELAY_COUNT = 1 << 21;
const DELAY_MASK = DELAY_COUNT - 1;

/** Exponential delays, rounded to whole ms as the engine would round them, drawn up front (outside the timed region). */
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
  /** Simulated time of the last pop: equal in every variant, a check that they did the same work. */
  readonly finalTime: number;
}

/** Times `fn` (ms). */
function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Retained bytes of what `make` builds. */
function retained<T>(make: () => T): { value: T; bytes: number } {
  collectGarbage();
  const before = liveBytes();
  const value = make();
  collectGarbage();
  return { value, bytes: liveBytes() - before };
}

/**
 * Hold model on the engine: one reused action schedules the next event and, after `pops`
 * events, calls `sim.stop()` (exactly `pops` pops, each followed by one push, like the
 * reference loop; `run({ until })` cannot give an exact count).
 */
export function holdEngine(p: number, pops: number, delays: Float64Array): HoldRun {
  let k = 0;
  let left = pops;
  const filled = retained(() => {
    const sim = new Simulation({ seed: 1 });
    for (let i = 0; i < p; i++) sim.schedule(delays[k++ & DELAY_MASK]!, action);
    return sim;
  });
  const sim = filled.value;
  function action(): void {
    sim.schedule(delays[k++ & DELAY_MASK]!, action);
    if (--left === 0) sim.stop();
  }
  let events = 0;
  const wallMs = time(() => {
    events = sim.run().events;
  });
  if (events !== pops || sim.pending !== p) throw new Error(`engine hold run did ${events} pops with ${sim.pending} pending`);
  return { wallMs, memoryBytes: filled.bytes, finalTime: sim.now };
}

/** Hold model on the reference heap: the same pops and pushes, sequence numbers as tie-breaks. */
export function holdReference(p: number, pops: number, delays: Float64Array): HoldRun {
  let k = 0;
  let seq = 0;
  const filled = retained(() => {
    const heap = new ReferenceHeap();
    for (let i = 0; i < p; i++) heap.push(delays[k++ & DELAY_MASK]!, seq++);
    return heap;
  });
  const heap = filled.value;
  let now = 0;
  const wallMs = time(() => {
    for (let i = 0; i < pops; i++) {
      now = heap.pop();
      heap.push(now + delays[k++ & DELAY_MASK]!, seq++);
    }
  });
  if (heap.size !== p) throw new Error(`reference hold run ended with ${heap.size} pending`);
  return { wallMs, memoryBytes: filled.bytes, finalTime: now };
}

/** The common shape of the two queues, for the queue-against-queue rows. */
interface Queue {
  push(timeMs: number, priority: number, payload: number): number;
  popUntil(untilMs: number): number | undefined;
  readonly lastTime: number;
}

/** Hold model on a bare queue (no Simulation around it): push, pop, push. */
export function holdQueue(make: () => Queue, p: number, pops: number, delays: Float64Array): HoldRun {
  let k = 0;
  const filled = retained(() => {
    const q = make();
    for (let i = 0; i < p; i++) q.push(delays[k++ & DELAY_MASK]!, 0, i);
    return q;
  });
  const q = filled.value;
  let now = 0;
  const wallMs = time(() => {
    for (let i = 0; i < pops; i++) {
      const x = q.popUntil(Infinity)!;
      now = q.lastTime;
      q.push(now + delays[k++ & DELAY_MASK]!, 0, x);
    }
  });
  return { wallMs, memoryBytes: filled.bytes, finalTime: now };
}

/** A hold job: one pending-set size, `runs` timed repetitions of each variant, alternating. */
export interface HoldJob {
  readonly p: number;
  readonly pops: number;
  readonly runs: number;
}

/** What a hold job measured: wall ms per run and retained bytes per variant. */
export interface HoldResult {
  readonly engine: number[];
  readonly reference: number[];
  readonly inlineQueue: number[];
  readonly heapJsQueue: number[];
  readonly bytes: { readonly engine: number; readonly reference: number; readonly inlineQueue: number; readonly heapJsQueue: number };
}

/** Runs a hold job (in the child): a warm-up of each variant, then `runs` rounds of all four in turn, so they share the noise. */
export function runHoldJob(job: HoldJob): HoldResult {
  const delays = exponentialDelays();
  const inline = (): Queue => new EventQueue<number>();
  const heapjs = (): Queue => new HeapJsEventQueue<number>();
  const warm = Math.min(job.pops, 100_000);
  holdEngine(job.p, warm, delays);
  holdReference(job.p, warm, delays);
  holdQueue(inline, job.p, warm, delays);
  holdQueue(heapjs, job.p, warm, delays);
  const out: HoldResult = { engine: [], reference: [], inlineQueue: [], heapJsQueue: [], bytes: { engine: 0, reference: 0, inlineQueue: 0, heapJsQueue: 0 } };
  let bytes = out.bytes;
  for (let r = 0; r < job.runs; r++) {
    const e = holdEngine(job.p, job.pops, delays);
    const ref = holdReference(job.p, job.pops, delays);
    const i = holdQueue(inline, job.p, job.pops, delays);
    const h = holdQueue(heapjs, job.p, job.pops, delays);
    if (e.finalTime !== ref.finalTime || i.finalTime !== ref.finalTime || h.finalTime !== ref.finalTime) {
      throw new Error(`hold P=${job.p}: the variants ended at different times (${e.finalTime}, ${ref.finalTime}, ${i.finalTime}, ${h.finalTime})`);
    }
    out.engine.push(e.wallMs);
    out.reference.push(ref.wallMs);
    out.inlineQueue.push(i.wallMs);
    out.heapJsQueue.push(h.wallMs);
    bytes = { engine: e.memoryBytes, reference: ref.memoryBytes, inlineQueue: i.memoryBytes, heapJsQueue: h.memoryBytes };
  }
  return { ...out, bytes };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Targets of the hold ratio by pending-set size (issue 14). */
const TARGETS: Readonly<Record<number, number>> = { 100_000: 0.7, 1_000_000: 0.55 };

/** One child per size; rows: the engine's ratio to the reference, and the two queues' ratios to it, run by run. */
export async function runHold(runs: number, sizes: readonly number[] = [1_000, 100_000, 1_000_000], pops = 1_000_000): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const p of sizes) {
    const { payload: r } = runJob<HoldResult>('hold', { p, pops, runs: Math.max(3, runs) });
    const ratio = (xs: number[]): number[] => xs.map((x, i) => r.reference[i]! / x);
    const target = TARGETS[p];
    rows.push({
      name: 'hold/engine',
      workload: `P=${fmt(p)}, ${fmt(pops)} pops, Simulation.schedule + run`,
      runs: ratio(r.engine),
      unit: 'ratio',
      memoryBytes: [r.bytes.engine],
      ...(target === undefined ? {} : { targets: { ratio: target } }),
      detail: `ratio to a bare Float64Array heap in the same process (${(pops / median(r.reference) / 1000).toFixed(2)} M/s; engine ${(pops / median(r.engine) / 1000).toFixed(2)} M/s); memory: retained by the filled queue (reference ${formatBytes(r.bytes.reference)})`,
    });
    rows.push({
      name: 'hold/queues',
      workload: `P=${fmt(p)}, queue alone: inline heap vs heap-js`,
      runs: ratio(r.inlineQueue),
      unit: 'ratio',
      memoryBytes: [r.bytes.inlineQueue],
      detail: `inline heap (the engine's) ${median(ratio(r.inlineQueue)).toFixed(2)}, heap-js queue ${median(ratio(r.heapJsQueue)).toFixed(2)} (min-max ${Math.min(...ratio(r.heapJsQueue)).toFixed(2)}-${Math.max(...ratio(r.heapJsQueue)).toFixed(2)}), memory ${formatBytes(r.bytes.inlineQueue)} vs ${formatBytes(r.bytes.heapJsQueue)}`,
    });
  }
  return rows;
}

/** The suite entry. */
export const holdEntry: BenchEntry = { name: 'hold', run: (runs) => runHold(runs) };
