import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/engine/distributions.js';
import { parseCidr, parseIpv4 } from '../../src/network/ipv4.js';
import { FLOW_PROTOCOLS, Nat } from '../../src/network/nat.js';
import type { FlowSource } from '../../src/network/reachability.js';
import { BOOT_MS, DAY, HOUR, world } from './helpers.js';

const anywhere: FlowSource = { kind: 'internet', block: parseCidr('0.0.0.0/0') };

describe('1:1 NAT', () => {
  it('passes TCP, UDP and ICMP; refuses SCTP, DCCP and the rest, even where a rule would admit them', () => {
    const w = world();
    const [a, b] = w.launch('web', 2);
    w.sim.run({ until: BOOT_MS });
    for (const p of ['tcp', 'udp', 'icmp'] as const) w.network.groups.authorize('default', { protocol: p, fromPort: p === 'icmp' ? -1 : 0, toPort: p === 'icmp' ? -1 : 65535, sourceCidr: '0.0.0.0/0' });
    for (const p of FLOW_PROTOCOLS) {
      const o = w.network.reach.toInstance(anywhere, a!, p, 80);
      expect(o.reason, p).toBe(Nat.passes(p) ? 'ok' : 'protocol');
    }
    const sctp = w.network.reach.toInstance(anywhere, a!, 'sctp', 80);
    expect(sctp.detail).toBe("EC2's NAT passes tcp, udp and icmp only, not sctp");
    expect(w.network.reach.toInstance({ kind: 'instance', instance: b! }, a!, 'dccp', 80).reason).toBe('protocol');
  });

  it('maps one public address to one private address and back', () => {
    const nat = new Nat();
    nat.map(1, 100);
    expect(nat.privateOf(1)).toBe(100);
    expect(nat.publicOf(100)).toBe(1);
    expect(() => nat.map(1, 101)).toThrow(/already mapped/);
    expect(() => nat.map(2, 100)).toThrow(/already has a public address/);
    nat.unmap(1);
    expect(nat.size).toBe(0);
    expect(nat.publicOf(100)).toBeUndefined();
  });

  it('private addresses are not reachable from the Internet', () => {
    const w = world();
    const [a] = w.launch('web');
    w.sim.run({ until: BOOT_MS });
    expect(w.network.reach.toAddress(anywhere, parseIpv4(a!.privateIp!), 'tcp', 22).reason).toBe('private-address');
  });

  it('says who answers an address: nobody, another customer, or our instance that is not running yet', () => {
    const w = world({ publicPool: parseCidr('75.101.128.0/29'), churn: { ratePerMs: 60 / HOUR, hold: exponential({ mean: DAY }) } });
    const [a] = w.launch('web'); // pending: booting
    const pub = parseIpv4(a!.publicIp!);
    expect(w.network.reach.toAddress(anywhere, pub, 'tcp', 80).reason).toBe('not-running');
    w.network.start(); // other customers take the 5 other addresses
    const stranger = [...Array(6).keys()].map((k) => parseIpv4('75.101.128.1') + k).find((ip) => ip !== pub)!;
    expect(w.network.reach.toAddress(anywhere, stranger, 'tcp', 80).reason).toBe('other-tenant');
    w.cloud.terminate(a!);
    w.sim.run({ until: 20_000 });
    expect(w.network.reach.toAddress(anywhere, parseIpv4('75.101.128.0'), 'tcp', 80).reason).toBe('no-instance');
  });
});
