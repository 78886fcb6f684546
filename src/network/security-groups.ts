import type { IpProtocol } from '../cloud/ec2-command-types.js';

/** One ingress rule: protocol, port range (ICMP: type and code; -1 = any), and a source. */
export interface IngressRule {
  readonly protocol: IpProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  /** Source CIDR block, or undefined when the source is a group. */
  readonly sourceCidr?: string | undefined;
  readonly sourceGroup?: string | undefined;
  readonly sourceAccount?: string | undefined;
}

const same = (a: IngressRule, b: IngressRule): boolean =>
  a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort
  && a.sourceCidr === b.sourceCidr && a.sourceGroup === b.sourceGroup && a.sourceAccount === b.sourceAccount;

/**
 * Security groups: named ingress allow-lists. The `default` group exists from the start
 * and admits its own members (as EC2's did). `authorize` of an unknown group creates it
 * (the 2008 tools needed ec2-add-group first; scenarios may skip that step).
 */
export class SecurityGroups {
  readonly #groups = new Map<string, IngressRule[]>();

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
}
