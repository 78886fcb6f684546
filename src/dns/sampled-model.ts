import { samplePoisson, type StreamFamily } from '../engine/index.js';
import { SUB, expectedQueries, gapMs, pinnedAt, queryRatePerMs, settleMs, primeResolverAndClients, requestsIn, totalRequests, type ClientOutcome, type Disturbance, type ModelInputs } from './models.js';
import { OutcomeLog } from './outcome-log.js';
import { Reach } from './reach.js';
import { RequestProcessor, Uniform } from './request-processor.js';

/** Uniforms of (entity, substream) for window w: indices w 2^32, w 2^32 + 1, ... of its stream. */
function windowStream(f: StreamFamily, entity: number, sub: number, w: number): () => number {
  let k = w * 4_294_967_296;
  return () => f.uniform(entity, k++, sub);
}

/**
 * The first query resolver r's clients that are not simulated send at or after `t`, in
 * window w starting at `ws`: periodic clients from their phases (with a pin, their
 * re-resolution instants, phase and pin age drawn as the full run draws them); Poisson
 * clients as a Poisson process of rate (n - s) / (pin + p), its next point drawn afresh at
 * each question (memoryless: exact for the questions the model asks, which move forward).
 */
function background(inp: ModelInputs, r: number, ws: number, w: number): (resolver: number, t: number) => number {
  const pop = inp.pop;
  const n = pop.count(r);
  const s = pop.simOffsets[r + 1]! - pop.simOffsets[r]!;
  if (n === s) return () => Infinity;
  const p = pop.spec.periodMs;
  const pin = Math.max(0, pop.spec.pinMs);
  if (pop.process === 'poisson') {
    const mean = (pin + p) / (n - s);
    const rng = windowStream(inp.draws, r, SUB.background, w);
    return (_r, t) => Math.ceil(Math.max(t, ws) - mean * Math.log(1 - rng()));
  }
  const { ids, phases } = pop.unsampled(r);
  const period = pin > 0 ? pop.resolveCycleMs : p;
  let psi = phases;
  if (pin > 0) {
    psi = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const at = pinnedAt(inp, ids[k]!, phases[k]!, ws, w);
      psi[k] = ((at % period) + period) % period;
    }
    psi.sort();
  }
  return (_r, t0) => {
    const t = Math.max(t0, ws);
    const x = ((t % period) + period) % period;
    let lo = 0;
    let hi = psi.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (psi[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo < psi.length ? t - x + psi[lo]! : t - x + period + psi[0]!;
  };
}

/**
 * Sampled mode, for large populations: clients are simulated request by request only
 * inside disturbance windows, resolver by resolver, each resolver and client starting in
 * its stationary state (see primeResolverAndClients); outside them every request is served.
 * DNS load is the renewal-theory expectation. Runs at the end of the run, when every
 * address's history is known. Periodic clients request in phase order each period; Poisson
 * clients of a resolver as one Poisson process of rate s / p whose points go to uniformly
 * chosen clients (the superposition of s independent ones). With a sample of clients, each
 * stands for n / s and the others' queries refresh the resolver's cache (`background`).
 */
export function runSampledModel(inp: ModelInputs, disturbances: readonly Disturbance[]): ClientOutcome {
  return new SampledRun(inp).run(disturbances);
}

/**
 * One sampled-mode run (see runSampledModel). Its steps are methods, not closures made per
 * run: V8 keeps a method's optimised code from one replication to the next, while a closure
 * made anew in every replication is compiled again in each once a full collection has
 * dropped the code of the last one.
 */
class SampledRun {
  readonly #inp: ModelInputs;
  readonly #pop: ModelInputs['pop'];
  readonly #log: OutcomeLog;
  readonly #proc: RequestProcessor;
  readonly #versions: ReturnType<ModelInputs['zone']['versions']>;
  readonly #periodMs: number;
  readonly #endMs: number;
  /** Per version + 1: 1 every address serves, 2 none does, 3 some; 0 not yet known at #memoT. */
  readonly #memo: Int8Array;
  #memoT = Number.NaN;
  /** The longest a cached answer lives plus the time for every client to have asked again after a change. */
  readonly #settleMs: number;
  /** After this, nothing changes any more and every stale answer has been refreshed. */
  readonly #frozenAfter: number;
  /** Per resolver: its renewal query rate (per ms). */
  readonly #rates: Float64Array;
  #expected: number;
  #windowRequests = 0;

  constructor(inp: ModelInputs) {
    this.#inp = inp;
    const pop = (this.#pop = inp.pop);
    this.#log = new OutcomeLog(pop.sampled ? { clients: pop.simulated, weighted: true, bucketMs: inp.bucketMs } : { bucketMs: inp.bucketMs });
    this.#log.switchover = inp.switchover;
    this.#proc = new RequestProcessor(pop, inp.zone, inp.name, inp.reach, inp.draws, this.#log);
    this.#periodMs = pop.spec.periodMs;
    this.#versions = inp.zone.versions(inp.name);
    this.#endMs = inp.endMs;
    this.#memo = new Int8Array(this.#versions.length + 1);
    // A re-resolution cycle (periodic), or ten mean gaps (Poisson: all but e^-10 of them).
    this.#settleMs = settleMs(this.#proc);
    // Once nothing changes any more and every stale answer has been refreshed, each client
    // keeps its answer: one that cannot work fails every remaining request.
    this.#frozenAfter = inp.lastChangeMs + this.#settleMs;
    // DNS load: the renewal expectation of every resolver over the run, less the spans the
    // windows simulate, where their queries are counted instead (per bucket and in total).
    this.#rates = new Float64Array(pop.spec.resolvers);
    let rateSum = 0;
    for (let r = 0; r < pop.spec.resolvers; r++) rateSum += this.#rates[r] = queryRatePerMs(inp, r);
    this.#log.queryRate(inp.startMs, this.#endMs, rateSum);
    this.#expected = expectedQueries(inp);
  }

  run(disturbances: readonly Disturbance[]): ClientOutcome {
    const inp = this.#inp;
    const pop = this.#pop;
    if (disturbances.length > 0) this.#log.reserve(pop.simulated);
    const windows = mergeDisturbances(disturbances, this.#settleMs);
    for (let w = 0; w < windows.length; w++) this.#window(windows[w]!, w);
    const proc = this.#proc;
    proc.background = undefined;
    return {
      log: this.#log, dnsQueries: this.#expected + proc.queries, requests: totalRequests(inp), clientMs: pop.spec.clients * (this.#endMs - inp.startMs),
      window: { requests: this.#windowRequests, queries: proc.queries }, settleMs: this.#settleMs,
    };
  }

  /** Whether every address of version v serves at t (1), none does (2) or some (3); memoised for one t at a time. */
  #state(v: number, t: number): number {
    const memo = this.#memo;
    if (t !== this.#memoT) {
      memo.fill(0);
      this.#memoT = t;
    }
    const k = v + 1;
    if (memo[k] === 0) {
      const ver = this.#versions[v];
      let serving = 0;
      for (const a of ver?.addresses ?? []) if (this.#inp.reach.reach(a, t) === Reach.Service) serving++;
      const n = ver?.addresses.length ?? 0;
      memo[k] = n > 0 && serving === n ? 1 : serving === 0 ? 2 : 3;
    }
    return memo[k]!;
  }

  /** When no client of [from, to) can reach a server at t: logs each one's remaining requests as failing to the end, and returns true. */
  #frozenOutcome(from: number, to: number, t: number, w: number): boolean {
    const inp = this.#inp;
    const pop = this.#pop;
    const proc = this.#proc;
    const p = this.#periodMs;
    const end = this.#endMs;
    for (let c = from; c < to; c++) if (this.#state(proc.versionOf(c), t) !== 2) return false;
    for (let c = from; c < to; c++) {
      const left = pop.process === 'periodic'
        ? requestsIn(pop.phaseMs[c]!, p, t + p, end)
        : samplePoisson(Math.max(0, end - t - p) / p, windowStream(inp.draws, pop.idOf(c), SUB.frozen, w));
      if (left === 0) continue;
      const weight = pop.weight[pop.resolverOf[c]!]!;
      const first = this.#versions[proc.versionOf(c)]?.addresses[0];
      this.#log.failingToEnd(c, t + p, end, weight, left, first !== undefined && inp.reach.reach(first, t) === Reach.Foreign);
    }
    return true;
  }

  /** Whether resolver r and its clients [from, to) all hold answers that serve at t (only this resolver's clients can be failing while its window runs). */
  #settled(r: number, from: number, to: number, t: number): boolean {
    const proc = this.#proc;
    if (proc.failingNow > 0 || this.#state(proc.cachedBy(r), t) !== 1) return false;
    if (proc.pins) for (let c = from; c < to; c++) if (this.#state(proc.versionOf(c), t) !== 1) return false;
    return true;
  }

  /** Period-boundary check at `base` of resolver r's part of window w (disturbance d): true when the window is over for it. */
  #done(r: number, from: number, to: number, base: number, d: Disturbance, w: number): boolean {
    if (base >= this.#frozenAfter && this.#frozenOutcome(from, to, base, w)) return true;
    return base >= d.recoveredMs && this.#settled(r, from, to, base);
  }

  /** Window w (disturbance d, merged), resolver by resolver. */
  #window(d: Disturbance, w: number): void {
    const ws = Math.max(d.startMs, this.#inp.startMs);
    if (ws >= this.#endMs) return;
    const pop = this.#pop;
    for (let r = 0; r < pop.spec.resolvers; r++) {
      const from = pop.simOffsets[r]!;
      const to = pop.simOffsets[r + 1]!;
      if (from !== to) this.#resolverWindow(r, from, to, ws, d, w);
    }
  }

  /** Resolver r's clients [from, to) from `ws` until the window is over for them, then its query rate from there. */
  #resolverWindow(r: number, from: number, to: number, ws: number, d: Disturbance, w: number): void {
    const inp = this.#inp;
    const pop = this.#pop;
    const proc = this.#proc;
    const log = this.#log;
    const p = this.#periodMs;
    const end = this.#endMs;
    proc.background = pop.sampled ? background(inp, r, ws, w) : undefined;
    primeResolverAndClients(proc, inp, r, ws, w);
    /** Where this resolver's window stopped: its queries in [ws, stop) were counted. */
    let stop = end;
    if (pop.process === 'periodic') {
      const phase = pop.phaseMs;
      for (let base = Math.floor(ws / p) * p; base < end; base += p) {
        // A whole period in which every client's request gets the same answer goes in bulk.
        const same = base >= ws && base + p <= end ? proc.uniformPeriod(r, from, to, base, base + p, phase) : Uniform.Mixed;
        if (same !== Uniform.Mixed) {
          proc.period(r, from, to, base, phase, same);
          this.#windowRequests += to - from;
        } else {
          for (let c = from; c < to; c++) {
            const t = base + phase[c]!;
            if (t >= ws && t < end) {
              proc.request(c, t);
              this.#windowRequests++;
            }
          }
        }
        if (this.#done(r, from, to, base, d, w)) {
          stop = Math.min(end, base + p);
          break;
        }
      }
    } else {
      const s = to - from;
      const arrivals = windowStream(inp.draws, r, SUB.arrivals, w);
      let check = Math.floor(ws / p) * p + p;
      for (let t = ws; ;) {
        t -= (p / s) * Math.log(1 - arrivals());
        const at = Math.ceil(t);
        if (at >= end) break;
        let over = false;
        for (; check <= at && !over; check += p) over = this.#done(r, from, to, check - p, d, w);
        if (over) {
          stop = at;
          break;
        }
        proc.request(from + Math.min(s - 1, Math.floor(arrivals() * s)), at);
        this.#windowRequests++;
      }
    }
    proc.closeOpen(end, from, to);
    // Counted in [ws, stop). The window stopped just after a refresh (that is how it settles),
    // so from there on each record is a renewal process from its known expiry: its next query
    // comes a gap after it, then one per cycle; at a rate of one per cycle from half a cycle
    // before that first query, the expected count is right (the stationary rate from `stop`
    // would count the refresh just made again, on average half a query per resolver).
    const rate = this.#rates[r]!;
    log.queryRate(ws, end, -rate);
    this.#expected -= rate * Math.max(0, end - ws);
    if (stop < end) {
      for (let i = 0; i < proc.chainLength; i++) {
        const life = proc.recordLifetimeMs(r, i);
        const gap = gapMs(pop, r, life);
        const cycle = life + gap;
        const e = proc.expiresAt(r, i);
        const next = Number.isFinite(e) ? Math.max(stop, e + gap - cycle / 2) : stop;
        log.queryRate(next, end, 1 / cycle);
        this.#expected += Math.max(0, end - next) / cycle;
      }
    }
  }
}

/** Joins disturbances closer than `settleMs`, the longest a stale answer can survive (so each window starts in a quiet state). */
function mergeDisturbances(ds: readonly Disturbance[], settleMs: number): Disturbance[] {
  const sorted = [...ds].sort((a, b) => a.startMs - b.startMs);
  const out: Disturbance[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && d.startMs <= last.recoveredMs + settleMs) {
      out[out.length - 1] = { startMs: last.startMs, recoveredMs: Math.max(last.recoveredMs, d.recoveredMs) };
    } else out.push(d);
  }
  return out;
}
