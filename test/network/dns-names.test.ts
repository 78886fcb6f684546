import { describe, expect, it } from 'vitest';
import { privateDnsName, publicDnsName } from '../../src/network/dns-names.js';
import { parseIpv4 } from '../../src/network/ipv4.js';
import { world } from './helpers.js';

describe('2008 EC2 DNS names', () => {
  it('public: ec2- and the address with dashes, under compute-1.amazonaws.com', () => {
    expect(publicDnsName(parseIpv4('75.101.1.2'))).toBe('ec2-75-101-1-2.compute-1.amazonaws.com');
    expect(publicDnsName(parseIpv4('75.101.255.10'))).toBe('ec2-75-101-255-10.compute-1.amazonaws.com');
  });

  it('internal: domU-12-31-39- and the last three octets in upper-case hex', () => {
    expect(privateDnsName(parseIpv4('10.251.1.2'))).toBe('domU-12-31-39-FB-01-02.compute-1.internal');
    expect(privateDnsName(parseIpv4('10.0.1.2'))).toBe('domU-12-31-39-00-01-02.compute-1.internal');
    expect(privateDnsName(parseIpv4('10.252.170.225'))).toBe('domU-12-31-39-FC-AA-E1.compute-1.internal');
  });

  it('are set on the instance with its addresses, at launch', () => {
    const { launch } = world();
    const [i] = launch('web');
    expect(i!.privateIp).toMatch(/^10\.251\.\d+\.\d+$/);
    expect(i!.publicIp).toMatch(/^75\.101\.\d+\.\d+$/);
    expect(i!.publicDns).toBe(publicDnsName(parseIpv4(i!.publicIp!)));
    expect(i!.privateDns).toBe(privateDnsName(parseIpv4(i!.privateIp!)));
    expect(i!.metadata()['public-hostname']).toBe(i!.publicDns);
  });
});
