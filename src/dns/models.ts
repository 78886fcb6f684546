import type { Simulation, StreamFamily } from '../engine/index.js';
import { OutcomeLog } from './outcome-log.js';
import type { Population } from './population.js';
import type { ReachOracle } from './reach.js';
import { RequestProcessor } from './request-processor.js';
import type { SwitchoverBins } from './switchover-bins.js';
import type { AuthoritativeZone } from './zone.js';

/** A stretch of time during which some client may fail: from a front end's death to its recovery. */
export interface Disturbance {
  readonly startMs: number;
  /** When the authoritative answer reaches the service again (Infinity: never in the run). */
  readonly recoveredMs: number;
}

/** What a DNS model reports at the end of the run. */
export interface ClientOutcome {
  readonly log: OutcomeLog;
  /** Queries the authoritative servers answered (measured, or expected in quiet periods). */
  readonly dnsQueries: number;
  /** Requests sent in the run (every client, every period; expected, for Poisson clients in the sampled mode). */
  readonly requests: number;
  /** Client-time in the run, ms (clients x time since the record was first published). */
  readonly clientMs: number;
  /** Sampled mode: requests simulated inside the disturbance windows and the queries they made the resolvers send. */
  readonly window?: { readonly requests: number; readonly queries: number };
  /** The longest a stale answer can last after a change, ms: the longest lifetime of a cached answer plus the time for every client to ask again. */
  readonly settleMs: number;
}

/** What both models need. */
export interface ModelInputs {
  readonly pop: Population;
  readonly zone: AuthoritativeZone;
  readonly name: string;
  readonly reach: ReachOracle;
  /** The clients' and resolvers' own streams (`dns.clients`). */
  readonly draws: StreamFamily;
  /** Clients start at the first publication of the record; the run ends at `endMs`. */
  readonly startMs: number;
  readonly endMs: number;
  /** After this time no answer changes and no address of ours changes state (the model may stop iterating). */
  readonly lastChangeMs: number;
  /** Count outcomes per bucket of this width (ms) too (the service's accounting interval). */
  readonly bucketMs?: number | undefined;
  /** Requests and their outcomes after each recovery, in log-spaced bins (switchover.csv). */
  readonly switchover?: SwitchoverBins | undefined;
}

/** Substreams of `dns.clients` for the models (CLIENT_SUB.rotation = 0 is the processor's). */
export const SUB = { primeResolver: 1, primeClient: 2, gap: 3, frozen: 4, arrivals: 16, background: 1 << 20 } as const;

/** Requests a periodic client with phase `phase` sends in [from, to), period `p`. */
export function requestsIn(phase: number, p: number, from: number, to: number): number {
  const first = Math.ceil((from - phase) / p);
  const last = Math.ceil((to - phase) / p);
  return Math.max(0, last - first);
}

/** Requests sent in [start, end): exact for periodic clients (every client of the full population), expected for Poisson ones. */
export function totalRequests(inp: ModelInputs): number {
  const { pop } = inp;
  const p = pop.spec.periodMs;
  if (pop.process === 'poisson') return (pop.spec.clients * Math.max(0, inp.endMs - inp.startMs)) / p;
  let n = 0;
  for (let c = 0; c < pop.simulated; c++) n += pop.weight[pop.resolverOf[c]!]! * requestsIn(pop.phaseMs[c]!, p, inp.startMs, inp.endMs);
  return pop.sampled ? Math.round(n) : n;
}

/**
 * Expected wait from a cache expiry to the next re-resolution by one of the resolver's `n`
 * clients, each re-resolving every `cycle` ms at its own uniform phase. The answer was
 * fetched at one client's instant, so that client comes back a = (cycle - life mod cycle)
 * mod cycle after the expiry, the others at uniform offsets: E[min(a, X)] with
 * P(X > x) = (1 - x/cycle)^(n-1), which is cycle/n * (1 - (1 - a/cycle)^n).
 */
export function expectedGap(lifeMs: number, cycle: number, n: number): number {
  const a = (cycle - (lifeMs % cycle)) % cycle;
  return (cycle / n) * (1 - (1 - a / cycle) ** n);
}

/**
 * Wait from an expiry to the resolver's next query for resolver `r` with lifetime `lifeMs`:
 * periodic clients as expectedGap; Poisson clients query as a Poisson process of rate n / p
 * (memoryless: the wait is exponential, mean p / n; with a pin, n / (pin + p) re-resolutions
 * per ms, an approximation).
 */
export function gapMs(pop: Population, r: number, lifeMs: number): number {
  const n = pop.count(r);
  if (n === 0) return Infinity;
  if (pop.process === 'poisson') return (Math.max(0, pop.spec.pinMs) + pop.spec.periodMs) / n;
  return expectedGap(lifeMs, pop.resolveCycleMs, n);
}

/**
 * Expected authoritative queries over [start, end): each resolver refreshes each record of
 * the chain once per cycle of (TTL + its overstay + the wait for its next query after
 * expiry, gapMs). Renewal theory; no events. For Poisson clients this is Jung, Berger and
 * Balakrishnan's λ / (1 + λ T) per record (INFOCOM 2003).
 */
export function expectedQueries(inp: ModelInputs): number {
  const span = Math.max(0, inp.endMs - inp.startMs);
  let q = 0;
  for (let r = 0; r < inp.pop.spec.resolvers; r++) q += span * queryRatePerMs(inp, r);
  return q;
}

/** Resolver `r`'s expected authoritative queries per ms in a quiet period (see expectedQueries; 0 without clients). */
export function queryRatePerMs(inp: ModelInputs, r: number): number {
  if (inp.pop.count(r) === 0) return 0;
  let q = 0;
  for (const rec of inp.zone.chain(inp.name)) {
    const life = rec.ttlMs + inp.pop.overstayMs[r]!;
    q += 1 / (life + gapMs(inp.pop, r, life));
  }
  return q;
}

/**
 * The longest a stale answer can last after a change, ms: the longest any resolver keeps
 * the A answer, plus the time for every client to have asked again (a re-resolution cycle
 * and a period for periodic clients; the pin and ten mean gaps for Poisson ones).
 */
export function settleMs(proc: RequestProcessor): number {
  const pop = proc.pop;
  let maxLife = 0;
  for (let r = 0; r < pop.spec.resolvers; r++) maxLife = Math.max(maxLife, proc.lifetimeMs(r));
  const p = pop.spec.periodMs;
  return maxLife + (pop.process === 'periodic' ? pop.resolveCycleMs + p : Math.max(0, pop.spec.pinMs) + 10 * p);
}

/**
 * Puts resolver `r` and its simulated clients in their state at a random instant `t` of a
 * quiet period (window `w` of the run): the resolver holds an answer fetched uniformly within
 * its lifetime L with probability L / (L + gap), else it is empty; with a pin, each client
 * holds the answer it pinned at one of its re-resolution instants, chosen uniformly within
 * its re-resolution cycle (periodic), or at its renewal age (Poisson: uniform within the pin
 * with probability pin / (pin + p), else pin + Exp(p)). Draws from each one's own stream.
 */
export function primeResolverAndClients(proc: RequestProcessor, inp: ModelInputs, r: number, t: number, w: number): void {
  const pop = inp.pop;
  const from = pop.simOffsets[r]!;
  const to = pop.simOffsets[r + 1]!;
  if (from === to) return;
  const life = proc.lifetimeMs(r);
  const gap = gapMs(pop, r, life);
  const d = inp.draws;
  const holds = d.uniform(r, 2 * w, SUB.primeResolver) < life / (life + gap);
  proc.primeResolver(r, holds ? t - d.uniform(r, 2 * w + 1, SUB.primeResolver) * life : undefined);
  for (let c = from; c < to; c++) proc.primeClient(c, pinnedAt(inp, pop.idOf(c), pop.process === 'periodic' ? pop.phaseMs[c]! : 0, t, w));
}

/** When a client (full-population number `id`, phase for periodic clients) last pinned its answer before `t`, in window `w`. */
export function pinnedAt(inp: ModelInputs, id: number, phase: number, t: number, w: number): number {
  const pop = inp.pop;
  const p = pop.spec.periodMs;
  const pin = pop.spec.pinMs;
  if (pin <= 0) return t;
  const u = inp.draws.uniform(id, 2 * w, SUB.primeClient);
  if (pop.process === 'periodic') {
    const cycle = pop.resolveCycleMs;
    const last = phase + Math.floor((t - phase) / p) * p;
    return last - Math.floor(u * (cycle / p)) * p;
  }
  if (u < pin / (pin + p)) return t - Math.floor((u * (pin + p) / pin) * pin);
  return t - pin - Math.floor(-p * Math.log(1 - inp.draws.uniform(id, 2 * w + 1, SUB.primeClient)));
}

/** Primes every resolver and client at `t` (window 0; see primeResolverAndClients). */
function primeStationary(proc: RequestProcessor, inp: ModelInputs, t: number): void {
  for (let r = 0; r < inp.pop.spec.resolvers; r++) primeResolverAndClients(proc, inp, r, t, 0);
}

/** The next request of a Poisson client (full-population number `id`) after one at `t`: exponential gap, whole ms, from its own stream. */
export function nextPoissonRequest(inp: ModelInputs, id: number, t: number): number {
  const gap = -inp.pop.spec.periodMs * Math.log(1 - inp.draws.uniform(id, t, SUB.gap));
  return Math.max(t + 1, Math.ceil(t + gap));
}

/**
 * Per-request mode: every request of every client is an engine event (one pending event
 * per client), from the record's first publication to the end. Exact and slow: for small
 * populations and for checking the sampled mode. Call before the run; read after it.
 */
export function startPerRequestModel(sim: Simulation, inp: ModelInputs): () => ClientOutcome {
  const log = new OutcomeLog({ bucketMs: inp.bucketMs });
  log.switchover = inp.switchover;
  const proc = new RequestProcessor(inp.pop, inp.zone, inp.name, inp.reach, inp.draws, log);
  const pop = inp.pop;
  const p = pop.spec.periodMs;
  let requests = 0;
  sim.at(inp.startMs, () => {
    primeStationary(proc, inp, inp.startMs);
    for (let c = 0; c < pop.simulated; c++) {
      if (pop.process === 'poisson') {
        const id = pop.idOf(c);
        const tick = (): void => {
          requests++;
          proc.request(c, sim.now);
          const next = nextPoissonRequest(inp, id, sim.now);
          if (next < inp.endMs) sim.at(next, tick);
        };
        // A stationary Poisson process seen from the start: the first request an exponential time later.
        const first = nextPoissonRequest(inp, id, inp.startMs);
        if (first < inp.endMs) sim.at(first, tick);
        continue;
      }
      const phase = pop.phaseMs[c]!;
      const first = phase + Math.ceil((inp.startMs - phase) / p) * p;
      const tick = (): void => {
        requests++;
        proc.request(c, sim.now);
        if (sim.now + p < inp.endMs) sim.schedule(p, tick);
      };
      if (first < inp.endMs) sim.at(first, tick);
    }
  });
  return () => {
    proc.closeOpen(inp.endMs, 0, pop.simulated);
    return { log, dnsQueries: proc.queries, requests: pop.process === 'poisson' ? requests : totalRequests(inp), clientMs: pop.spec.clients * (inp.endMs - inp.startMs), settleMs: settleMs(proc) };
  };
}

/** A resolver query log: per row, when (ms, sorted), which resolver (0..n-1) and which name. */
export interface QueryLog {
  readonly timesMs: readonly number[];
  readonly resolverIds: readonly number[];
  readonly names: readonly string[];
}

/**
 * Replay: every row of a resolver query log is one user's lookup through that resolver,
 * followed by a connection, as an engine event (one pending at a time). Each resolver stands
 * for one client (`inp.pop` has one client per resolver), so outages are per resolver.
 * Rows for other names, and rows before the record is published, are skipped.
 */
export function startReplayModel(sim: Simulation, inp: ModelInputs, log: QueryLog): () => ClientOutcome {
  const out = new OutcomeLog({ bucketMs: inp.bucketMs });
  out.switchover = inp.switchover;
  const proc = new RequestProcessor(inp.pop, inp.zone, inp.name, inp.reach, inp.draws, out);
  const names = new Set(inp.zone.chain(inp.name).map((r) => r.name));
  let requests = 0;
  let i = 0;
  const next = (): void => {
    while (i < log.timesMs.length && (log.timesMs[i]! < inp.startMs || !names.has(log.names[i]!))) i++;
    if (i >= log.timesMs.length || log.timesMs[i]! >= inp.endMs) return;
    const row = i++;
    sim.at(log.timesMs[row]!, () => {
      requests++;
      proc.request(log.resolverIds[row]!, sim.now);
      next();
    });
  };
  sim.at(inp.startMs, () => {
    primeStationary(proc, inp, inp.startMs);
    next();
  });
  return () => {
    proc.closeOpen(inp.endMs, 0, inp.pop.simulated);
    return { log: out, dnsQueries: proc.queries, requests, clientMs: inp.pop.spec.clients * (inp.endMs - inp.startMs), settleMs: settleMs(proc) };
  };
}

export { runSampledModel } from './sampled-model.js';
