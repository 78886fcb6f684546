import seedrandom from 'seedrandom';

/**
 * Counter-based random numbers: Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel
 * random numbers: as easy as 1, 2, 3", SC 2011; the generator of Random123, cuRAND and
 * NumPy's `Philox`). A 64-bit key and a 128-bit counter go through ten rounds of a keyed
 * bijection and come out as four 32-bit words; any block can be computed directly, so every
 * entity (host, instance, client, resolver) owns its own stream without storing any state:
 * entity e's k-th uniform is a pure function of (key, e, k). Two words make one uniform with
 * 53 random bits, so one block gives two.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const M0_LO = M0 & 0xffff;
const M0_HI = M0 >>> 16;
const M1_LO = M1 & 0xffff;
const M1_HI = M1 >>> 16;
const TWO_26 = 67_108_864;
const TWO_53_INV = 1 / 9_007_199_254_740_992;

/** High 32 bits of the 64-bit product of uint32 `a` and the constant split as (mh, ml); exact in doubles. */
function mulhi(a: number, mh: number, ml: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const ll = al * ml;
  const lh = al * mh;
  const hl = ah * ml;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (ah * mh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** Philox4x32-10 of counter (c0..c3) under key (k0, k1), written to `out` (four uint32 words). */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let a = k0 >>> 0;
  let b = k1 >>> 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(x0, M0_HI, M0_LO);
    const lo0 = Math.imul(x0, M0) >>> 0;
    const hi1 = mulhi(x2, M1_HI, M1_LO);
    const lo1 = Math.imul(x2, M1) >>> 0;
    x0 = (hi1 ^ x1 ^ a) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ b) >>> 0;
    x3 = lo0;
    a = (a + W0) >>> 0;
    b = (b + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/** A uniform generator on [0, 1). */
export type UniformStream = () => number;

/**
 * A family of independent streams, one per (entity, substream), derived from a base seed and
 * a family name. The key is seeded from `ephemera:<seed>:<name>` by seedrandom, like the
 * named streams; the counter is (block index, entity, substream, 0). Entities and substreams
 * are integers in [0, 2^32); a stream holds 2^33 uniforms, far beyond any run.
 *
 * Use `uniform(entity, index, sub)` where the caller keeps its own count (millions of clients
 * without one object each), or `stream(entity, sub)` for a stateful generator of one entity.
 */
export class StreamFamily {
  readonly name: string;
  readonly #k0: number;
  readonly #k1: number;
  readonly #out = new Uint32Array(4);
  /** The block in #out: its index, entity and substream (-1: none yet). */
  #block = -1;
  #entity = -1;
  #sub = -1;

  constructor(seed: number, name: string) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.name = name;
    const g = seedrandom.xor4096(`ephemera:${seed}:${name}`);
    this.#k0 = g.int32() >>> 0;
    this.#k1 = g.int32() >>> 0;
  }

  /** The Philox block of counter (c0, c1, entity, sub) under the family's key, into `out`. */
  block(c0: number, c1: number, entity: number, sub: number, out: Uint32Array): void {
    philox4x32(c0, c1, entity, sub, this.#k0, this.#k1, out);
  }

  /**
   * The `index`-th uniform (0-based) on [0, 1) of `entity`'s substream `sub`. A pure
   * function of its arguments; the last block is kept, so reading indices 2k and 2k + 1 in
   * turn costs one block.
   */
  uniform(entity: number, index: number, sub = 0): number {
    const block = Math.floor(index / 2);
    const o = this.#out;
    if (block !== this.#block || entity !== this.#entity || sub !== this.#sub) {
      philox4x32(block >>> 0, Math.floor(block / 4_294_967_296), entity, sub, this.#k0, this.#k1, o);
      this.#block = block;
      this.#entity = entity;
      this.#sub = sub;
    }
    return (index & 1) === 0 ? ((o[0]! >>> 5) * TWO_26 + (o[1]! >>> 6)) * TWO_53_INV : ((o[2]! >>> 5) * TWO_26 + (o[3]! >>> 6)) * TWO_53_INV;
  }

  /**
   * A fast sequential generator for `entity`'s substream `sub`: xoshiro128** (Blackman and
   * Vigna, 2018) started from the Philox block (entity, sub) of the family's key, so it too
   * depends on (seed, name, entity, sub) alone. Two 32-bit outputs make each uniform. For
   * long runs of draws by one entity (a resolver's client phases); `uniform` for random access.
   */
  stream(entity: number, sub = 0): UniformStream {
    const next = this.stream32(entity, sub);
    return () => ((next() >>> 5) * TWO_26 + (next() >>> 6)) * TWO_53_INV;
  }

  /**
   * A keyed 32-bit hash of (entity, sub): one value per entity, computed in a few integer
   * operations (two rounds of murmur3's finaliser over the words and the family's key). For
   * one coarse draw per entity in bulk (a client's failover flag), where a Philox block each
   * would cost more than the rest of the model.
   */
  hash32(entity: number, sub = 0): number {
    let h = Math.imul((entity >>> 0) ^ this.#k0, 0x9e3779b1) ^ Math.imul(Math.floor(entity / 4_294_967_296) ^ sub, 0x85ebca77);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ this.#k1, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The same generator's raw 32-bit outputs (uniform on [0, 2^32)): half the cost per draw, for coarse draws in bulk. */
  stream32(entity: number, sub = 0): () => number {
    const o = new Uint32Array(4);
    philox4x32(0xffffffff, 0xffffffff, entity, sub, this.#k0, this.#k1, o);
    let a = o[0]! | 0;
    let b = o[1]! | 0;
    let c = o[2]! | 0;
    let d = o[3]! | 1; // never the all-zero state
    return (): number => {
      const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return r >>> 0;
    };
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * One substream of a family for a set of entities numbered 0, 1, ...: each entity's draws
 * continue where its last ones stopped, whatever other entities drew in between. Each entity
 * has its own xoshiro128** state (16 bytes, started on first use from the Philox block
 * (entity, sub) of the family's key, as `StreamFamily.stream` does), so a draw costs a few
 * integer operations and 10^5 hosts cost 1.6 MB. `rng(e)` returns a generator positioned on
 * entity e's next uniform; use it at once (the generator is shared, not kept per entity).
 */
export class EntityStreams {
  readonly #family: StreamFamily;
  readonly #sub: number;
  /** Four words per entity; all four zero until the entity's first draw (xoshiro never reaches the all-zero state). */
  #state: Int32Array<ArrayBuffer>;
  #base = 0;
  readonly #next: UniformStream;

  constructor(family: StreamFamily, sub: number, entities = 16) {
    this.#family = family;
    this.#sub = sub;
    const n = Math.max(1, entities);
    this.#state = new Int32Array(4 * n);
    this.#next = () => {
      const st = this.#state;
      const i = this.#base;
      let a = st[i]!;
      let b = st[i + 1]!;
      let c = st[i + 2]!;
      let d = st[i + 3]!;
      // Two steps of xoshiro128**, kept in locals.
      const hi = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const lo = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      st[i] = a;
      st[i + 1] = b;
      st[i + 2] = c;
      st[i + 3] = d;
      return ((hi >>> 5) * TWO_26 + (lo >>> 6)) * TWO_53_INV;
    };
  }

  /** The generator of `entity` (an integer >= 0), at its next unused uniform. */
  rng(entity: number): UniformStream {
    const i = 4 * entity;
    if (i >= this.#state.length) this.#grow(entity + 1);
    const st = this.#state;
    if ((st[i]! | st[i + 1]! | st[i + 2]! | st[i + 3]!) === 0) this.#seed(entity);
    this.#base = i;
    return this.#next;
  }

  #seed(entity: number): void {
    const o = new Uint32Array(4);
    this.#family.block(0xffffffff, 0xfffffffe, entity, this.#sub, o);
    const i = 4 * entity;
    this.#state[i] = o[0]! | 0;
    this.#state[i + 1] = o[1]! | 0;
    this.#state[i + 2] = o[2]! | 0;
    this.#state[i + 3] = o[3]! | 1; // never the all-zero state: it marks the entity seeded
  }

  #grow(n: number): void {
    const m = Math.max(n, (this.#state.length / 4) * 2);
    const state = new Int32Array(4 * m);
    state.set(this.#state);
    this.#state = state;
  }
}
