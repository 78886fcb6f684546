import type { EventBus } from '../engine/index.js';
import type { Instance } from '../cloud/instance.js';
import { AddressLedger, TENANT, type AddressKind, type Holder, type HistoryView, type HeldBy } from './address-ledger.js';
import type { AddressPool } from './address-pool.js';
import { privateDnsName, publicDnsName } from './dns-names.js';
import type { AddressEvent, NetworkEvents } from './events.js';
import { formatIpv4 } from './ipv4.js';
import { Nat } from './nat.js';
import type { SharedPool, TenantSink } from './shared-pool/index.js';

/**
 * Every change of an address's holder goes through here, so the pools, the ledger, the
 * NAT table, the instances' address fields and the `address.*` events never disagree. It
 * holds no policy: the network decides when, the elastic-IP service and the shared public
 * pool decide what. The public pool works out other customers' takes and releases of the
 * addresses it follows lazily: every operation and every question about who holds what
 * first brings them up to now (`sync`), so the ledger and the events stay in time order.
 */
export class AddressPlane implements TenantSink {
  readonly ledger: AddressLedger;
  readonly nat = new Nat();
  readonly privatePool: AddressPool;
  readonly publicPool: SharedPool;
  readonly #bus: EventBus<NetworkEvents>;
  readonly #now: () => number;
  readonly #byPrivate = new Map<number, Instance>();
  readonly #privateOf = new Map<Instance, number>();
  readonly #dynamicOf = new Map<Instance, number>();

  constructor(now: () => number, bus: EventBus<NetworkEvents>, pools: { readonly privatePool: AddressPool; readonly publicPool: SharedPool }, ledger: AddressLedger) {
    this.#now = now;
    this.#bus = bus;
    this.privatePool = pools.privatePool;
    this.publicPool = pools.publicPool;
    this.ledger = ledger;
    this.publicPool.attach(this);
  }

  /** Brings other customers' takes and releases of followed public addresses up to now. */
  sync(): void {
    this.publicPool.advance(this.#now());
  }

  /** Who holds `ip` now; a public address not followed so far is followed from now on, in a stationary state. */
  holderNow(ip: number): Holder {
    this.sync();
    if (this.publicPool.contains(ip)) this.publicPool.observe(ip, this.#now());
    return this.ledger.current(ip);
  }

  /** Every recorded holding of `ip`, up to now (see AddressLedger.view). */
  history(ip: number): HistoryView {
    this.sync();
    return this.ledger.view(ip);
  }

  /** TenantSink: another customer took a followed public address at `timeMs`. */
  tenantTook(ip: number, timeMs: number): void {
    this.#open(ip, TENANT, 'public', timeMs);
  }

  /** TenantSink: another customer gave a followed public address back at `timeMs`. */
  tenantGave(ip: number, timeMs: number): void {
    this.#close(ip, 'public', timeMs);
  }

  /** Our instance whose private address is `ip`, while it holds it. */
  instanceByPrivate(ip: number): Instance | undefined {
    return this.#byPrivate.get(ip);
  }

  /** The private address an instance holds (undefined before, without one, or after termination). */
  privateOf(inst: Instance): number | undefined {
    return this.#privateOf.get(inst);
  }

  /** The instance's dynamic public address, while it has one (not while an elastic IP replaces it). */
  dynamicOf(inst: Instance): number | undefined {
    return this.#dynamicOf.get(inst);
  }

  /** Gives `inst` a private address; false when the private pool is exhausted. */
  assignPrivate(inst: Instance): boolean {
    const ip = this.privatePool.take();
    if (ip === undefined) return false;
    this.#open(ip, { kind: 'instance', instance: inst, via: 'private' }, 'private');
    this.#byPrivate.set(ip, inst);
    this.#privateOf.set(inst, ip);
    inst.privateIp = formatIpv4(ip);
    inst.privateDns = privateDnsName(ip);
    return true;
  }

  /** Takes back the private address of `inst`, if it holds one. */
  releasePrivate(inst: Instance): void {
    const ip = this.#privateOf.get(inst);
    if (ip === undefined) return;
    this.#privateOf.delete(inst);
    this.#byPrivate.delete(ip);
    this.#close(ip, 'private');
    this.privatePool.give(ip);
  }

  /** Gives `inst` (which must hold a private address) a dynamic public one, mapped by NAT; false when the pool is exhausted. */
  assignDynamic(inst: Instance): boolean {
    const priv = this.#privateOf.get(inst);
    if (priv === undefined) return false;
    this.sync();
    const ip = this.publicPool.take(this.#now());
    if (ip === undefined) return false;
    this.#open(ip, { kind: 'instance', instance: inst, via: 'public' }, 'public');
    this.nat.map(ip, priv);
    this.#dynamicOf.set(inst, ip);
    this.#setPublic(inst, ip);
    return true;
  }

  /** Returns the dynamic public address of `inst` to the pool, if it has one. */
  releaseDynamic(inst: Instance): void {
    const ip = this.#dynamicOf.get(inst);
    if (ip === undefined) return;
    this.sync();
    this.#dynamicOf.delete(inst);
    this.nat.unmap(ip);
    this.#close(ip, 'public');
    this.publicPool.give(ip, this.#now());
  }

  /** Takes a public address for our elastic IP `@eip.<index>`; undefined when the pool is exhausted. */
  allocateElastic(index: number): number | undefined {
    this.sync();
    const ip = this.publicPool.take(this.#now());
    if (ip !== undefined) this.#open(ip, { kind: 'elastic', eip: index }, 'elastic');
    return ip;
  }

  /** Maps elastic `ip` to `inst` (which holds a private address), replacing its dynamic public one. */
  mapElastic(ip: number, inst: Instance): void {
    const priv = this.#privateOf.get(inst);
    if (priv === undefined) throw new Error(`instance ${inst.id} has no private address to map ${formatIpv4(ip)} to`);
    this.sync();
    this.releaseDynamic(inst);
    this.#close(ip, 'elastic');
    this.#open(ip, { kind: 'instance', instance: inst, via: 'elastic' }, 'elastic');
    this.nat.map(ip, priv);
    this.#setPublic(inst, ip);
  }

  /** Unmaps elastic `ip` (index `index`) from `inst`; a live instance gets a new dynamic public address. */
  unmapElastic(ip: number, index: number, inst: Instance): void {
    this.sync();
    this.nat.unmap(ip);
    this.#close(ip, 'elastic');
    this.#open(ip, { kind: 'elastic', eip: index }, 'elastic');
    if (inst.alive && !this.assignDynamic(inst)) this.#exhausted(inst, 'public');
  }

  /** Gives an unmapped elastic IP back to the pool. */
  releaseElastic(ip: number): void {
    this.sync();
    this.#close(ip, 'elastic');
    this.publicPool.give(ip, this.#now());
  }

  /** Reports that `inst` could not get an address from `pool`. */
  #exhausted(inst: Instance, pool: 'private' | 'public'): void {
    const p = pool === 'private' ? this.privatePool : this.publicPool;
    this.#bus.emit('address.exhausted', { timeMs: this.#now(), instance: inst, pool, message: `InsufficientAddressCapacity: the ${pool} pool ${p.cidr.text} has no free address (${p.capacity} in use)` });
  }

  /** Gives a launching instance its addresses; an exhausted pool leaves it without (and says so). */
  attach(inst: Instance): void {
    if (!this.assignPrivate(inst)) {
      this.#exhausted(inst, 'private');
      return;
    }
    if (!this.assignDynamic(inst)) this.#exhausted(inst, 'public');
  }

  /** Takes back every address of a terminated instance (unmap its elastic IP first). */
  detach(inst: Instance): void {
    this.releaseDynamic(inst);
    this.releasePrivate(inst);
  }

  #setPublic(inst: Instance, ip: number): void {
    inst.publicIp = formatIpv4(ip);
    inst.publicDns = publicDnsName(ip);
  }

  #open(ip: number, holder: HeldBy, kind: AddressKind, timeMs = this.#now()): void {
    this.ledger.open(ip, holder, timeMs);
    if (this.#bus.has('address.assigned')) this.#bus.emit('address.assigned', new AddressChange(timeMs, ip, kind, holder));
  }

  #close(ip: number, kind: AddressKind, timeMs = this.#now()): void {
    const holder = this.ledger.close(ip, timeMs);
    if (this.#bus.has('address.released')) this.#bus.emit('address.released', new AddressChange(timeMs, ip, kind, holder));
  }
}

/** An `address.*` event; the dotted form is made only if a listener reads it. */
class AddressChange implements AddressEvent {
  readonly timeMs: number;
  readonly address: number;
  readonly kind: AddressKind;
  readonly holder: HeldBy;
  #ip: string | undefined;

  constructor(timeMs: number, address: number, kind: AddressKind, holder: HeldBy) {
    this.timeMs = timeMs;
    this.address = address;
    this.kind = kind;
    this.holder = holder;
  }

  get ip(): string {
    this.#ip ??= formatIpv4(this.address);
    return this.#ip;
  }
}
