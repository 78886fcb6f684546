import type { IpProtocol } from '../cloud/ec2-command-types.js';
import { cidrCovers, parseCidrMasked, type Cidr } from './ipv4.js';

/**
 * One ingress rule: protocol, port range (ICMP: type and code; -1 = any), and a source:
 * a CIDR block, or a group. A group source with `sourceAccount` names another account's
 * group; every instance in the simulation is ours, so such a rule admits none of them.
 */
export interface IngressRule {
  readonly protocol: IpProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  /** Source CIDR block, or undefined when the source is a group. */
  readonly sourceCidr?: string | undefined;
  readonly sourceGroup?: string | undefined;
  readonly sourceAccount?: string | undefined;
}

/** A flow's source as security groups see it. */
export interface SourceView {
  /** The source address as a /32, or a block meaning "every address in it". */
  readonly block: Cidr;
  /** The security groups of the source instance (none for a source on the Internet). */
  readonly groups: readonly string[];
}

const same = (a: IngressRule, b: IngressRule): boolean =>
  a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort
  && a.sourceCidr === b.sourceCidr && a.sourceGroup === b.sourceGroup && a.sourceAccount === b.sourceAccount;

/**
 * Security groups: named ingress allow-lists, enforced at the NAT (the article: "firewall
 * functionality in the NAT system"). The `default` group exists from the start and admits
 * its own members on every protocol and port (as EC2's did). `authorize` of an unknown
 * group creates it (the 2008 tools needed ec2-add-group first; scenarios may skip that
 * step). A group nobody authorized admits nothing: an instance launched into it is
 * unreachable.
 */
export class SecurityGroups {
  readonly #groups = new Map<string, IngressRule[]>();
  readonly #cidrs = new Map<string, Cidr>();

  constructor() {
    this.#groups.set('default', [{ protocol: 'tcp', fromPort: 0, toPort: 65535, sourceGroup: 'default' }, { protocol: 'udp', fromPort: 0, toPort: 65535, sourceGroup: 'default' }, { protocol: 'icmp', fromPort: -1, toPort: -1, sourceGroup: 'default' }]);
  }

  /** Adds a rule; returns false when the group already had it. */
  authorize(group: string, rule: IngressRule): boolean {
    const rules = this.#groups.get(group) ?? [];
    this.#groups.set(group, rules);
    if (rules.some((r) => same(r, rule))) return false;
    rules.push(rule);
    return true;
  }

  /** Removes a rule; returns false when the group did not have it. */
  revoke(group: string, rule: IngressRule): boolean {
    const rules = this.#groups.get(group);
    const i = rules?.findIndex((r) => same(r, rule)) ?? -1;
    if (rules === undefined || i < 0) return false;
    rules.splice(i, 1);
    return true;
  }

  /** The group's rules (empty for an unknown group). */
  rules(group: string): readonly IngressRule[] {
    return this.#groups.get(group) ?? [];
  }

  /** Names of every group, in creation order. */
  names(): string[] {
    return [...this.#groups.keys()];
  }

  /**
   * The first rule of any of `groups` (an instance's groups) that admits a flow from
   * `source` on `protocol` to `port` (for ICMP: type `port` and code `code`), or undefined
   * when none does. A CIDR rule admits a source block it covers entirely; a group rule
   * admits an instance that is a member of the group.
   */
  admitting(groups: readonly string[], source: SourceView, protocol: IpProtocol, port: number, code = 0): IngressRule | undefined {
    for (const g of groups) {
      for (const r of this.rules(g)) if (this.#matches(r, source, protocol, port, code)) return r;
    }
    return undefined;
  }

  #matches(r: IngressRule, source: SourceView, protocol: IpProtocol, port: number, code: number): boolean {
    if (r.protocol !== protocol) return false;
    if (protocol === 'icmp') {
      if (r.fromPort !== -1 && r.fromPort !== port) return false;
      if (r.toPort !== -1 && r.toPort !== code) return false;
    } else if (port < r.fromPort || port > r.toPort) {
      return false;
    }
    if (r.sourceGroup !== undefined) return r.sourceAccount === undefined && source.groups.includes(r.sourceGroup);
    return r.sourceCidr !== undefined && cidrCovers(this.#cidr(r.sourceCidr), source.block);
  }

  #cidr(text: string): Cidr {
    let c = this.#cidrs.get(text);
    if (c === undefined) {
      c = parseCidrMasked(text);
      this.#cidrs.set(text, c);
    }
    return c;
  }
}
