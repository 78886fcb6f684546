import { MAX_INSTANCES_PER_LAUNCH } from './limits.js';
/**
 * The typed form of the 2008 EC2 API tools' command lines, and the parsers of their smallest
 * pieces: instance and address references, CIDR blocks, port ranges. `ec2-commands.ts` parses
 * whole lines into these types.
 */

/** A command line that is not a valid EC2 command; the message says what would be right. */
export class Ec2CommandError extends Error {
  override readonly name = 'Ec2CommandError';
}

/**
 * An instance named in an action. Ids are generated at run time, so actions usually name
 * instances by role or by launch order:
 * - `@web.0` → `{ kind: 'role', role: 'web', index: 0 }`: the role's instances, 0-based, in launch order;
 * - `@3` → `{ kind: 'launch', n: 3 }`: the 3rd launch of the run, 1-based, counting every launch;
 * - `@last` → `{ kind: 'last' }`: the most recent launch;
 * - `i-8fad57e6` → `{ kind: 'id', id }`: a literal instance id.
 */
export type InstanceRef =
  | { readonly kind: 'role'; readonly role: string; readonly index: number }
  | { readonly kind: 'launch'; readonly n: number }
  | { readonly kind: 'last' }
  | { readonly kind: 'id'; readonly id: string };

/**
 * An elastic IP named in an action: a literal dotted IPv4 address, or `@eip.N`, the N-th
 * address allocated by `ec2-allocate-address` in this run (0-based).
 */
export type AddressRef =
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'eip'; readonly index: number };

/** `ec2-run-instances`: launch `count` instances of `image`. */
export interface RunInstancesCommand {
  readonly verb: 'run-instances';
  readonly image: string;
  /** Positive integer; 1 when -n is absent. */
  readonly count: number;
  readonly key?: string;
  /** Security groups in the order given; `['default']` when no -g. */
  readonly groups: readonly string[];
  /** Instance type; `m1.small` when no -t. */
  readonly type: string;
  readonly zone?: string;
  /** Verbatim text: `${...}` placeholders are kept for the model to substitute. */
  readonly userData?: string;
}

/**
 * `ec2-terminate-instances`, `ec2-reboot-instances` (at least one instance) and
 * `ec2-describe-instances` (none means all).
 */
export interface InstancesCommand {
  readonly verb: 'terminate-instances' | 'reboot-instances' | 'describe-instances';
  readonly instances: readonly InstanceRef[];
}

/** `ec2-get-console-output`: one instance's boot console. */
export interface GetConsoleOutputCommand {
  readonly verb: 'get-console-output';
  readonly instance: InstanceRef;
}

/** The IP protocols a security-group rule (and the 2008 NAT) passes. */
export type IpProtocol = 'tcp' | 'udp' | 'icmp';

/**
 * `ec2-authorize` / `ec2-revoke`: add or remove an ingress rule of `group`. For tcp and udp,
 * `fromPort..toPort` is an inclusive port range (0..65535); for icmp, `fromPort` is the ICMP
 * type and `toPort` the code, -1 meaning any (as in the EC2 API). The source is either a CIDR
 * block (`sourceCidr`, 0.0.0.0/0 by default) or another group (`sourceGroup`, optionally of
 * account `sourceAccount`); exactly one of `sourceCidr` and `sourceGroup` is present.
 * `protocol: 'all'` (a group source with no -P, -p or -t, as the 2008 API granted it) stands
 * for three rules: every TCP port, every UDP port and every ICMP type (see {@link ruleParts}).
 */
export interface SecurityRuleCommand {
  readonly verb: 'authorize' | 'revoke';
  readonly group: string;
  readonly protocol: IpProtocol | 'all';
  readonly fromPort: number;
  readonly toPort: number;
  readonly sourceCidr?: string;
  readonly sourceGroup?: string;
  readonly sourceAccount?: string;
}

/** `ec2-allocate-address`: take an elastic IP; it becomes `@eip.N` in allocation order. */
export interface AllocateAddressCommand {
  readonly verb: 'allocate-address';
}

/** `ec2-associate-address -i REF ADDRESS`: map an elastic IP to an instance. */
export interface AssociateAddressCommand {
  readonly verb: 'associate-address';
  readonly instance: InstanceRef;
  readonly address: AddressRef;
}

/** `ec2-disassociate-address`, `ec2-release-address`: unmap, or give back, an elastic IP. */
export interface AddressCommand {
  readonly verb: 'disassociate-address' | 'release-address';
  readonly address: AddressRef;
}

/** `ec2-add-keypair NAME`, `ec2-delete-keypair NAME`: create or delete an SSH key pair. */
export interface KeyPairCommand {
  readonly verb: 'add-keypair' | 'delete-keypair';
  readonly name: string;
}

/** One parsed EC2 command line; switch on `verb`. */
export type Ec2Command =
  | KeyPairCommand
  | RunInstancesCommand
  | InstancesCommand
  | GetConsoleOutputCommand
  | SecurityRuleCommand
  | AllocateAddressCommand
  | AssociateAddressCommand
  | AddressCommand;

/** What an instance reference may look like, for error messages. */
export const INSTANCE_REF_FORMS = '@role.N, @N, @last or i-xxxxxxxx';

const ROLE_REF = /^@([A-Za-z][A-Za-z0-9_-]*)\.(\d+)$/;
const LAUNCH_REF = /^@(\d+)$/;
const INSTANCE_ID = /^i-[0-9a-f]{8}$/;

/** Parses an instance reference (see {@link InstanceRef}); `command` prefixes error messages. */
export function parseInstanceRef(command: string, text: string): InstanceRef {
  if (text === '@last') return { kind: 'last' };
  const role = ROLE_REF.exec(text);
  if (role) return { kind: 'role', role: role[1]!, index: safeInteger(command, text, role[2]!) };
  const launch = LAUNCH_REF.exec(text);
  if (launch) {
    const n = safeInteger(command, text, launch[1]!);
    if (n === 0) throw new Ec2CommandError(`${command}: launches are counted from 1, got "@0" (@1 is the first launch)`);
    return { kind: 'launch', n };
  }
  if (INSTANCE_ID.test(text)) return { kind: 'id', id: text };
  throw new Ec2CommandError(`${command}: "${text}" is not an instance; expected ${INSTANCE_REF_FORMS}`);
}

/** The canonical text of an instance reference; `parseInstanceRef` reads it back. */
export function formatInstanceRef(ref: InstanceRef): string {
  if (ref.kind === 'role') return `@${ref.role}.${ref.index}`;
  if (ref.kind === 'launch') return `@${ref.n}`;
  return ref.kind === 'last' ? '@last' : ref.id;
}

/** Parses an elastic-IP reference (see {@link AddressRef}); `command` prefixes error messages. */
export function parseAddressRef(command: string, text: string): AddressRef {
  const eip = /^@eip\.(\d+)$/.exec(text);
  if (eip) return { kind: 'eip', index: safeInteger(command, text, eip[1]!) };
  if (isIpv4(text)) return { kind: 'ip', ip: text };
  throw new Ec2CommandError(
    `${command}: "${text}" is not an address; expected a dotted IPv4 address (e.g. 75.101.10.20) or @eip.N`,
  );
}

/** The canonical text of an address reference; `parseAddressRef` reads it back. */
export function formatAddressRef(ref: AddressRef): string {
  return ref.kind === 'eip' ? `@eip.${ref.index}` : ref.ip;
}

/** True for a dotted-quad IPv4 address: four decimal octets 0..255, no leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv4 CIDR block `a.b.c.d/n`: octets 0..255, prefix length n 0..32. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const bits = text.slice(slash + 1);
  return isIpv4(text.slice(0, slash)) && /^(0|[1-9]\d?)$/.test(bits) && Number(bits) <= 32;
}

/** The option values of `ec2-run-instances`, by short flag, as written (-g in order). */
export interface RunFlags {
  readonly n?: string | undefined;
  readonly k?: string | undefined;
  readonly g?: readonly string[] | undefined;
  readonly t?: string | undefined;
  readonly z?: string | undefined;
  readonly d?: string | undefined;
}

/**
 * Validates `ec2-run-instances` arguments: the image is `ami-` and 8 hex digits; -n a positive
 * integer (default 1); -t a type name like m1.small (the default); -g defaults to `default`.
 * Key, zone and user data are taken as written. `command` prefixes error messages.
 */
export function runInstances(command: string, image: string, f: RunFlags): RunInstancesCommand {
  if (!/^ami-[0-9a-f]{8}$/.test(image)) {
    throw new Ec2CommandError(`${command}: "${image}" is not an image id; expected ami-xxxxxxxx (8 hex digits)`);
  }
  const n = f.n ?? '1';
  if (!/^[1-9]\d*$/.test(n) || !Number.isSafeInteger(Number(n)) || Number(n) > MAX_INSTANCES_PER_LAUNCH) {
    throw new Ec2CommandError(`${command}: -n expects an integer from 1 to ${MAX_INSTANCES_PER_LAUNCH}, got "${n}"`);
  }
  const type = f.t ?? 'm1.small';
  if (!/^[a-z][a-z0-9]*\.[a-z0-9]+$/.test(type)) {
    throw new Ec2CommandError(`${command}: -t expects an instance type such as m1.small, m1.large or m1.xlarge, got "${type}"`);
  }
  return {
    verb: 'run-instances',
    image,
    count: Number(n),
    ...(f.k === undefined ? {} : { key: f.k }),
    groups: f.g ?? ['default'],
    type,
    ...(f.z === undefined ? {} : { zone: f.z }),
    ...(f.d === undefined ? {} : { userData: f.d }),
  };
}

/** The option values of `ec2-authorize` / `ec2-revoke`, by short flag, as written. */
export interface RuleFlags {
  readonly P?: string | undefined;
  readonly p?: string | undefined;
  readonly t?: string | undefined;
  readonly s?: string | undefined;
  readonly o?: string | undefined;
  readonly u?: string | undefined;
}

/**
 * Validates `ec2-authorize` / `ec2-revoke` flags into a rule. A group source (-o) with none of
 * -P, -p and -t grants TCP, UDP and ICMP (`protocol: 'all'`), as the 2008 API did. Otherwise -P
 * defaults to tcp; tcp and udp need -p, except for a group source where no -p means all ports;
 * icmp takes -t (default -1:-1, any type and code) and no -p. -s defaults to 0.0.0.0/0 unless -o is given; -s and -o
 * exclude each other and -u needs -o. `command` prefixes error messages.
 */
export function securityRule(verb: 'authorize' | 'revoke', command: string, group: string, f: RuleFlags): SecurityRuleCommand {
  const fail = (msg: string): never => {
    throw new Ec2CommandError(`${command}: ${msg}`);
  };
  if (f.o !== undefined && f.P === undefined && f.p === undefined && f.t === undefined) {
    // 2008: a user/group-pair grant named no protocol and opened TCP, UDP and ICMP.
    if (f.s !== undefined) fail('give either -s CIDR or -o GROUP as the source, not both');
    return { verb, group, protocol: 'all', fromPort: 0, toPort: 65535, sourceGroup: f.o, ...(f.u === undefined ? {} : { sourceAccount: f.u }) };
  }
  const proto = (f.P ?? 'tcp').toLowerCase();
  const protocol = PROTOCOLS.find((p) => p === proto) ?? fail(`-P expects tcp, udp or icmp, got "${proto}"`);
  let ports: { fromPort: number; toPort: number };
  if (protocol === 'icmp') {
    if (f.p !== undefined) fail('-p is for tcp and udp; for icmp give -t TYPE:CODE (e.g. -t 8:0, or -t -1:-1 for all)');
    ports = f.t === undefined ? { fromPort: -1, toPort: -1 } : parseIcmpTypeCode(command, f.t);
  } else {
    if (f.t !== undefined) fail(`-t TYPE:CODE is for icmp; give -P icmp, or -p for ${protocol} ports`);
    if (f.p !== undefined) ports = parsePortRange(command, f.p);
    else if (f.o !== undefined) ports = { fromPort: 0, toPort: 65535 };
    else return fail(`-P ${protocol} needs -p PORT or -p FROM-TO (e.g. -p 22 or -p 6000-6010)`);
  }
  if (f.s !== undefined && f.o !== undefined) fail('give either -s CIDR or -o GROUP as the source, not both');
  if (f.u !== undefined && f.o === undefined) fail('-u names the account owning the -o source group; give -o GROUP too');
  if (f.s !== undefined && !isCidr(f.s)) fail(`-s expects a CIDR block a.b.c.d/n (octets 0..255, n 0..32), got "${f.s}"`);
  return {
    verb,
    group,
    protocol,
    ...ports,
    ...(f.o === undefined ? { sourceCidr: f.s ?? '0.0.0.0/0' } : { sourceGroup: f.o }),
    ...(f.u === undefined ? {} : { sourceAccount: f.u }),
  };
}

const PROTOCOLS: readonly IpProtocol[] = ['tcp', 'udp', 'icmp'];

/**
 * The rules a security-rule command stands for, each a protocol and its range: the command's
 * own, or for `protocol: 'all'` every TCP port, every UDP port and every ICMP type and code.
 */
export function ruleParts(cmd: SecurityRuleCommand): { protocol: IpProtocol; fromPort: number; toPort: number }[] {
  if (cmd.protocol !== 'all') return [{ protocol: cmd.protocol, fromPort: cmd.fromPort, toPort: cmd.toPort }];
  return [{ protocol: 'tcp', fromPort: 0, toPort: 65535 }, { protocol: 'udp', fromPort: 0, toPort: 65535 }, { protocol: 'icmp', fromPort: -1, toPort: -1 }];
}

/**
 * Parses `-p PORT` or `-p FROM-TO` into an inclusive range, each port 0..65535 and from <= to.
 * `command` prefixes error messages.
 */
export function parsePortRange(command: string, text: string): { fromPort: number; toPort: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Ec2CommandError(`${command}: -p expects PORT or FROM-TO (e.g. -p 22 or -p 6000-6010), got "${text}"`);
  const fromPort = Number(m[1]);
  const toPort = m[2] === undefined ? fromPort : Number(m[2]);
  const bad = [fromPort, toPort].find((port) => port > 65535);
  if (bad !== undefined) throw new Ec2CommandError(`${command}: -p port ${bad} is out of range; ports are 0..65535`);
  if (fromPort > toPort) {
    throw new Ec2CommandError(`${command}: -p ${text} starts after it ends; write -p ${toPort}-${fromPort}`);
  }
  return { fromPort, toPort };
}

/**
 * Parses `-t TYPE:CODE` (ICMP type and code, each -1 for any or 0..255) into the EC2 API's
 * `fromPort` (type) and `toPort` (code). `command` prefixes error messages.
 */
export function parseIcmpTypeCode(command: string, text: string): { fromPort: number; toPort: number } {
  const m = /^(-1|\d{1,3}):(-1|\d{1,3})$/.exec(text);
  const type = Number(m?.[1]);
  const code = Number(m?.[2]);
  if (!m || type > 255 || code > 255) {
    throw new Ec2CommandError(
      `${command}: -t expects ICMP TYPE:CODE, each -1 (any) or 0..255 (e.g. -t 8:0 for echo request), got "${text}"`,
    );
  }
  return { fromPort: type, toPort: code };
}

function safeInteger(command: string, ref: string, digits: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new Ec2CommandError(`${command}: the number in "${ref}" is too large`);
  return n;
}
