import type { Instance } from '../cloud/instance.js';
import { describe } from './address-ledger.js';
import type { AddressPlane } from './address-plane.js';
import { formatIpv4, isRfc1918, type Cidr } from './ipv4.js';
import { Nat, type FlowProtocol } from './nat.js';
import type { SecurityGroups, SourceView } from './security-groups.js';

/** Why a flow was refused (or `ok`). */
export type FlowReason =
  | 'ok'
  /** No instance of ours is behind the address (free, or an elastic IP mapped to nothing). */
  | 'no-instance'
  /** The address belongs to another customer: the request reaches a stranger's machine. */
  | 'other-tenant'
  /** Our instance is there but not running (booting, rebooting, shutting down). */
  | 'not-running'
  /** The target has no address of the kind needed (its pool was exhausted), or a role source has no running instance. */
  | 'no-address'
  | 'no-source'
  /** A private address was tried from the Internet. */
  | 'private-address'
  /** The NAT passes TCP, UDP and ICMP only. */
  | 'protocol'
  /** No rule of the target's security groups admits the flow. */
  | 'security-group';

/** The result of trying one flow. */
export interface FlowOutcome {
  readonly allowed: boolean;
  readonly reason: FlowReason;
  /** The address the flow was sent to (dotted), when there was one. */
  readonly address: string | undefined;
  /** The instance of ours behind the address, when there was one. */
  readonly instance: Instance | undefined;
  /** One line for people. */
  readonly detail: string;
}

/** Where a flow comes from: somewhere on the Internet (a block means any address in it), or one of our instances. */
export type FlowSource = { readonly kind: 'internet'; readonly block: Cidr } | { readonly kind: 'instance'; readonly instance: Instance };

const cidr32 = (ip: number): Cidr => ({ base: ip, prefix: 32, size: 1, text: `${formatIpv4(ip)}/32` });

/**
 * Decides whether a flow (source, destination address, protocol, port) gets through,
 * in the order a packet meets the obstacles: who holds the address, whether our instance
 * runs, the NAT's protocols, then the instance's security groups (where a source that is
 * one of our instances counts as a member of its groups).
 */
export class Reachability {
  readonly #plane: AddressPlane;
  readonly #groups: SecurityGroups;

  constructor(plane: AddressPlane, groups: SecurityGroups) {
    this.#plane = plane;
    this.#groups = groups;
  }

  /** A flow to one of our instances: from the Internet to its public address, from an instance to its private one. */
  toInstance(source: FlowSource, inst: Instance, protocol: FlowProtocol, port: number): FlowOutcome {
    const priv = this.#plane.privateOf(inst);
    const target = priv === undefined ? undefined : source.kind === 'internet' ? this.#plane.nat.publicOf(priv) : priv;
    if (target === undefined) {
      const kind = source.kind === 'internet' ? 'public' : 'private';
      return refuse('no-address', undefined, inst, `${inst.id} has no ${kind} address${inst.alive ? '' : ` (${inst.state})`}`);
    }
    return this.toAddress(source, target, protocol, port);
  }

  /** A flow to an address, whoever holds it now. */
  toAddress(source: FlowSource, ip: number, protocol: FlowProtocol, port: number): FlowOutcome {
    const address = formatIpv4(ip);
    const isPrivate = this.#plane.privatePool.contains(ip) || isRfc1918(cidr32(ip));
    if (isPrivate && source.kind === 'internet') return refuse('private-address', address, undefined, `${address} is private (RFC 1918): not routable from the Internet`);
    const holder = this.#plane.holderNow(ip);
    if (holder.kind === 'free') return refuse('no-instance', address, undefined, `${address} is held by nobody`);
    if (holder.kind === 'tenant') return refuse('other-tenant', address, undefined, `${address} belongs to another customer`);
    if (holder.kind === 'elastic') return refuse('no-instance', address, undefined, `elastic IP ${address} (${describe(holder)}) is mapped to no instance`);
    const inst = holder.instance;
    if (inst.state !== 'running') return refuse('not-running', address, inst, `${inst.id} is ${inst.state}`);
    if (!Nat.passes(protocol)) return refuse('protocol', address, inst, `EC2's NAT passes tcp, udp and icmp only, not ${protocol}`);
    const view = this.#view(source, holder.via !== 'private');
    const proto = protocol as 'tcp' | 'udp' | 'icmp';
    const rule = this.#groups.admitting(inst.spec.groups, view, proto, port);
    if (rule === undefined) return refuse('security-group', address, inst, `no rule of ${inst.spec.groups.join(', ')} admits ${protocol}/${port} from ${describeSource(source, view)}`);
    const by = rule.sourceGroup !== undefined ? `group ${rule.sourceGroup}` : rule.sourceCidr ?? '';
    return { allowed: true, reason: 'ok', address, instance: inst, detail: `${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${by} in ${inst.spec.groups.join(', ')}` };
  }

  /** The source as the target's groups see it: an instance shows its public address to a public target, its private one inside. */
  #view(source: FlowSource, viaPublic: boolean): SourceView {
    if (source.kind === 'internet') return { block: source.block, groups: [] };
    const inst = source.instance;
    const priv = this.#plane.privateOf(inst);
    const pub = priv === undefined ? undefined : this.#plane.nat.publicOf(priv);
    const ip = viaPublic ? pub ?? priv : priv;
    return { block: ip === undefined ? { base: 0, prefix: 0, size: 2 ** 32, text: '0.0.0.0/0' } : cidr32(ip), groups: inst.spec.groups };
  }
}

function refuse(reason: FlowReason, address: string | undefined, instance: Instance | undefined, detail: string): FlowOutcome {
  return { allowed: false, reason, address, instance, detail };
}

function describeSource(source: FlowSource, view: SourceView): string {
  return source.kind === 'internet' ? view.block.text : `${source.instance.id} (${view.block.text}, groups ${view.groups.join(', ')})`;
}
