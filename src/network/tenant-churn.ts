import { EventQueue, type Distribution, type EventHandle, type Simulation } from '../engine/index.js';
import type { AddressPlane } from './address-plane.js';

export interface ChurnOptions {
  /** Other customers' address takes, per ms (Poisson arrivals). 0 disables the churn. */
  readonly ratePerMs: number;
  /** How long another customer keeps an address, ms. */
  readonly hold: Distribution;
}

/**
 * Other customers of the cloud: they take public addresses from the same pool as ours
 * (Poisson arrivals at `ratePerMs`), keep each for a time drawn from `hold`, and give it
 * back, so an address we release can belong to a stranger minutes later.
 *
 * The pool starts in steady state: round(rate × mean hold) addresses are already held by
 * other customers at time 0 (the mean occupancy of an M/G/∞ queue; capped at the pool's
 * size), each for a remaining time drawn from `hold` (exact for the exponential, whose
 * residual life has the same law; an approximation for other laws). Arrivals that find
 * the pool exhausted are refused and counted.
 *
 * Draws come from one stream (`network.churn`: gaps, then holding times); which address
 * a customer gets is the pool's reuse policy's business. Departures wait in a private
 * queue and the process keeps a single event pending on the simulation.
 */
export class TenantChurn {
  readonly #sim: Simulation;
  readonly #plane: AddressPlane;
  readonly #rng: () => number;
  readonly #options: ChurnOptions;
  readonly #departures = new EventQueue<number>();
  #nextArrival = Infinity;
  #scheduled: EventHandle | undefined;
  #scheduledAt = Infinity;
  /** Arrivals so far (refused ones included), arrivals refused, and addresses given back. */
  arrivals = 0;
  refused = 0;
  departures = 0;

  constructor(sim: Simulation, plane: AddressPlane, rng: () => number, options: ChurnOptions) {
    this.#sim = sim;
    this.#plane = plane;
    this.#rng = rng;
    this.#options = options;
  }

  /** Addresses other customers hold now. */
  get holding(): number {
    return this.#departures.size;
  }

  /** Fills the pool to its steady state and starts the arrivals. Call once, at time 0. */
  start(): void {
    const { ratePerMs, hold } = this.#options;
    if (!(ratePerMs > 0)) return;
    const steady = ratePerMs * hold.mean;
    const initial = Number.isFinite(steady) ? Math.min(Math.round(steady), this.#plane.publicPool.free) : this.#plane.publicPool.free;
    for (let i = 0; i < initial; i++) this.#take();
    this.#nextArrival = this.#sim.now + this.#gap();
    this.#reschedule();
  }

  #gap(): number {
    return -Math.log(1 - this.#rng()) / this.#options.ratePerMs;
  }

  #take(): void {
    // The holding time is drawn even for a refused arrival, so the stream's draws do not
    // depend on the pool's state (common random numbers across variants).
    const holdMs = Math.round(this.#options.hold.sample(this.#rng));
    const ip = this.#plane.tenantTake();
    if (ip === undefined) this.refused++;
    else this.#departures.push(this.#sim.now + holdMs, 0, ip);
  }

  #run(): void {
    this.#scheduled = undefined;
    this.#scheduledAt = Infinity;
    const now = this.#sim.now;
    for (let t = this.#departures.peekTime(); t !== undefined && t <= now; t = this.#departures.peekTime()) {
      this.#plane.tenantGive(this.#departures.pop()!);
      this.departures++;
    }
    while (this.#nextArrival <= now) {
      this.arrivals++;
      this.#take();
      this.#nextArrival += this.#gap();
    }
    this.#reschedule();
  }

  /** Keeps exactly one pending event, at the next departure or arrival. */
  #reschedule(): void {
    const next = Math.min(this.#departures.peekTime() ?? Infinity, Math.ceil(this.#nextArrival));
    if (next === this.#scheduledAt) return;
    if (this.#scheduled !== undefined) this.#sim.cancel(this.#scheduled);
    this.#scheduledAt = next;
    this.#scheduled = Number.isFinite(next) ? this.#sim.at(next, () => this.#run()) : undefined;
  }
}
