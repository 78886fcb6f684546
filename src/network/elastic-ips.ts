import type { EventBus, EventHandle, Simulation } from '../engine/index.js';
import type { AddressRef } from '../cloud/ec2-command-types.js';
import { Ec2ApiError } from '../cloud/images.js';
import type { Instance } from '../cloud/instance.js';
import type { AddressPlane } from './address-plane.js';
import type { NetworkEvents, UnmapReason } from './events.js';
import { formatIpv4, parseIpv4 } from './ipv4.js';

/** One elastic IP of our account (`@eip.<index>`, in allocation order). */
export interface ElasticIp {
  readonly index: number;
  readonly ip: number;
  /** Dotted quad. */
  readonly address: string;
  readonly allocatedMs: number;
  releasedMs: number | undefined;
  /** The instance the address reaches now, if any. */
  instance: Instance | undefined;
  /** A requested remap not yet in force. */
  pending: { readonly instance: Instance; readonly requestedMs: number; readonly effectiveMs: number; readonly handle: EventHandle } | undefined;
}

export interface ElasticIpOptions {
  /** Time from ec2-associate-address to the mapping taking effect, ms ("a couple of minutes" in 2008). */
  readonly remapDelayMs: number;
  /** Elastic IPs an account may hold at once (5 by default in 2008). */
  readonly limit: number;
}

/**
 * Elastic IPs (March 2008): static public addresses of the account, mapped by 1:1 NAT to
 * one instance at a time. A remap (associate) takes effect after a delay; until then the
 * old mapping, if any, stays. Mapping an address to an instance returns the instance's
 * dynamic public address to the pool; unmapping gives the instance a new dynamic one. When
 * the instance terminates, the address stays allocated, mapped to nothing (and billed as
 * idle). Refusals are Ec2ApiErrors with EC2's codes.
 */
export class ElasticIps {
  readonly #sim: Simulation;
  readonly #bus: EventBus<NetworkEvents>;
  readonly #plane: AddressPlane;
  readonly #options: ElasticIpOptions;
  readonly #all: ElasticIp[] = [];
  readonly #byInstance = new Map<Instance, ElasticIp>();

  constructor(sim: Simulation, bus: EventBus<NetworkEvents>, plane: AddressPlane, options: ElasticIpOptions) {
    this.#sim = sim;
    this.#bus = bus;
    this.#plane = plane;
    this.#options = options;
  }

  /** Every elastic IP allocated in the run, in allocation order (released ones included). */
  get all(): readonly ElasticIp[] {
    return this.#all;
  }

  /** The elastic IP mapped to `inst`, if any. */
  of(inst: Instance): ElasticIp | undefined {
    return this.#byInstance.get(inst);
  }

  /** ec2-allocate-address. @throws Ec2ApiError AddressLimitExceeded, InsufficientAddressCapacity */
  allocate(): ElasticIp {
    const held = this.#all.filter((e) => e.releasedMs === undefined).length;
    if (held >= this.#options.limit) throw new Ec2ApiError('AddressLimitExceeded', `the account already holds ${held} elastic IP(s), its limit`);
    const index = this.#all.length;
    const ip = this.#plane.allocateElastic(index);
    if (ip === undefined) throw new Ec2ApiError('InsufficientAddressCapacity', `the public pool ${this.#plane.publicPool.cidr.text} has no free address`);
    const eip: ElasticIp = { index, ip, address: formatIpv4(ip), allocatedMs: this.#sim.now, releasedMs: undefined, instance: undefined, pending: undefined };
    this.#all.push(eip);
    this.#bus.emit('eip.allocated', this.#event(eip));
    return eip;
  }

  /** The elastic IP a reference names (`@eip.N` or its address). @throws Ec2ApiError InvalidAddress.NotFound */
  resolve(ref: AddressRef): ElasticIp {
    const eip = ref.kind === 'eip' ? this.#all[ref.index] : this.#all.find((e) => e.ip === parseIpv4(ref.ip) && e.releasedMs === undefined);
    if (eip === undefined || eip.releasedMs !== undefined) {
      const text = ref.kind === 'eip' ? `@eip.${ref.index}` : ref.ip;
      throw new Ec2ApiError('InvalidAddress.NotFound', `${text} is not an elastic IP of this account${eip?.releasedMs !== undefined ? ' (it was released)' : ''}`);
    }
    return eip;
  }

  /**
   * ec2-associate-address (and the recovery automation's remap): `eip` will reach `inst`
   * after the remap delay; returns when. A newer request replaces a pending one.
   * @throws Ec2ApiError IncorrectInstanceState when the instance is going or gone
   */
  associate(eip: ElasticIp, inst: Instance): number {
    if (!inst.alive) throw new Ec2ApiError('IncorrectInstanceState', `instance ${inst.id} is ${inst.state}`);
    if (eip.releasedMs !== undefined) throw new Ec2ApiError('InvalidAddress.NotFound', `${eip.address} was released`);
    this.#cancelPending(eip);
    const requestedMs = this.#sim.now;
    const effectiveMs = requestedMs + this.#options.remapDelayMs;
    const handle = this.#sim.at(effectiveMs, () => this.#takeEffect(eip));
    eip.pending = { instance: inst, requestedMs, effectiveMs, handle };
    this.#bus.emit('eip.remap-requested', { ...this.#event(eip), instance: inst, effectiveMs });
    return effectiveMs;
  }

  /** Remaps `eip` to a replacement instance (what recovery automation calls); same as associate. */
  remap(eip: ElasticIp, inst: Instance): number {
    return this.associate(eip, inst);
  }

  /** ec2-disassociate-address: unmaps at once (a pending remap is cancelled); the instance gets a new dynamic address. */
  disassociate(eip: ElasticIp): void {
    this.#cancelPending(eip);
    this.#unmap(eip, 'request');
  }

  /** ec2-release-address: unmaps if needed and gives the address back to the provider. */
  release(eip: ElasticIp): void {
    if (eip.releasedMs !== undefined) throw new Ec2ApiError('InvalidAddress.NotFound', `${eip.address} was already released`);
    this.#cancelPending(eip);
    this.#unmap(eip, 'released');
    this.#plane.releaseElastic(eip.ip);
    eip.releasedMs = this.#sim.now;
    this.#bus.emit('eip.released', this.#event(eip));
  }

  /** Called when `inst` terminates: its elastic IP, if any, is left mapped to nothing. */
  instanceTerminated(inst: Instance): void {
    const eip = this.#byInstance.get(inst);
    if (eip !== undefined) this.#unmap(eip, 'instance-terminated');
  }

  #takeEffect(eip: ElasticIp): void {
    const p = eip.pending!;
    eip.pending = undefined;
    const inst = p.instance;
    if (!inst.alive || this.#plane.privateOf(inst) === undefined) {
      this.#bus.emit('eip.remap-dropped', { ...this.#event(eip), instance: inst, reason: inst.alive ? `${inst.id} has no private address` : `${inst.id} is ${inst.state}` });
      return;
    }
    if (eip.instance === inst) return;
    this.#unmap(eip, 'remapped');
    const other = this.#byInstance.get(inst);
    if (other !== undefined) this.#unmap(other, 'replaced');
    this.#plane.mapElastic(eip.ip, inst);
    eip.instance = inst;
    this.#byInstance.set(inst, eip);
    this.#bus.emit('eip.associated', { ...this.#event(eip), instance: inst, requestedMs: p.requestedMs });
  }

  #unmap(eip: ElasticIp, reason: UnmapReason): void {
    const inst = eip.instance;
    if (inst === undefined) return;
    eip.instance = undefined;
    this.#byInstance.delete(inst);
    this.#plane.unmapElastic(eip.ip, eip.index, inst);
    this.#bus.emit('eip.disassociated', { ...this.#event(eip), instance: inst, reason });
  }

  #cancelPending(eip: ElasticIp): void {
    if (eip.pending !== undefined) this.#sim.cancel(eip.pending.handle);
    eip.pending = undefined;
  }

  #event(eip: ElasticIp): { timeMs: number; ip: string; index: number } {
    return { timeMs: this.#sim.now, ip: eip.address, index: eip.index };
  }
}
