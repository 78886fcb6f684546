/**
 * IPv4 addresses as unsigned 32-bit numbers, their dotted-quad text, and CIDR blocks.
 * Arithmetic is done on plain numbers (never `<<` past bit 30), so a /0 block's 2^32
 * addresses count correctly.
 */

/** A CIDR block: `base` is its first address, `size` its number of addresses (2^(32 - prefix)). */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
  /** The block as written canonically, e.g. `10.251.0.0/16`. */
  readonly text: string;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

/** Parses `a.b.c.d` (octets 0..255, no leading zeros) into 0..2^32-1; throws RangeError saying what is wrong. */
export function parseIpv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new RangeError(`"${text}" is not an IPv4 address: expected four dotted numbers such as 10.251.0.7`);
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p) || Number(p) > 255) throw new RangeError(`"${text}" is not an IPv4 address: "${p}" is not a number 0..255 (without leading zeros)`);
    n = n * 256 + Number(p);
  }
  return n;
}

/** Formats 0..2^32-1 as `a.b.c.d`. */
export function formatIpv4(ip: number): string {
  return `${Math.floor(ip / 16_777_216) % 256}.${Math.floor(ip / 65_536) % 256}.${Math.floor(ip / 256) % 256}.${ip % 256}`;
}

/** The four octets of an address, most significant first. */
export function octets(ip: number): [number, number, number, number] {
  return [Math.floor(ip / 16_777_216) % 256, Math.floor(ip / 65_536) % 256, Math.floor(ip / 256) % 256, ip % 256];
}

/**
 * Parses `a.b.c.d/n` (n 0..32), or a bare address as a /32. Throws RangeError for a bad
 * address, a bad prefix length, or host bits set below the prefix (naming the block meant).
 */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bits = slash < 0 ? '32' : text.slice(slash + 1);
  if (!/^(0|[1-9]\d?)$/.test(bits) || Number(bits) > 32) {
    throw new RangeError(`"${text}" is not a CIDR block: the prefix length "${bits}" must be a whole number 0..32`);
  }
  const base = parseIpv4(addr);
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    const meant = `${formatIpv4(base - (base % size))}/${prefix}`;
    throw new RangeError(`"${text}" is not a CIDR block: host bits are set below /${prefix} (did you mean ${meant}?)`);
  }
  return { base, prefix, size, text: `${formatIpv4(base)}/${prefix}` };
}

/** True when `ip` lies in `block`. */
export function cidrContains(block: Cidr, ip: number): boolean {
  return ip >= block.base && ip < block.base + block.size;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

/** True when the two blocks share an address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** The private ranges of RFC 1918: 10/8, 172.16/12, 192.168/16. */
export const RFC1918: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(parseCidr);

/** True when the whole block is private address space (inside one RFC 1918 range). */
export function isRfc1918(block: Cidr): boolean {
  return RFC1918.some((r) => cidrCovers(r, block));
}

/** Like parseCidr, but clears host bits below the prefix (`10.1.2.3/8` → 10.0.0.0/8), as EC2 read rule sources. */
export function parseCidrMasked(text: string): Cidr {
  const slash = text.indexOf('/');
  if (slash < 0) return parseCidr(text);
  const base = parseIpv4(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  const prefix = /^(0|[1-9]\d?)$/.test(bits) ? Number(bits) : NaN;
  const size = 2 ** (32 - prefix);
  return parseCidr(`${formatIpv4(Number.isFinite(size) ? base - (base % size) : base)}/${bits}`);
}

/** True when `text` is a dotted-quad address (see parseIpv4). */
export function isIpv4Text(text: string): boolean {
  try {
    parseIpv4(text);
    return true;
  } catch {
    return false;
  }
}
