import type { Distribution } from '../engine/index.js';

/** The clients and resolvers a scenario declares (times in ms). */
export interface PopulationSpec {
  readonly clients: number;
  /** Each client sends one request every `periodMs`, at its own random phase. */
  readonly periodMs: number;
  /** How long a client (browser, OS) keeps an answer, whatever its TTL; 0 = asks every time. */
  readonly pinMs: number;
  /** Share of clients that try the next A record after `timeoutMs` when one does not answer. */
  readonly failoverShare: number;
  readonly timeoutMs: number;
  readonly resolvers: number;
  /** Share of resolvers that keep answers beyond the TTL, and by how much (drawn per resolver). */
  readonly overstayShare: number;
  readonly overstay: Distribution;
}

/**
 * Clients and resolvers as compact arrays: each client's resolver (uniform), phase within
 * the request period, and whether it fails over; each resolver's overstay. Clients are
 * listed per resolver in phase order, so one period's requests through a resolver come in
 * time order without sorting (`offsets` indexes `order`, CSR style).
 */
export class Population {
  readonly spec: PopulationSpec;
  readonly phaseMs: Float64Array;
  readonly failover: Uint8Array;
  readonly resolverOf: Int32Array;
  readonly overstayMs: Float64Array;
  /** Clients grouped by resolver, each group in phase order: resolver r's are order[offsets[r] .. offsets[r+1]). */
  readonly order: Int32Array;
  readonly offsets: Int32Array;

  /** `assign` fixes each client's resolver (a replay: one client per resolver); by default it is uniform. */
  constructor(spec: PopulationSpec, rng: () => number, assign?: (client: number) => number) {
    this.spec = spec;
    const n = spec.clients;
    this.phaseMs = new Float64Array(n);
    this.failover = new Uint8Array(n);
    this.resolverOf = new Int32Array(n);
    const counts = new Int32Array(spec.resolvers + 1);
    for (let c = 0; c < n; c++) {
      this.resolverOf[c] = assign === undefined ? Math.floor(rng() * spec.resolvers) : assign(c);
      this.phaseMs[c] = Math.floor(rng() * spec.periodMs);
      this.failover[c] = rng() < spec.failoverShare ? 1 : 0;
      counts[this.resolverOf[c]! + 1]!++;
    }
    this.overstayMs = new Float64Array(spec.resolvers);
    for (let r = 0; r < spec.resolvers; r++) {
      this.overstayMs[r] = rng() < spec.overstayShare ? Math.round(spec.overstay.sample(rng)) : 0;
    }
    this.offsets = new Int32Array(spec.resolvers + 1);
    for (let r = 0; r < spec.resolvers; r++) this.offsets[r + 1] = this.offsets[r]! + counts[r + 1]!;
    const fill = this.offsets.slice(0, spec.resolvers);
    this.order = new Int32Array(n);
    for (let c = 0; c < n; c++) this.order[fill[this.resolverOf[c]!]!++] = c;
    for (let r = 0; r < spec.resolvers; r++) {
      const group = this.order.subarray(this.offsets[r], this.offsets[r + 1]);
      group.sort((a, b) => this.phaseMs[a]! - this.phaseMs[b]! || a - b);
    }
  }

  /** Clients of resolver `r`, in phase order. */
  clientsOf(r: number): Int32Array {
    return this.order.subarray(this.offsets[r], this.offsets[r + 1]);
  }

  /** Interval between a client's re-resolutions: its pin rounded up to whole request periods (at least one). */
  get resolveCycleMs(): number {
    const p = this.spec.periodMs;
    return Math.max(1, Math.ceil(this.spec.pinMs / p)) * p;
  }
}
