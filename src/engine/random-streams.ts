import seedrandom from 'seedrandom';
import { StreamFamily } from './counter-random.js';

/** A uniform generator on [0, 1). */
export type RandomStream = () => number;

/**
 * Named, independent random streams derived from one seed. `stream("faults.hardware")`
 * is a seedrandom xor4096 generator seeded from (seed, name): adding a stream never
 * changes the draws of another, so two variants of a scenario see the same failures
 * (common random numbers). The same name always returns the same generator object.
 */
export class RandomStreams {
  readonly seed: number;
  readonly #streams = new Map<string, RandomStream>();
  readonly #families = new Map<string, StreamFamily>();

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.seed = seed;
  }

  /** The stream called `name`, created on first use. */
  stream(name: string): RandomStream {
    let s = this.#streams.get(name);
    if (s === undefined) {
      s = seedrandom.xor4096(`ephemera:${this.seed}:${name}`);
      this.#streams.set(name, s);
    }
    return s;
  }

  /**
   * The family of per-entity streams called `name` (see StreamFamily): entity e of family
   * `faults.hardware` draws the same numbers whatever any other entity does, so a change to
   * one host's history leaves every other host's draws alone.
   */
  family(name: string): StreamFamily {
    let f = this.#families.get(name);
    if (f === undefined) {
      f = new StreamFamily(this.seed, name);
      this.#families.set(name, f);
    }
    return f;
  }
}

/**
 * Derives the seed of replication `index` from a base seed: a pure function, so
 * replication i of every variant uses the same streams.
 */
export function replicationSeed(baseSeed: number, index: number): number {
  if (index === 0) return baseSeed;
  const g = seedrandom.xor4096(`ephemera:replication:${baseSeed}:${index}`);
  return g.int32() >>> 0;
}
