import type { Simulation } from '../engine/index.js';
import { OutcomeLog } from './outcome-log.js';
import type { Population } from './population.js';
import { Reach, type ReachOracle } from './reach.js';
import { RequestProcessor } from './request-processor.js';
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
  /** Requests sent in the run (every client, every period). */
  readonly requests: number;
  /** Client-time in the run, ms (clients x time since the record was first published). */
  readonly clientMs: number;
}

/** What both models need. */
export interface ModelInputs {
  readonly pop: Population;
  readonly zone: AuthoritativeZone;
  readonly name: string;
  readonly reach: ReachOracle;
  readonly rng: () => number;
  /** Clients start at the first publication of the record; the run ends at `endMs`. */
  readonly startMs: number;
  readonly endMs: number;
  /** After this time no answer changes and no address of ours changes state (the model may stop iterating). */
  readonly lastChangeMs: number;
  /** Count outcomes per bucket of this width (ms) too (the service's accounting interval). */
  readonly bucketMs?: number | undefined;
}

/** Requests a client with phase `phase` sends in [from, to), period `p`. */
function requestsIn(phase: number, p: number, from: number, to: number): number {
  const first = Math.ceil((from - phase) / p);
  const last = Math.ceil((to - phase) / p);
  return Math.max(0, last - first);
}

function totalRequests(inp: ModelInputs): number {
  let n = 0;
  for (let c = 0; c < inp.pop.spec.clients; c++) n += requestsIn(inp.pop.phaseMs[c]!, inp.pop.spec.periodMs, inp.startMs, inp.endMs);
  return n;
}

/**
 * Per-request mode: every request of every client is an engine event (one pending event
 * per client), from the record's first publication to the end. Exact and slow: for small
 * populations and for checking the sampled mode. Call before the run; read after it.
 */
export function startPerRequestModel(sim: Simulation, inp: ModelInputs): () => ClientOutcome {
  const log = new OutcomeLog(inp.bucketMs);
  const proc = new RequestProcessor(inp.pop, inp.zone, inp.name, inp.reach, inp.rng, log);
  const p = inp.pop.spec.periodMs;
  sim.at(inp.startMs, () => {
    primeStationary(proc, inp, inp.startMs);
    for (let c = 0; c < inp.pop.spec.clients; c++) {
      const phase = inp.pop.phaseMs[c]!;
      const first = phase + Math.ceil((inp.startMs - phase) / p) * p;
      const tick = (): void => {
        proc.request(c, sim.now);
        if (sim.now + p < inp.endMs) sim.schedule(p, tick);
      };
      if (first < inp.endMs) sim.at(first, tick);
    }
  });
  return () => {
    proc.closeOpen(inp.endMs, Array.from({ length: inp.pop.spec.clients }, (_, c) => c));
    return { log, dnsQueries: proc.queries, requests: totalRequests(inp), clientMs: inp.pop.spec.clients * (inp.endMs - inp.startMs) };
  };
}

/**
 * Expected authoritative queries over [start, end): each resolver refreshes each record of
 * the chain once per cycle of (TTL + its overstay + the wait for its next client
 * re-resolution after expiry, see expectedGap). Renewal theory; no events.
 */
export function expectedQueries(inp: ModelInputs): number {
  const chain = inp.zone.chain(inp.name);
  const cycle = inp.pop.resolveCycleMs;
  const span = Math.max(0, inp.endMs - inp.startMs);
  let q = 0;
  for (let r = 0; r < inp.pop.spec.resolvers; r++) {
    const n = inp.pop.offsets[r + 1]! - inp.pop.offsets[r]!;
    if (n === 0) continue;
    for (const rec of chain) {
      const life = rec.ttlMs + inp.pop.overstayMs[r]!;
      q += span / (life + expectedGap(life, cycle, n));
    }
  }
  return q;
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
 * Sampled mode, for large populations: clients are simulated request by request only
 * inside disturbance windows, each resolver and client starting in its stationary state
 * (a resolver holds an answer fetched uniformly within its lifetime with probability
 * L / (L + gap), a client its answer pinned at a uniformly chosen re-resolution instant);
 * outside them every request is served. DNS load is the renewal-theory expectation.
 * Runs at the end of the run, when every address's history is known.
 */
export function runSampledModel(inp: ModelInputs, disturbances: readonly Disturbance[]): ClientOutcome {
  const log = new OutcomeLog(inp.bucketMs);
  const proc = new RequestProcessor(inp.pop, inp.zone, inp.name, inp.reach, inp.rng, log);
  const { pop } = inp;
  const p = pop.spec.periodMs;
  const cycle = pop.resolveCycleMs;
  const versions = inp.zone.versions(inp.name);
  const valid = (v: number, t: number): boolean => {
    const ver = versions[v];
    return ver !== undefined && ver.addresses.length > 0 && ver.addresses.every((a) => inp.reach.reach(a, t) === Reach.Service);
  };
  let maxLife = 0;
  for (let r = 0; r < pop.spec.resolvers; r++) maxLife = Math.max(maxLife, proc.lifetimeMs(r));
  // Once nothing changes any more and every stale answer has been refreshed, each client
  // keeps its answer: one that cannot work fails every remaining request.
  const frozenAfter = inp.lastChangeMs + maxLife + cycle + p;
  const frozenOutcome = (clients: Int32Array, t: number): boolean => {
    if (!clients.every((c) => !valid(proc.held(c).version, t) && versions[proc.held(c).version]?.addresses.every((a) => inp.reach.reach(a, t) !== Reach.Service) !== false)) return false;
    for (const c of clients) {
      const left = requestsIn(pop.phaseMs[c]!, p, t + p, inp.endMs);
      const first = versions[proc.held(c).version]?.addresses[0];
      const foreign = first !== undefined && inp.reach.reach(first, t) === Reach.Foreign;
      if (left > 0) log.failingToEnd(t + p, pop.phaseMs[c]!, p, inp.endMs, foreign);
    }
    return true;
  };
  for (const d of mergeDisturbances(disturbances, proc, pop)) {
    const ws = Math.max(d.startMs, inp.startMs);
    if (ws >= inp.endMs) continue;
    for (let r = 0; r < pop.spec.resolvers; r++) {
      const clients = pop.clientsOf(r);
      if (clients.length === 0) continue;
      primeResolverAndClients(proc, inp, r, ws);
      let t = 0;
      for (let base = Math.floor(ws / p) * p; ; base += p) {
        for (const c of clients) {
          t = base + pop.phaseMs[c]!;
          if (t >= ws && t < inp.endMs) proc.request(c, t);
        }
        if (t >= inp.endMs || base >= inp.endMs) break;
        if (base >= frozenAfter && frozenOutcome(clients, base)) break;
        if (base < d.recoveredMs) continue;
        // Done when the resolver and every client hold an answer that works and nobody is failing.
        const settled = valid(proc.cachedBy(r), base) && clients.every((c) => !proc.failing(c) && valid(proc.held(c).version, base));
        if (settled) break;
      }
      proc.closeOpen(inp.endMs, clients);
    }
  }
  return { log, dnsQueries: expectedQueries(inp), requests: totalRequests(inp), clientMs: pop.spec.clients * (inp.endMs - inp.startMs) };
}

/**
 * Puts resolver `r` and its clients in their state at a random instant `t` of a quiet
 * period: the resolver holds an answer fetched uniformly within its lifetime L with
 * probability L / (L + gap), else it is empty; each client holds the answer it pinned at
 * one of its re-resolution instants, chosen uniformly within its re-resolution cycle.
 */
function primeResolverAndClients(proc: RequestProcessor, inp: ModelInputs, r: number, t: number): void {
  const pop = inp.pop;
  const p = pop.spec.periodMs;
  const cycle = pop.resolveCycleMs;
  const clients = pop.clientsOf(r);
  if (clients.length === 0) return;
  const life = proc.lifetimeMs(r);
  const gap = expectedGap(life, cycle, clients.length);
  proc.primeResolver(r, inp.rng() < life / (life + gap) ? t - inp.rng() * life : undefined);
  for (const c of clients) {
    const last = pop.phaseMs[c]! + Math.floor((t - pop.phaseMs[c]!) / p) * p;
    proc.primeClient(c, last - Math.floor(inp.rng() * (cycle / p)) * p);
  }
}

/** Primes every resolver and client at `t` (see primeResolverAndClients). */
function primeStationary(proc: RequestProcessor, inp: ModelInputs, t: number): void {
  for (let r = 0; r < inp.pop.spec.resolvers; r++) primeResolverAndClients(proc, inp, r, t);
}

/** Joins disturbances closer than the longest time a stale answer can survive (so each window starts in a quiet state). */
function mergeDisturbances(ds: readonly Disturbance[], proc: RequestProcessor, pop: Population): Disturbance[] {
  let maxLife = 0;
  for (let r = 0; r < pop.spec.resolvers; r++) maxLife = Math.max(maxLife, proc.lifetimeMs(r));
  const settle = maxLife + pop.resolveCycleMs + pop.spec.periodMs;
  const sorted = [...ds].sort((a, b) => a.startMs - b.startMs);
  const out: Disturbance[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && d.startMs <= last.recoveredMs + settle) {
      out[out.length - 1] = { startMs: last.startMs, recoveredMs: Math.max(last.recoveredMs, d.recoveredMs) };
    } else out.push(d);
  }
  return out;
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
  const out = new OutcomeLog(inp.bucketMs);
  const proc = new RequestProcessor(inp.pop, inp.zone, inp.name, inp.reach, inp.rng, out);
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
    proc.closeOpen(inp.endMs, Array.from({ length: inp.pop.spec.clients }, (_, c) => c));
    return { log: out, dnsQueries: proc.queries, requests, clientMs: inp.pop.spec.clients * (inp.endMs - inp.startMs) };
  };
}
