/**
 * The 2008 EC2 API tools' command lines (`ec2-run-instances ami-f937d290 -n 10 -k amazon`),
 * parsed into typed commands for a scenario's `actions:` timeline, and printed back in a
 * canonical one-line form for logs. Words are split and options read by yargs' parser;
 * the types and the small value parsers live in `ec2-command-types.ts`.
 */
import { Parser } from 'yargs/helpers';
import { didYouMean as closest } from '../engine/did-you-mean.js';
import {
  Ec2CommandError,
  INSTANCE_REF_FORMS,
  formatAddressRef,
  formatInstanceRef,
  parseAddressRef,
  parseInstanceRef,
  runInstances,
  securityRule,
  type AddressRef,
  type Ec2Command,
  type InstanceRef,
} from './ec2-command-types.js';

export * from './ec2-command-types.js';

/** One option of a command: `-n` / `--instance-count`. Every option takes exactly one value. */
interface OptionSpec {
  readonly short: string;
  readonly long: string;
  /** May be given several times (`-g a -g b`); otherwise a second occurrence is an error. */
  readonly repeatable?: boolean;
}

/** A command line's words after the verb: positional arguments and option values by short name. */
interface Args {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<string, readonly string[]>;
}

interface VerbSpec {
  readonly options: readonly OptionSpec[];
  readonly build: (command: string, args: Args) => Ec2Command;
}

const RUN_OPTIONS: readonly OptionSpec[] = [
  { short: 'n', long: 'instance-count' },
  { short: 'k', long: 'key' },
  { short: 'g', long: 'group', repeatable: true },
  { short: 't', long: 'instance-type' },
  { short: 'z', long: 'availability-zone' },
  { short: 'd', long: 'user-data' },
];

const RULE_OPTIONS: readonly OptionSpec[] = [
  { short: 'P', long: 'protocol' },
  { short: 'p', long: 'port-range' },
  { short: 't', long: 'icmp-type-code' },
  { short: 's', long: 'source-subnet' },
  { short: 'o', long: 'source-group' },
  { short: 'u', long: 'source-group-user' },
];

const VERBS: ReadonlyMap<string, VerbSpec> = new Map<string, VerbSpec>([
  ['ec2-run-instances', { options: RUN_OPTIONS, build: buildRunInstances }],
  ['ec2-terminate-instances', { options: [], build: (c, a) => ({ verb: 'terminate-instances', instances: atLeastOne(c, a) }) }],
  ['ec2-reboot-instances', { options: [], build: (c, a) => ({ verb: 'reboot-instances', instances: atLeastOne(c, a) }) }],
  ['ec2-describe-instances', { options: [], build: (c, a) => ({ verb: 'describe-instances', instances: instances(c, a) }) }],
  ['ec2-get-console-output', { options: [], build: buildConsoleOutput }],
  ['ec2-authorize', { options: RULE_OPTIONS, build: (c, a) => buildRule('authorize', c, a) }],
  ['ec2-revoke', { options: RULE_OPTIONS, build: (c, a) => buildRule('revoke', c, a) }],
  ['ec2-add-keypair', { options: [], build: (c, a) => ({ verb: 'add-keypair', name: keyName(c, a) }) }],
  ['ec2-delete-keypair', { options: [], build: (c, a) => ({ verb: 'delete-keypair', name: keyName(c, a) }) }],
  ['ec2-allocate-address', { options: [], build: buildAllocate }],
  ['ec2-associate-address', { options: [{ short: 'i', long: 'instance' }], build: buildAssociate }],
  ['ec2-disassociate-address', { options: [], build: (c, a) => ({ verb: 'disassociate-address', address: address(c, a) }) }],
  ['ec2-release-address', { options: [], build: (c, a) => ({ verb: 'release-address', address: address(c, a) }) }],
]);

/** The command names `parseEc2Command` accepts, as the 2008 tools spelled them. */
export const EC2_COMMAND_NAMES: readonly string[] = [...VERBS.keys()];

/**
 * Parses one EC2 command line, e.g. `ec2-authorize webserver -P tcp -p 22`. Words split on
 * whitespace outside quotes; a word wholly inside '…' or "…" loses its quotes and keeps
 * everything else literally (`-d "db=${db.private_ip}"` gives `db=${db.private_ip}`); quotes
 * inside a word (`db="a b"`) stay part of it. There are no backslash escapes. An option's value
 * is always the next word, even one starting with `-` (`-t -1:-1`). A directory before the
 * command name (`./ec2-run-instances`, as the article types it) is ignored.
 * Throws Ec2CommandError, saying what was wrong and what would be right.
 */
export function parseEc2Command(line: string): Ec2Command {
  const text = checkQuotes(line).trim();
  if (text === '') throw new Ec2CommandError(`empty command; expected one of ${EC2_COMMAND_NAMES.join(', ')}`);
  const space = text.indexOf(' ');
  const word = space < 0 ? text : text.slice(0, space);
  const rest = space < 0 ? '' : text.slice(space + 1);
  const name = word.slice(word.lastIndexOf('/') + 1);
  const spec = VERBS.get(name);
  if (!spec) {
    const guess = VERBS.has(`ec2-${name}`) ? `ec2-${name}` : closest(name, EC2_COMMAND_NAMES);
    throw new Ec2CommandError(
      guess === undefined
        ? `unknown command "${name}"; expected one of ${EC2_COMMAND_NAMES.join(', ')}`
        : `unknown command "${name}" (did you mean "${guess}"?)`,
    );
  }
  return spec.build(name, parseArgs(name, rest, spec.options));
}

/**
 * The canonical one-line form of a command, as used in logs: the real command name, then
 * positional arguments, then every option in a fixed order with defaults written out
 * (`ec2-run-instances ami-f937d290 -n 1 -k amazon -g default -t m1.small`). Values are quoted
 * when needed; `parseEc2Command` reads the result back to an equal command (except for values
 * holding both quote characters and whitespace, which the parser cannot express anyway).
 */
export function formatEc2Command(cmd: Ec2Command): string {
  const words: string[] = [`ec2-${cmd.verb}`];
  const opt = (flag: string, value: string | number | undefined): void => {
    if (value !== undefined) words.push(flag, quote(String(value)));
  };
  switch (cmd.verb) {
    case 'run-instances':
      words.push(quote(cmd.image, true));
      opt('-n', cmd.count);
      opt('-k', cmd.key);
      for (const g of cmd.groups) opt('-g', g);
      opt('-t', cmd.type);
      opt('-z', cmd.zone);
      opt('-d', cmd.userData);
      break;
    case 'terminate-instances':
    case 'reboot-instances':
    case 'describe-instances':
      words.push(...cmd.instances.map(formatInstanceRef));
      break;
    case 'get-console-output':
      words.push(formatInstanceRef(cmd.instance));
      break;
    case 'authorize':
    case 'revoke':
      words.push(quote(cmd.group, true));
      if (cmd.protocol !== 'all') {
        opt('-P', cmd.protocol);
        if (cmd.protocol === 'icmp') opt('-t', `${cmd.fromPort}:${cmd.toPort}`);
        else opt('-p', cmd.fromPort === cmd.toPort ? cmd.fromPort : `${cmd.fromPort}-${cmd.toPort}`);
      }
      opt('-s', cmd.sourceCidr);
      opt('-o', cmd.sourceGroup);
      opt('-u', cmd.sourceAccount);
      break;
    case 'add-keypair':
    case 'delete-keypair':
      words.push(quote(cmd.name, true));
      break;
    case 'allocate-address':
      break;
    case 'associate-address':
      opt('-i', formatInstanceRef(cmd.instance));
      words.push(formatAddressRef(cmd.address));
      break;
    case 'disassociate-address':
    case 'release-address':
      words.push(formatAddressRef(cmd.address));
      break;
  }
  return words.join(' ');
}

/**
 * Normalises whitespace outside quotes to single-space separators (yargs' tokenizer splits on
 * spaces only) and rejects an unterminated quote, which the tokenizer would silently extend to
 * the end of the line. The quote rules mirror the tokenizer's.
 */
function checkQuotes(line: string): string {
  let open: string | null = null;
  let out = '';
  for (const c of line) {
    if (open === null && /\s/.test(c)) {
      out += ' ';
      continue;
    }
    if (c === open) open = null;
    else if (open === null && (c === '"' || c === "'")) open = c;
    out += c;
  }
  if (open !== null) throw new Ec2CommandError(`unterminated ${open} quote in: ${line.trim()}`);
  return out;
}

/** Reads the words after the command name with yargs' parser; rejects unknown and repeated options. */
function parseArgs(command: string, rest: string, options: readonly OptionSpec[]): Args {
  const { argv, error } = Parser.detailed(rest, {
    // Values stay strings (even -n and -p) so that errors can quote exactly what was written.
    string: options.filter((o) => !o.repeatable).map((o) => o.short),
    array: options.filter((o) => o.repeatable).map((o) => o.short),
    alias: Object.fromEntries(options.map((o) => [o.short, o.long])),
    narg: Object.fromEntries(options.map((o) => [o.short, 1])),
    configuration: {
      'boolean-negation': false,
      'camel-case-expansion': false,
      'dot-notation': false,
      'duplicate-arguments-array': true,
      'greedy-arrays': false,
      'nargs-eats-options': true,
      'parse-numbers': false,
      'parse-positional-numbers': false,
    },
  });
  const known = new Set(options.flatMap((o) => [o.short, o.long]));
  const unknown = Object.keys(argv).find((k) => k !== '_' && k !== '--' && !known.has(k));
  if (unknown !== undefined) {
    const flag = unknown.length === 1 ? `-${unknown}` : `--${unknown}`;
    const guess = unknown.length > 1 ? closest(unknown, options.map((o) => o.long)) : undefined;
    const hint = guess === undefined ? '' : ` (did you mean --${guess}?)`;
    const accepted = options.length === 0 ? 'it takes no options' : `accepted: ${options.map((o) => `-${o.short}`).join(', ')}`;
    throw new Ec2CommandError(`${command}: unknown option ${flag}${hint}; ${accepted}`);
  }
  if (error) {
    const missing = /^Not enough arguments following: (.+)$/.exec(error.message)?.[1];
    const o = options.find((x) => x.short === missing || x.long === missing);
    throw new Ec2CommandError(o ? `${command}: -${o.short} expects a value` : `${command}: ${error.message}`);
  }
  const values = new Map<string, readonly string[]>();
  for (const o of options) {
    const raw: unknown = argv[o.short];
    if (raw === undefined) continue;
    const list = (Array.isArray(raw) ? raw : [raw]).map((v: unknown) => String(v));
    if (list.length > 1 && !o.repeatable) {
      throw new Ec2CommandError(`${command}: -${o.short} given ${list.length} times; give it once`);
    }
    if (list.some((v) => v === '')) throw new Ec2CommandError(`${command}: -${o.short} expects a value, got ""`);
    values.set(o.short, list);
  }
  return { positionals: argv._.map((p) => stripQuotes(String(p))), values };
}

/** yargs strips the quotes around option values but not around positional arguments. */
function stripQuotes(word: string): string {
  const q = word[0];
  return word.length >= 2 && (q === '"' || q === "'") && word.endsWith(q) ? word.slice(1, -1) : word;
}

/**
 * A value as one word that `parseEc2Command` reads back unchanged. Option values may start
 * with a dash (an option eats the next word); positional arguments may not.
 */
function quote(value: string, positional = false): string {
  if (/^[^\s'"][^\s'"]*$/.test(value) && !(positional && value.startsWith('-'))) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return value;
}

function one(args: Args, short: string): string | undefined {
  return args.values.get(short)?.[0];
}

function exactlyOne(command: string, args: Args, what: string): string {
  const [first, ...more] = args.positionals;
  if (first === undefined) throw new Ec2CommandError(`${command}: expected ${what}`);
  if (more.length > 0) {
    throw new Ec2CommandError(`${command}: expected only ${what}, got ${args.positionals.length}: ${args.positionals.join(' ')}`);
  }
  return first;
}

function instances(command: string, args: Args): InstanceRef[] {
  return args.positionals.map((p) => parseInstanceRef(command, p));
}

function atLeastOne(command: string, args: Args): InstanceRef[] {
  if (args.positionals.length === 0) throw new Ec2CommandError(`${command}: expected at least one instance (${INSTANCE_REF_FORMS})`);
  return instances(command, args);
}

function address(command: string, args: Args): AddressRef {
  return parseAddressRef(command, exactlyOne(command, args, 'one address (a dotted IPv4 address or @eip.N)'));
}

/** A key pair's name: one word, printable ASCII (EC2 allowed up to 255 characters). */
function keyName(command: string, args: Args): string {
  const name = exactlyOne(command, args, 'one key pair name (e.g. gsg-keypair)');
  if (!/^[\x21-\x7e]{1,255}$/.test(name)) throw new Ec2CommandError(`${command}: "${name}" is not a key pair name; expected up to 255 printable ASCII characters`);
  return name;
}

function buildRunInstances(command: string, args: Args): Ec2Command {
  const image = exactlyOne(command, args, 'one image id (ami-xxxxxxxx)');
  const [n, k, t, z, d] = ['n', 'k', 't', 'z', 'd'].map((key) => one(args, key));
  return runInstances(command, image, { n, k, g: args.values.get('g'), t, z, d });
}

function buildConsoleOutput(command: string, args: Args): Ec2Command {
  const ref = exactlyOne(command, args, `one instance (${INSTANCE_REF_FORMS})`);
  return { verb: 'get-console-output', instance: parseInstanceRef(command, ref) };
}

function buildRule(verb: 'authorize' | 'revoke', command: string, args: Args): Ec2Command {
  const group = exactlyOne(command, args, 'one security group name');
  const [P, p, t, s, o, u] = ['P', 'p', 't', 's', 'o', 'u'].map((k) => one(args, k));
  return securityRule(verb, command, group, { P, p, t, s, o, u });
}

function buildAllocate(command: string, args: Args): Ec2Command {
  if (args.positionals.length > 0) throw new Ec2CommandError(`${command}: takes no arguments, got ${args.positionals.join(' ')}`);
  return { verb: 'allocate-address' };
}

function buildAssociate(command: string, args: Args): Ec2Command {
  const ref = one(args, 'i');
  if (ref === undefined) throw new Ec2CommandError(`${command}: expected -i INSTANCE (${INSTANCE_REF_FORMS})`);
  return { verb: 'associate-address', instance: parseInstanceRef(command, ref), address: address(command, args) };
}
