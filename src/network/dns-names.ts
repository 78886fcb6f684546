import { octets } from './ipv4.js';

/**
 * The DNS names EC2 gave instances in 2008 (us-east-1, the only region then):
 * - public: `ec2-75-101-1-2.compute-1.amazonaws.com`, the public address with dashes;
 * - internal: `domU-12-31-39-FB-01-02.compute-1.internal`. EC2 named the Xen guest after its
 *   MAC address, 12:31:39 (or 12:31:38) followed by three bytes; the simulator derives those
 *   bytes from the last three octets of the private address, in upper-case hex, so each
 *   private address has its own stable name (10.251.1.2 → domU-12-31-39-FB-01-02).
 */
export function publicDnsName(publicIp: number): string {
  return `ec2-${octets(publicIp).join('-')}.compute-1.amazonaws.com`;
}

/** The internal name of a private address (see publicDnsName for the pattern). */
export function privateDnsName(privateIp: number): string {
  const [, b, c, d] = octets(privateIp);
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
  return `domU-12-31-39-${hex(b)}-${hex(c)}-${hex(d)}.compute-1.internal`;
}
