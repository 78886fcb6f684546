import { describe, expect, it } from 'vitest';
import { cidrContains, cidrCovers, cidrOverlaps, formatIpv4, isRfc1918, parseCidr, parseCidrMasked, parseIpv4 } from '../../src/network/ipv4.js';

describe('IPv4 addresses', () => {
  it('round-trips dotted quads, including the extremes', () => {
    for (const t of ['0.0.0.0', '10.251.0.7', '75.101.128.1', '255.255.255.255']) expect(formatIpv4(parseIpv4(t))).toBe(t);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304);
  });

  it('refuses bad addresses with the reason', () => {
    expect(() => parseIpv4('1.2.3')).toThrow(/four dotted numbers/);
    expect(() => parseIpv4('1.2.3.256')).toThrow(/"256" is not a number 0..255/);
    expect(() => parseIpv4('01.2.3.4')).toThrow(/leading zeros/);
  });
});

describe('CIDR blocks', () => {
  it('parses blocks and their sizes; a bare address is a /32', () => {
    expect(parseCidr('10.251.0.0/16')).toMatchObject({ prefix: 16, size: 65_536, text: '10.251.0.0/16' });
    expect(parseCidr('0.0.0.0/0').size).toBe(2 ** 32);
    expect(parseCidr('192.0.2.7')).toMatchObject({ prefix: 32, size: 1, text: '192.0.2.7/32' });
  });

  it('refuses host bits below the prefix, naming the block meant, and bad prefixes', () => {
    expect(() => parseCidr('10.251.1.0/16')).toThrow('host bits are set below /16 (did you mean 10.251.0.0/16?)');
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/prefix length "33" must be a whole number 0..32/);
    expect(() => parseCidr('10.0.0/8')).toThrow(/not an IPv4 address/);
    expect(parseCidrMasked('10.1.2.3/8').text).toBe('10.0.0.0/8');
  });

  it('answers containment, cover and overlap, a /0 included', () => {
    const b = parseCidr('75.101.128.0/17');
    expect(cidrContains(b, parseIpv4('75.101.128.0'))).toBe(true);
    expect(cidrContains(b, parseIpv4('75.101.255.255'))).toBe(true);
    expect(cidrContains(b, parseIpv4('75.102.0.0'))).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIpv4('255.255.255.255'))).toBe(true);
    expect(cidrCovers(parseCidr('0.0.0.0/0'), b)).toBe(true);
    expect(cidrCovers(b, parseCidr('0.0.0.0/0'))).toBe(false);
    expect(cidrOverlaps(parseCidr('10.0.0.0/8'), parseCidr('10.251.0.0/16'))).toBe(true);
    expect(cidrOverlaps(parseCidr('10.0.0.0/8'), b)).toBe(false);
    expect(isRfc1918(parseCidr('10.251.0.0/16'))).toBe(true);
    expect(isRfc1918(parseCidr('172.0.0.0/11'))).toBe(false);
    expect(isRfc1918(b)).toBe(false);
  });
});
