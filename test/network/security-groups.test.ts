import { describe, expect, it } from 'vitest';
import { parseEc2Command, ruleParts, type SecurityRuleCommand } from '../../src/cloud/ec2-commands.js';
import type { Instance } from '../../src/cloud/instance.js';
import { parseCidr, parseIpv4 } from '../../src/network/ipv4.js';
import type { FlowProtocol } from '../../src/network/nat.js';
import type { Network } from '../../src/network/network.js';
import type { FlowSource } from '../../src/network/reachability.js';
import { BOOT_MS, world } from './helpers.js';

/** Applies `ec2-authorize` / `ec2-revoke` lines to the network's groups. */
function apply(network: Network, ...lines: string[]): void {
  for (const line of lines) {
    const c = parseEc2Command(line) as SecurityRuleCommand;
    for (const part of ruleParts(c)) {
      const rule = { ...part, sourceCidr: c.sourceCidr, sourceGroup: c.sourceGroup, sourceAccount: c.sourceAccount };
      if (c.verb === 'authorize') network.groups.authorize(c.group, rule);
      else network.groups.revoke(c.group, rule);
    }
  }
}

const internet = (cidr: string): FlowSource => ({ kind: 'internet', block: parseCidr(cidr) });
const from = (instance: Instance): FlowSource => ({ kind: 'instance', instance });

/** A running target in group `target` and running sources in `webserver` and `other`. */
function setup(...lines: string[]) {
  const w = world();
  const [target] = w.launch('target', 1, ['target']);
  const [member] = w.launch('member', 1, ['webserver']);
  const [outsider] = w.launch('outsider', 1, ['other']);
  w.sim.run({ until: BOOT_MS });
  apply(w.network, ...lines);
  const reach = (source: FlowSource, protocol: FlowProtocol, port: number): string => w.network.reach.toInstance(source, target!, protocol, port).reason;
  return { ...w, target: target!, member: member!, outsider: outsider!, reach };
}

describe('security-group rules, one form at a time', () => {
  it('-P tcp -p 22: that port from anywhere, nothing else', () => {
    const { reach } = setup('ec2-authorize target -P tcp -p 22');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 22)).toBe('ok');
    expect(reach(internet('198.51.100.9/32'), 'tcp', 22)).toBe('ok');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 23)).toBe('security-group');
    expect(reach(internet('0.0.0.0/0'), 'udp', 22)).toBe('security-group');
  });

  it('-p FROM-TO: an inclusive range', () => {
    const { reach } = setup('ec2-authorize target -P udp -p 6000-6010');
    for (const port of [6000, 6005, 6010]) expect(reach(internet('0.0.0.0/0'), 'udp', port)).toBe('ok');
    for (const port of [5999, 6011]) expect(reach(internet('0.0.0.0/0'), 'udp', port)).toBe('security-group');
  });

  it('-s CIDR: sources inside the block only; a probe from a wider block is refused (not everyone in it may)', () => {
    const { reach } = setup('ec2-authorize target -P tcp -p 80 -s 192.0.2.0/24');
    expect(reach(internet('192.0.2.7/32'), 'tcp', 80)).toBe('ok');
    expect(reach(internet('192.0.2.0/25'), 'tcp', 80)).toBe('ok');
    expect(reach(internet('198.51.100.1/32'), 'tcp', 80)).toBe('security-group');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 80)).toBe('security-group');
  });

  it('-s with host bits set is read as its block (as EC2 did)', () => {
    const { reach } = setup('ec2-authorize target -P tcp -p 80 -s 192.0.2.77/24');
    expect(reach(internet('192.0.2.200/32'), 'tcp', 80)).toBe('ok');
  });

  it('-o GROUP without -P: TCP, UDP and ICMP (the 2008 group grant) from members of the group, not outsiders, not the Internet', () => {
    const { reach, member, outsider } = setup('ec2-authorize target -o webserver');
    expect(reach(from(member), 'tcp', 3306)).toBe('ok');
    expect(reach(from(member), 'tcp', 0)).toBe('ok');
    expect(reach(from(member), 'udp', 53)).toBe('ok');
    expect(reach(from(member), 'icmp', 8)).toBe('ok');
    expect(reach(from(member), 'sctp', 80)).toBe('protocol');
    expect(reach(from(outsider), 'tcp', 3306)).toBe('security-group');
    expect(reach(from(outsider), 'udp', 53)).toBe('security-group');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 3306)).toBe('security-group');
  });

  it('-o GROUP -P tcp without -p: every TCP port of members, and no UDP', () => {
    const { reach, member } = setup('ec2-authorize target -P tcp -o webserver');
    expect(reach(from(member), 'tcp', 3306)).toBe('ok');
    expect(reach(from(member), 'udp', 53)).toBe('security-group');
  });

  it('ec2-revoke -o GROUP without -P takes back all three', () => {
    const { reach, member } = setup('ec2-authorize target -o webserver', 'ec2-revoke target -o webserver');
    for (const [p, port] of [['tcp', 80], ['udp', 53], ['icmp', 8]] as const) expect(reach(from(member), p, port)).toBe('security-group');
  });

  it('-o GROUP -p PORT: members, on that port only', () => {
    const { reach, member } = setup('ec2-authorize target -P tcp -p 3306 -o webserver');
    expect(reach(from(member), 'tcp', 3306)).toBe('ok');
    expect(reach(from(member), 'tcp', 22)).toBe('security-group');
  });

  it('-o GROUP -u ACCOUNT of another account admits none of our instances', () => {
    const { reach, member } = setup('ec2-authorize target -o webserver -u 111122223333');
    expect(reach(from(member), 'tcp', 80)).toBe('security-group');
  });

  it('-P icmp: any type and code by default; -t TYPE:CODE narrows it', () => {
    const any = setup('ec2-authorize target -P icmp');
    expect(any.reach(internet('0.0.0.0/0'), 'icmp', 8)).toBe('ok');
    expect(any.reach(internet('0.0.0.0/0'), 'icmp', 0)).toBe('ok');
    const echo = setup('ec2-authorize target -P icmp -t 8:0');
    expect(echo.reach(internet('0.0.0.0/0'), 'icmp', 8)).toBe('ok');
    expect(echo.reach(internet('0.0.0.0/0'), 'icmp', 3)).toBe('security-group');
    expect(echo.reach(internet('0.0.0.0/0'), 'tcp', 8)).toBe('security-group');
  });

  it('ec2-revoke removes exactly the rule given', () => {
    const { reach } = setup('ec2-authorize target -P tcp -p 22', 'ec2-authorize target -P tcp -p 80', 'ec2-revoke target -P tcp -p 22');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 22)).toBe('security-group');
    expect(reach(internet('0.0.0.0/0'), 'tcp', 80)).toBe('ok');
  });

  it('a CIDR rule sees an instance by the address it sends from: public to a public target, private inside', () => {
    const { network, member, target } = setup('ec2-authorize target -P tcp -p 80 -s 75.101.128.0/17');
    expect(network.reach.toAddress(from(member), parseIpv4(target.publicIp!), 'tcp', 80).reason).toBe('ok');
    expect(network.reach.toAddress(from(member), parseIpv4(target.privateIp!), 'tcp', 80).reason).toBe('security-group');
  });
});

describe('groups', () => {
  it('the default group admits its own members on every port, and not the Internet', () => {
    const w = world();
    const [a, b] = w.launch('web', 2);
    w.sim.run({ until: BOOT_MS });
    expect(w.network.reach.toInstance(from(a!), b!, 'tcp', 5432).reason).toBe('ok');
    expect(w.network.reach.toInstance(from(a!), b!, 'icmp', 8).reason).toBe('ok');
    expect(w.network.reach.toInstance(internet('0.0.0.0/0'), b!, 'tcp', 80).reason).toBe('security-group');
  });

  it('an instance launched into the wrong group is unreachable where its peers are reachable', () => {
    const w = world();
    apply(w.network, 'ec2-authorize webserver -P tcp -p 80');
    const [good] = w.launch('lb', 1, ['webserver']);
    const [wrong] = w.launch('lb', 1, ['webservers']); // a typo: nobody authorized this group
    w.sim.run({ until: BOOT_MS });
    expect(w.network.reach.toInstance(internet('0.0.0.0/0'), good!, 'tcp', 80).allowed).toBe(true);
    const o = w.network.reach.toInstance(internet('0.0.0.0/0'), wrong!, 'tcp', 80);
    expect(o).toMatchObject({ allowed: false, reason: 'security-group' });
    expect(o.detail).toBe('no rule of webservers admits tcp/80 from 0.0.0.0/0');
  });

  it('a duplicate authorize and an unknown revoke change nothing', () => {
    const w = world();
    const rule = { protocol: 'tcp' as const, fromPort: 22, toPort: 22, sourceCidr: '0.0.0.0/0' };
    expect(w.network.groups.authorize('g', rule)).toBe(true);
    expect(w.network.groups.authorize('g', rule)).toBe(false);
    expect(w.network.groups.revoke('g', { ...rule, fromPort: 23, toPort: 23 })).toBe(false);
    expect(w.network.groups.rules('g')).toHaveLength(1);
  });
});
