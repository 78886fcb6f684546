import { sampleBinomial, type Distribution, type StreamFamily } from '../engine/index.js';

/** How clients space their requests. */
export type RequestProcess = 'periodic' | 'poisson';

/** The clients and resolvers a scenario declares (times in ms). */
export interface PopulationSpec {
  readonly clients: number;
  /** Each client sends one request every `periodMs` (periodic: at its own random phase; poisson: on average). */
  readonly periodMs: number;
  /** `periodic` (the default) or `poisson` (exponential gaps of mean periodMs). */
  readonly process?: RequestProcess;
  /** How long a client (browser, OS) keeps an answer, whatever its TTL; 0 = asks every time. */
  readonly pinMs: number;
  /** Share of clients that try the next A record after `timeoutMs` when one does not answer. */
  readonly failoverShare: number;
  readonly timeoutMs: number;
  readonly resolvers: number;
  /** Share of resolvers that keep answers beyond the TTL, and by how much (drawn per resolver). */
  readonly overstayShare: number;
  readonly overstay: Distribution;
  /** Simulate only this many clients of each resolver (at most), each standing for n / sampled of them. */
  readonly samplePerResolver?: number | undefined;
}

/** Substreams of the `dns.population` family. */
const SUB = { counts: 0, overstay: 1, phases: 2, sample: 3, failover: 4 } as const;

/**
 * Clients and resolvers as compact arrays, laid out by resolver: resolver r's clients are
 * numbered offsets[r] .. offsets[r+1] - 1 (the full population), so one resolver's clients
 * sit side by side in every per-client array. Built in linear time: the clients are split
 * between resolvers as a multinomial (each picking one, or conditional binomials when there
 * are many per resolver), each resolver's phases are
 * drawn already sorted (normalised exponential spacings: the order statistics of uniforms),
 * then each client's failover, all from the resolver's own streams.
 *
 * With `samplePerResolver`, only a seeded simple random sample of each resolver's clients is
 * simulated (Floyd's algorithm, kept in phase order); the others are known only by
 * their phases, regenerated on demand (`phasesOf`), so the resolvers see every client's
 * queries. `simulated` clients are numbered 0 .. simulated - 1, resolver by resolver;
 * `idOf` gives a simulated client's number in the full population (its random streams).
 */
export class Population {
  readonly spec: PopulationSpec;
  readonly process: RequestProcess;
  /** Full population: resolver r's clients are [offsets[r], offsets[r + 1]). */
  readonly offsets: Float64Array;
  readonly overstayMs: Float64Array;
  /** Simulated clients of resolver r: [simOffsets[r], simOffsets[r + 1]). */
  readonly simOffsets: Int32Array;
  /** Per simulated client: phase within the period (periodic), failover flag, resolver, full-population number. */
  readonly phaseMs: Float64Array;
  readonly failover: Uint8Array;
  readonly resolverOf: Int32Array;
  readonly #id: Float64Array | undefined;
  /** Per resolver: how many clients each simulated one stands for (1 without sampling). */
  readonly weight: Float64Array;
  readonly #family: StreamFamily;
  readonly #sampleFamily: StreamFamily;

  /**
   * `oneClientPerResolver`: a replay's population (client r behind resolver r); by default
   * clients are spread uniformly. `sampleFamily` draws which clients are simulated (default:
   * `family`): another one samples the same population anew.
   */
  constructor(spec: PopulationSpec, family: StreamFamily, oneClientPerResolver = false, sampleFamily = family) {
    this.spec = spec;
    this.process = spec.process ?? 'periodic';
    this.#family = family;
    this.#sampleFamily = sampleFamily;
    const R = spec.resolvers;
    const counts = new Float64Array(R);
    if (oneClientPerResolver) counts.fill(1);
    else if (spec.clients <= 256 * R) {
      // Few clients per resolver: each picks its resolver (cheaper than R binomials).
      const pick = family.stream32(0, SUB.counts);
      for (let c = 0; c < spec.clients; c++) counts[Math.floor((pick() * R) / 4_294_967_296)]!++;
    } else {
      const split = family.stream(0, SUB.counts);
      let left = spec.clients;
      for (let r = 0; r < R && left > 0; r++) {
        const n = r === R - 1 ? left : sampleBinomial(left, 1 / (R - r), split);
        counts[r] = n;
        left -= n;
      }
    }
    this.offsets = new Float64Array(R + 1);
    for (let r = 0; r < R; r++) this.offsets[r + 1] = this.offsets[r]! + counts[r]!;
    this.overstayMs = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const s = family.stream(r, SUB.overstay);
      this.overstayMs[r] = s() < spec.overstayShare ? Math.round(spec.overstay.sample(s)) : 0;
    }
    const cap = spec.samplePerResolver;
    this.simOffsets = new Int32Array(R + 1);
    this.weight = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const n = counts[r]!;
      const s = cap === undefined ? n : Math.min(n, cap);
      this.simOffsets[r + 1] = this.simOffsets[r]! + s;
      this.weight[r] = s === 0 ? 0 : n / s;
    }
    const S = this.simOffsets[R]!;
    this.phaseMs = new Float64Array(this.process === 'periodic' ? S : 0);
    this.failover = new Uint8Array(S);
    this.resolverOf = new Int32Array(S);
    this.#id = cap === undefined ? undefined : new Float64Array(S);
    let largest = 0;
    for (let r = 0; r < R; r++) largest = Math.max(largest, counts[r]!);
    const phases = new Float64Array(this.process === 'periodic' ? largest : 0);
    for (let r = 0; r < R; r++) {
      const n = counts[r]!;
      const from = this.simOffsets[r]!;
      const to = this.simOffsets[r + 1]!;
      this.resolverOf.fill(r, from, to);
      const picked = this.#sampled(r, n, to - from);
      if (this.process === 'periodic') this.#phases(r, n, phases);
      // A client's failover flag hangs on its number alone, so a sampled client has the
      // flag it has in the full population.
      const threshold = spec.failoverShare * 4_294_967_296;
      for (let i = from; i < to; i++) {
        const j = picked === undefined ? i - from : picked[i - from]!;
        const id = this.offsets[r]! + j;
        if (this.#id !== undefined) this.#id[i] = id;
        if (this.process === 'periodic') this.phaseMs[i] = phases[j]!;
        this.failover[i] = spec.failoverShare > 0 && family.hash32(id, SUB.failover) < threshold ? 1 : 0;
      }
    }
  }

  /** Simulated clients. */
  get simulated(): number {
    return this.simOffsets[this.spec.resolvers]!;
  }

  /** Clients of resolver r in the full population. */
  count(r: number): number {
    return this.offsets[r + 1]! - this.offsets[r]!;
  }

  /** Simulated client i's number in the full population (the entity of its random streams). */
  idOf(i: number): number {
    return this.#id === undefined ? i : this.#id[i]!;
  }

  /** True when only a sample of clients is simulated. */
  get sampled(): boolean {
    return this.#id !== undefined;
  }

  /**
   * Resolver r's clients that are not simulated: their full-population numbers and (periodic)
   * phases, in phase order, regenerated from the resolver's streams (the same as when the
   * population was built).
   */
  unsampled(r: number): { readonly ids: Float64Array; readonly phases: Float64Array } {
    const n = this.count(r);
    const s = this.simOffsets[r + 1]! - this.simOffsets[r]!;
    const picked = this.#sampled(r, n, s);
    if (picked === undefined) return { ids: new Float64Array(0), phases: new Float64Array(0) };
    const periodic = this.process === 'periodic';
    const all = new Float64Array(periodic ? n : 0);
    if (periodic) this.#phases(r, n, all);
    const ids = new Float64Array(n - s);
    const phases = new Float64Array(periodic ? n - s : 0);
    let k = 0;
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (m < picked.length && picked[m] === j) {
        m++;
        continue;
      }
      ids[k] = this.offsets[r]! + j;
      if (periodic) phases[k] = all[j]!;
      k++;
    }
    return { ids, phases };
  }

  /** Interval between a client's re-resolutions: its pin rounded up to whole request periods (at least one); periodic clients. */
  get resolveCycleMs(): number {
    const p = this.spec.periodMs;
    return Math.max(1, Math.ceil(this.spec.pinMs / p)) * p;
  }

  /** Resolver r's n phases, sorted, into out[0..n): floor(p U_(j)) from normalised exponential spacings (32-bit draws). */
  #phases(r: number, n: number, out: Float64Array): void {
    const rng = this.#family.stream32(r, SUB.phases);
    let total = 0;
    for (let j = 0; j < n; j++) {
      total -= Math.log((rng() + 0.5) * 2.3283064365386963e-10);
      out[j] = total;
    }
    total -= Math.log((rng() + 0.5) * 2.3283064365386963e-10);
    const scale = this.spec.periodMs / total;
    const top = this.spec.periodMs - 1;
    for (let j = 0; j < n; j++) out[j] = Math.min(top, Math.floor(out[j]! * scale));
  }

  /** The positions (0..n-1, increasing) of resolver r's sampled clients; undefined when all are simulated. */
  #sampled(r: number, n: number, s: number): Int32Array | undefined {
    if (this.#id === undefined || s === n) return undefined;
    // Floyd's algorithm: s distinct positions, uniformly, in O(s) draws; then in order.
    const rng = this.#sampleFamily.stream(r, SUB.sample);
    const chosen = new Set<number>();
    for (let j = n - s; j < n; j++) {
      const t = Math.floor(rng() * (j + 1));
      chosen.add(chosen.has(t) ? j : t);
    }
    return Int32Array.from(chosen).sort();
  }
}
