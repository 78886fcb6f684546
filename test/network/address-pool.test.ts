import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { AddressPool } from '../../src/network/address-pool.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../../src/network/ipv4.js';
import { createReusePolicy, REUSE_POLICY_NAMES } from '../../src/network/reuse/index.js';

for (const name of REUSE_POLICY_NAMES) {
  const pool = (cidr: string): AddressPool => new AddressPool(parseCidr(cidr), (n) => createReusePolicy(name, n, seedrandom(cidr)));

  describe(`address pool (${name})`, () => {
    it('never hands out the network and broadcast addresses of a /30 or larger', () => {
      const p = pool('192.0.2.0/29');
      expect(p.capacity).toBe(6);
      const got = Array.from({ length: 6 }, () => formatIpv4(p.take()!)).sort();
      expect(got).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6']);
      expect(p.take()).toBeUndefined();
      expect(pool('192.0.2.8/31').capacity).toBe(2);
      expect(pool('192.0.2.9/32').capacity).toBe(1);
    });

    it('refuses to take back an address it did not hand out', () => {
      const p = pool('10.0.0.0/24');
      const ip = p.take()!;
      p.give(ip);
      expect(() => p.give(ip)).toThrow(/was not handed out/);
      expect(() => p.give(parseIpv4('10.0.1.1'))).toThrow(/was not handed out/);
    });

    it('a /8 allocates in constant memory: 16.7 million addresses, a few thousand stored entries', () => {
      const p = pool('10.0.0.0/8');
      expect(p.capacity).toBe(2 ** 24 - 2);
      expect(p.storedEntries).toBe(0);
      const held: number[] = [];
      for (let i = 0; i < 2000; i++) held.push(p.take()!);
      for (const ip of held.slice(0, 1000)) p.give(ip);
      expect(p.held).toBe(1000);
      expect(p.free).toBe(2 ** 24 - 2 - 1000);
      // Policy entries plus the held set: bounded by the operations, whatever the block.
      expect(p.storedEntries).toBeLessThanOrEqual(4000);
      expect(held.every((ip) => p.contains(ip))).toBe(true);
    });
  });
}
