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
  const pop = inp.pop;
  const log = new OutcomeLog(pop.sampled ? { clients: pop.simulated, weighted: true, bucketMs: inp.bucketMs } : { bucketMs: inp.bucketMs });
  if (disturbances.length > 0) log.reserve(pop.simulated);
  log.switchover = inp.switchover;
  const proc = new RequestProcessor(pop, inp.zone, inp.name, inp.reach, inp.draws, log);
  const p = pop.spec.periodMs;
  const versions = inp.zone.versions(inp.name);
  const end = inp.endMs;
  /** Whether every address of version v serves at t, and whether none does (memoised for one t at a time). */
  let memoT = Number.NaN;
  const memo = new Int8Array(versions.length + 1);
  const state = (v: number, t: number): number => {
    if (t !== memoT) {
      memo.fill(0);
      memoT = t;
    }
    const k = v + 1;
    if (memo[k] === 0) {
      const ver = versions[v];
      let serving = 0;
      for (const a of ver?.addresses ?? []) if (inp.reach.reach(a, t) === Reach.Service) serving++;
      const n = ver?.addresses.length ?? 0;
      memo[k] = n > 0 && serving === n ? 1 : serving === 0 ? 2 : 3; // 1 all serve, 2 none, 3 some
    }
    return memo[k]!;
  };
  // The longest lifetime of a cached answer and the time for every client to have asked
  // again after a change: a re-resolution cycle (periodic), or ten mean gaps (Poisson: all
  // but e^-10 of them).
  const settle = settleMs(proc);
  // Once nothing changes any more and every stale answer has been refreshed, each client
  // keeps its answer: one that cannot work fails every remaining request.
  const frozenAfter = inp.lastChangeMs + settle;
  // DNS load: the renewal expectation of every resolver over the run, less the spans the
  // windows simulate, where their queries are counted instead (per bucket and in total).
  const rates = new Float64Array(pop.spec.resolvers);
  let rateSum = 0;
  for (let r = 0; r < pop.spec.resolvers; r++) rateSum += rates[r] = queryRatePerMs(inp, r);
  log.queryRate(inp.startMs, end, rateSum);
  let expected = expectedQueries(inp);
  const frozenOutcome = (from: number, to: number, t: number, w: number): boolean => {
    for (let c = from; c < to; c++) if (state(proc.versionOf(c), t) !== 2) return false;
    for (let c = from; c < to; c++) {
      const left = pop.process === 'periodic'
        ? requestsIn(pop.phaseMs[c]!, p, t + p, end)
        : samplePoisson(Math.max(0, end - t - p) / p, windowStream(inp.draws, pop.idOf(c), SUB.frozen, w));
      if (left === 0) continue;
      const weight = pop.weight[pop.resolverOf[c]!]!;
      const first = versions[proc.versionOf(c)]?.addresses[0];
      log.failingToEnd(c, t + p, end, weight, left, first !== undefined && inp.reach.reach(first, t) === Reach.Foreign);
    }
    return true;
  };
  // Only this resolver's clients can be failing while its window runs (the others were closed).
  const settled = (r: number, from: number, to: number, t: number): boolean => {
    if (proc.failingNow > 0 || state(proc.cachedBy(r), t) !== 1) return false;
    if (proc.pins) for (let c = from; c < to; c++) if (state(proc.versionOf(c), t) !== 1) return false;
    return true;
  };
  let windowRequests = 0;
  mergeDisturbances(disturbances, settle).forEach((d, w) => {
    const ws = Math.max(d.startMs, inp.startMs);
    if (ws >= end) return;
    for (let r = 0; r < pop.spec.resolvers; r++) {
      const from = pop.simOffsets[r]!;
      const to = pop.simOffsets[r + 1]!;
      if (from === to) continue;
      proc.background = pop.sampled ? background(inp, r, ws, w) : undefined;
      primeResolverAndClients(proc, inp, r, ws, w);
      /** Period-boundary checks: true when the window is over for this resolver. */
      const done = (base: number): boolean => {
        if (base >= frozenAfter && frozenOutcome(from, to, base, w)) return true;
        return base >= d.recoveredMs && settled(r, from, to, base);
      };
      /** Where this resolver's window stopped: its queries in [ws, stop) were counted. */
      let stop = end;
      if (pop.process === 'periodic') {
        const phase = pop.phaseMs;
        for (let base = Math.floor(ws / p) * p; base < end; base += p) {
          // A whole period in which every client's request gets the same answer goes in bulk.
          const same = base >= ws && base + p <= end ? proc.uniformPeriod(r, from, to, base, base + p, phase) : Uniform.Mixed;
          if (same !== Uniform.Mixed) {
            proc.period(r, from, to, base, phase, same);
            windowRequests += to - from;
          } else {
            for (let c = from; c < to; c++) {
              const t = base + phase[c]!;
              if (t >= ws && t < end) {
                proc.request(c, t);
                windowRequests++;
              }
            }
          }
          if (done(base)) {
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
          for (; check <= at && !over; check += p) over = done(check - p);
          if (over) {
            stop = at;
            break;
          }
          proc.request(from + Math.min(s - 1, Math.floor(arrivals() * s)), at);
          windowRequests++;
        }
      }
      proc.closeOpen(end, from, to);
      // Counted in [ws, stop). The window stopped just after a refresh (that is how it settles),
      // so from there on each record is a renewal process from its known expiry: its next query
      // comes a gap after it, then one per cycle; at a rate of one per cycle from half a cycle
      // before that first query, the expected count is right (the stationary rate from `stop`
      // would count the refresh just made again, on average half a query per resolver).
      log.queryRate(ws, end, -rates[r]!);
      expected -= rates[r]! * Math.max(0, end - ws);
      if (stop < end) {
        for (let i = 0; i < proc.chainLength; i++) {
          const life = proc.recordLifetimeMs(r, i);
          const gap = gapMs(pop, r, life);
          const cycle = life + gap;
          const e = proc.expiresAt(r, i);
          const next = Number.isFinite(e) ? Math.max(stop, e + gap - cycle / 2) : stop;
          log.queryRate(next, end, 1 / cycle);
          expected += Math.max(0, end - next) / cycle;
        }
      }
    }
  });
  proc.background = undefined;
  return {
    log, dnsQueries: expected + proc.queries, requests: totalRequests(inp), clientMs: pop.spec.clients * (end - inp.startMs),
    window: { requests: windowRequests, queries: proc.queries }, settleMs: settle,
  };
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
