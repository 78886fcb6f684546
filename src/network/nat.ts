import { formatIpv4 } from './ipv4.js';

/** Protocols a flow may name: the three EC2's NAT passed in 2008, and some it did not. */
export const FLOW_PROTOCOLS = ['tcp', 'udp', 'icmp', 'sctp', 'dccp', 'gre', 'esp'] as const;
export type FlowProtocol = (typeof FLOW_PROTOCOLS)[number];

/** What the 2008 NAT passed: TCP, UDP and ICMP (the article: "impossible to use ... SCTP or DCCP"). */
export const NAT_PROTOCOLS: readonly FlowProtocol[] = ['tcp', 'udp', 'icmp'];

/**
 * EC2's 1:1 NAT: each public address (dynamic or elastic) maps to exactly one private
 * address and back. It translates TCP, UDP and ICMP only; anything else is dropped.
 */
export class Nat {
  readonly #toPrivate = new Map<number, number>();
  readonly #toPublic = new Map<number, number>();

  /** True when the NAT passes `protocol`. */
  static passes(protocol: FlowProtocol): boolean {
    return NAT_PROTOCOLS.includes(protocol);
  }

  /** Maps `publicIp` to `privateIp`; throws when either is already mapped (1:1). */
  map(publicIp: number, privateIp: number): void {
    if (this.#toPrivate.has(publicIp)) throw new Error(`NAT: ${formatIpv4(publicIp)} is already mapped`);
    if (this.#toPublic.has(privateIp)) throw new Error(`NAT: ${formatIpv4(privateIp)} already has a public address`);
    this.#toPrivate.set(publicIp, privateIp);
    this.#toPublic.set(privateIp, publicIp);
  }

  /** Removes the mapping of `publicIp` (no-op when unmapped). */
  unmap(publicIp: number): void {
    const priv = this.#toPrivate.get(publicIp);
    if (priv === undefined) return;
    this.#toPrivate.delete(publicIp);
    this.#toPublic.delete(priv);
  }

  /** The private address behind `publicIp`, or undefined. */
  privateOf(publicIp: number): number | undefined {
    return this.#toPrivate.get(publicIp);
  }

  /** The public address of `privateIp`, or undefined. */
  publicOf(privateIp: number): number | undefined {
    return this.#toPublic.get(privateIp);
  }

  /** Mappings in force. */
  get size(): number {
    return this.#toPrivate.size;
  }
}
