import { describe, expect, it } from 'vitest';
import {
  EC2_COMMAND_NAMES,
  Ec2CommandError,
  formatEc2Command,
  parseEc2Command,
  ruleParts,
  type Ec2Command,
  type SecurityRuleCommand,
} from '../../src/cloud/ec2-commands.js';

/** Asserts that `line` is rejected with an Ec2CommandError whose message is exactly `message`. */
function rejects(line: string, message: string): void {
  let caught: unknown;
  try {
    parseEc2Command(line);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Ec2CommandError);
  expect((caught as Error).message).toBe(message);
}

/** Parses, formats and parses again: the canonical form must mean the same command. */
function roundTrips(line: string): Ec2Command {
  const cmd = parseEc2Command(line);
  expect(parseEc2Command(formatEc2Command(cmd))).toEqual(cmd);
  return cmd;
}

describe('the article’s command lines', () => {
  it('launches one instance with a key pair', () => {
    expect(parseEc2Command('ec2-run-instances ami-f937d290 -k amazon')).toEqual({
      verb: 'run-instances',
      image: 'ami-f937d290',
      count: 1,
      key: 'amazon',
      groups: ['default'],
      type: 'm1.small',
    });
  });

  it('launches ten, also typed as ./ec2-run-instances as in the article', () => {
    const cmd = parseEc2Command('ec2-run-instances ami-f937d290 -n 10 -k amazon');
    expect(cmd).toMatchObject({ verb: 'run-instances', image: 'ami-f937d290', count: 10, key: 'amazon' });
    expect(parseEc2Command('./ec2-run-instances ami-f937d290 -n 10 -k amazon')).toEqual(cmd);
  });

  it('reads a console', () => {
    expect(parseEc2Command('ec2-get-console-output i-8fad57e6')).toEqual({
      verb: 'get-console-output',
      instance: { kind: 'id', id: 'i-8fad57e6' },
    });
  });

  it('opens SSH, HTTP and HTTPS to the webserver group', () => {
    for (const port of [22, 80, 443]) {
      expect(parseEc2Command(`ec2-authorize webserver -P tcp -p ${port}`)).toEqual({
        verb: 'authorize',
        group: 'webserver',
        protocol: 'tcp',
        fromPort: port,
        toPort: port,
        sourceCidr: '0.0.0.0/0',
      });
    }
  });
});

describe('ec2-run-instances', () => {
  it('reads every flag, short and long, with -g repeatable in order', () => {
    const expected = {
      verb: 'run-instances',
      image: 'ami-5a1f3c27',
      count: 3,
      key: 'gsg-keypair',
      groups: ['webserver', 'monitoring'],
      type: 'm1.large',
      zone: 'us-east-1a',
      userData: 'role=web',
    };
    expect(
      parseEc2Command('ec2-run-instances ami-5a1f3c27 -n 3 -k gsg-keypair -g webserver -g monitoring -t m1.large -z us-east-1a -d role=web'),
    ).toEqual(expected);
    expect(
      parseEc2Command(
        'ec2-run-instances --instance-count 3 --key=gsg-keypair --group webserver -g monitoring --instance-type m1.large --availability-zone us-east-1a --user-data role=web ami-5a1f3c27',
      ),
    ).toEqual(expected);
    expect(parseEc2Command('ec2-run-instances ami-5a1f3c27 -n3')).toMatchObject({ count: 3 });
  });

  it('keeps quoted user data literally, ${...} included, and tolerates tabs and extra spaces', () => {
    expect(parseEc2Command('ec2-run-instances ami-f937d290 -d "db=${db.private_ip}"')).toMatchObject({
      userData: 'db=${db.private_ip}',
    });
    expect(parseEc2Command(`ec2-run-instances\tami-f937d290   -d 'a "quoted"  word' `)).toMatchObject({
      userData: 'a "quoted"  word',
    });
    expect(parseEc2Command(`ec2-run-instances ami-f937d290 -d "it's -x"`)).toMatchObject({ userData: "it's -x" });
    // An option's value is the next word even when it starts with a dash.
    expect(parseEc2Command('ec2-run-instances ami-f937d290 -d -v')).toMatchObject({ userData: '-v' });
  });

  it('round-trips through the canonical form, with defaults written out', () => {
    const cmd = roundTrips('ec2-run-instances ami-f937d290 -k amazon');
    expect(formatEc2Command(cmd)).toBe('ec2-run-instances ami-f937d290 -n 1 -k amazon -g default -t m1.small');
    const quoted = roundTrips(`ec2-run-instances ami-f937d290 -g a -g b -z us-east-1b -d 'say "hi" ${'${web.public_ip}'}'`);
    expect(formatEc2Command(quoted)).toBe(
      `ec2-run-instances ami-f937d290 -n 1 -g a -g b -t m1.small -z us-east-1b -d 'say "hi" \${web.public_ip}'`,
    );
    roundTrips(`ec2-run-instances ami-f937d290 -d "it's"`);
    expect(formatEc2Command(roundTrips('ec2-run-instances ami-f937d290 -d -v'))).toContain(' -d -v');
    expect(formatEc2Command(roundTrips('ec2-authorize "-odd name" -p 22'))).toBe('ec2-authorize "-odd name" -P tcp -p 22 -s 0.0.0.0/0');
    expect(formatEc2Command(roundTrips('ec2-authorize "-odd" -p 22'))).toBe('ec2-authorize "-odd" -P tcp -p 22 -s 0.0.0.0/0');
  });

  it('explains every mistake', () => {
    rejects('ec2-run-instances ami-f937d290 -n ten', 'ec2-run-instances: -n expects an integer from 1 to 1000000, got "ten"');
    rejects('ec2-run-instances ami-f937d290 -n 0', 'ec2-run-instances: -n expects an integer from 1 to 1000000, got "0"');
    rejects('ec2-run-instances ami-f937d290 -n 2-5', 'ec2-run-instances: -n expects an integer from 1 to 1000000, got "2-5"');
    rejects('ec2-run-instances ami-f937d290 -n 1000000000000', 'ec2-run-instances: -n expects an integer from 1 to 1000000, got "1000000000000"');
    rejects('ec2-run-instances ami-f937d290 --foo', 'ec2-run-instances: unknown option --foo; accepted: -n, -k, -g, -t, -z, -d');
    rejects('ec2-run-instances ami-f937d290 -x 1', 'ec2-run-instances: unknown option -x; accepted: -n, -k, -g, -t, -z, -d');
    rejects(
      'ec2-run-instances ami-f937d290 --instance-cont 2',
      'ec2-run-instances: unknown option --instance-cont (did you mean --instance-count?); accepted: -n, -k, -g, -t, -z, -d',
    );
    rejects('ec2-run-instances ami-f937d290 --no-key', 'ec2-run-instances: unknown option --no-key; accepted: -n, -k, -g, -t, -z, -d');
    rejects('ec2-run-instances -k amazon', 'ec2-run-instances: expected one image id (ami-xxxxxxxx)');
    rejects(
      'ec2-run-instances ami-f937d290 ami-5a1f3c27',
      'ec2-run-instances: expected only one image id (ami-xxxxxxxx), got 2: ami-f937d290 ami-5a1f3c27',
    );
    rejects('ec2-run-instances fedora-8', 'ec2-run-instances: "fedora-8" is not an image id; expected ami-xxxxxxxx (8 hex digits)');
    rejects('ec2-run-instances ami-f937d290 -k', 'ec2-run-instances: -k expects a value');
    rejects('ec2-run-instances ami-f937d290 --group', 'ec2-run-instances: -g expects a value');
    rejects('ec2-run-instances ami-f937d290 -k ""', 'ec2-run-instances: -k expects a value, got ""');
    rejects('ec2-run-instances ami-f937d290 -k a -k b', 'ec2-run-instances: -k given 2 times; give it once');
    rejects('ec2-run-instances ami-f937d290 -n 2 --instance-count 3', 'ec2-run-instances: -n given 2 times; give it once');
    rejects(
      'ec2-run-instances ami-f937d290 -t huge',
      'ec2-run-instances: -t expects an instance type such as m1.small, m1.large or m1.xlarge, got "huge"',
    );
    rejects('ec2-run-instances ami-f937d290 -d "db=${db.private_ip}', 'unterminated " quote in: ec2-run-instances ami-f937d290 -d "db=${db.private_ip}');
  });
});

describe('commands naming instances', () => {
  it('reads role, launch-order, last and literal references', () => {
    expect(parseEc2Command('ec2-terminate-instances @web.0 @3 @last i-8fad57e6')).toEqual({
      verb: 'terminate-instances',
      instances: [
        { kind: 'role', role: 'web', index: 0 },
        { kind: 'launch', n: 3 },
        { kind: 'last' },
        { kind: 'id', id: 'i-8fad57e6' },
      ],
    });
    expect(parseEc2Command('ec2-reboot-instances @db_primary-2.11')).toEqual({
      verb: 'reboot-instances',
      instances: [{ kind: 'role', role: 'db_primary-2', index: 11 }],
    });
    expect(parseEc2Command('ec2-describe-instances')).toEqual({ verb: 'describe-instances', instances: [] });
    expect(parseEc2Command('ec2-describe-instances @lb.0 "@1"')).toEqual({
      verb: 'describe-instances',
      instances: [{ kind: 'role', role: 'lb', index: 0 }, { kind: 'launch', n: 1 }],
    });
    for (const line of ['ec2-terminate-instances @web.0 @3 @last i-8fad57e6', 'ec2-describe-instances', 'ec2-get-console-output @last']) {
      expect(formatEc2Command(roundTrips(line))).toBe(line);
    }
  });

  it('explains every mistake', () => {
    const forms = '@role.N, @N, @last or i-xxxxxxxx';
    rejects('ec2-terminate-instances', `ec2-terminate-instances: expected at least one instance (${forms})`);
    rejects('ec2-reboot-instances', `ec2-reboot-instances: expected at least one instance (${forms})`);
    rejects('ec2-terminate-instances web.0', `ec2-terminate-instances: "web.0" is not an instance; expected ${forms}`);
    rejects('ec2-terminate-instances @web', `ec2-terminate-instances: "@web" is not an instance; expected ${forms}`);
    rejects('ec2-terminate-instances i-8FAD57E6', `ec2-terminate-instances: "i-8FAD57E6" is not an instance; expected ${forms}`);
    rejects('ec2-terminate-instances @0', 'ec2-terminate-instances: launches are counted from 1, got "@0" (@1 is the first launch)');
    rejects('ec2-describe-instances @99999999999999999999', 'ec2-describe-instances: the number in "@99999999999999999999" is too large');
    rejects('ec2-terminate-instances --force @1', 'ec2-terminate-instances: unknown option --force; it takes no options');
    rejects('ec2-get-console-output', `ec2-get-console-output: expected one instance (${forms})`);
    rejects('ec2-get-console-output @1 @2', `ec2-get-console-output: expected only one instance (${forms}), got 2: @1 @2`);
  });
});

describe('ec2-authorize and ec2-revoke', () => {
  it('reads port ranges, protocols, sources and long forms', () => {
    expect(parseEc2Command('ec2-revoke webserver -P udp -p 6000-6010 -s 10.251.0.0/16')).toEqual({
      verb: 'revoke',
      group: 'webserver',
      protocol: 'udp',
      fromPort: 6000,
      toPort: 6010,
      sourceCidr: '10.251.0.0/16',
    });
    expect(parseEc2Command('ec2-authorize db -p 3306 -o webserver -u 495219933132')).toEqual({
      verb: 'authorize',
      group: 'db',
      protocol: 'tcp',
      fromPort: 3306,
      toPort: 3306,
      sourceGroup: 'webserver',
      sourceAccount: '495219933132',
    });
    // A group grant with no -P, -p or -t is the 2008 API's: TCP, UDP and ICMP.
    const all = parseEc2Command('ec2-authorize db -o webserver');
    expect(all).toEqual({ verb: 'authorize', group: 'db', protocol: 'all', fromPort: 0, toPort: 65535, sourceGroup: 'webserver' });
    expect(ruleParts(all as SecurityRuleCommand)).toEqual([
      { protocol: 'tcp', fromPort: 0, toPort: 65535 }, { protocol: 'udp', fromPort: 0, toPort: 65535 }, { protocol: 'icmp', fromPort: -1, toPort: -1 },
    ]);
    expect(parseEc2Command('ec2-authorize db -P tcp -o webserver')).toMatchObject({ protocol: 'tcp', fromPort: 0, toPort: 65535 });
    expect(parseEc2Command('ec2-authorize db -p 80 -o webserver')).toMatchObject({ protocol: 'tcp', fromPort: 80, toPort: 80 });
    expect(
      parseEc2Command('ec2-authorize webserver --protocol TCP --port-range 0-65535 --source-subnet 0.0.0.0/0'),
    ).toEqual(parseEc2Command('ec2-authorize webserver -p 0-65535'));
    expect(parseEc2Command('ec2-authorize web --source-group lb --source-group-user 111122223333 -p 80')).toMatchObject({
      sourceGroup: 'lb',
      sourceAccount: '111122223333',
    });
  });

  it('takes ICMP type and code from -t, any (-1:-1) by default', () => {
    expect(parseEc2Command('ec2-authorize default -P icmp')).toMatchObject({ protocol: 'icmp', fromPort: -1, toPort: -1 });
    expect(parseEc2Command('ec2-authorize default -P icmp -t 8:0')).toMatchObject({ fromPort: 8, toPort: 0 });
    expect(parseEc2Command('ec2-authorize default -P icmp -t -1:-1')).toMatchObject({ fromPort: -1, toPort: -1 });
    expect(parseEc2Command('ec2-authorize default -P icmp --icmp-type-code 3:-1')).toMatchObject({ fromPort: 3, toPort: -1 });
  });

  it('round-trips through the canonical form', () => {
    for (const line of [
      'ec2-authorize webserver -P tcp -p 22 -s 0.0.0.0/0',
      'ec2-revoke webserver -P udp -p 6000-6010 -s 10.251.0.0/16',
      'ec2-authorize default -P icmp -t -1:-1 -s 0.0.0.0/0',
      'ec2-authorize db -P tcp -p 3306 -o webserver -u 495219933132',
      'ec2-authorize db -o webserver',
      'ec2-revoke db -o webserver -u 495219933132',
    ]) {
      expect(formatEc2Command(roundTrips(line))).toBe(line);
    }
    expect(formatEc2Command(parseEc2Command('ec2-authorize webserver -p 443'))).toBe('ec2-authorize webserver -P tcp -p 443 -s 0.0.0.0/0');
  });

  it('explains every mistake', () => {
    const accepted = 'accepted: -P, -p, -t, -s, -o, -u';
    rejects('ec2-authorize -P tcp -p 22', 'ec2-authorize: expected one security group name');
    rejects('ec2-authorize a b -p 22', 'ec2-authorize: expected only one security group name, got 2: a b');
    rejects('ec2-authorize webserver -P sctp -p 22', 'ec2-authorize: -P expects tcp, udp or icmp, got "sctp"');
    rejects('ec2-authorize webserver -P tcp', 'ec2-authorize: -P tcp needs -p PORT or -p FROM-TO (e.g. -p 22 or -p 6000-6010)');
    rejects('ec2-authorize webserver -p http', 'ec2-authorize: -p expects PORT or FROM-TO (e.g. -p 22 or -p 6000-6010), got "http"');
    rejects('ec2-authorize webserver -p 22-', 'ec2-authorize: -p expects PORT or FROM-TO (e.g. -p 22 or -p 6000-6010), got "22-"');
    rejects('ec2-authorize webserver -p -1', 'ec2-authorize: -p expects PORT or FROM-TO (e.g. -p 22 or -p 6000-6010), got "-1"');
    rejects('ec2-authorize webserver -p 70000', 'ec2-authorize: -p port 70000 is out of range; ports are 0..65535');
    rejects('ec2-authorize webserver -p 1-65536', 'ec2-authorize: -p port 65536 is out of range; ports are 0..65535');
    rejects('ec2-authorize webserver -p 90-80', 'ec2-authorize: -p 90-80 starts after it ends; write -p 80-90');
    rejects(
      'ec2-authorize webserver -P icmp -p 8',
      'ec2-authorize: -p is for tcp and udp; for icmp give -t TYPE:CODE (e.g. -t 8:0, or -t -1:-1 for all)',
    );
    rejects('ec2-authorize webserver -t 8:0 -p 22', 'ec2-authorize: -t TYPE:CODE is for icmp; give -P icmp, or -p for tcp ports');
    for (const bad of ['8', '256:0', '8:-2', 'echo:0']) {
      rejects(
        `ec2-authorize webserver -P icmp -t ${bad}`,
        `ec2-authorize: -t expects ICMP TYPE:CODE, each -1 (any) or 0..255 (e.g. -t 8:0 for echo request), got "${bad}"`,
      );
    }
    rejects('ec2-authorize webserver -P icmp -t', 'ec2-authorize: -t expects a value');
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', '10.0.0.01/32', '10.0.0.0/', 'anywhere']) {
      rejects(
        `ec2-revoke webserver -p 22 -s ${bad}`,
        `ec2-revoke: -s expects a CIDR block a.b.c.d/n (octets 0..255, n 0..32), got "${bad}"`,
      );
    }
    rejects('ec2-authorize db -p 3306 -s 10.0.0.0/8 -o web', 'ec2-authorize: give either -s CIDR or -o GROUP as the source, not both');
    rejects('ec2-authorize db -p 3306 -u 495219933132', 'ec2-authorize: -u names the account owning the -o source group; give -o GROUP too');
    rejects('ec2-authorize webserver -p 22 --port 80', `ec2-authorize: unknown option --port; ${accepted}`);
    rejects('ec2-revoke webserver -p 22 -P tcp -P udp', 'ec2-revoke: -P given 2 times; give it once');
  });
});

describe('elastic IP commands', () => {
  it('allocate, associate, disassociate and release, by literal address or @eip.N', () => {
    expect(parseEc2Command('ec2-allocate-address')).toEqual({ verb: 'allocate-address' });
    expect(parseEc2Command('ec2-associate-address -i @lb.0 @eip.0')).toEqual({
      verb: 'associate-address',
      instance: { kind: 'role', role: 'lb', index: 0 },
      address: { kind: 'eip', index: 0 },
    });
    expect(parseEc2Command('ec2-associate-address 75.101.155.3 --instance i-8fad57e6')).toEqual({
      verb: 'associate-address',
      instance: { kind: 'id', id: 'i-8fad57e6' },
      address: { kind: 'ip', ip: '75.101.155.3' },
    });
    expect(parseEc2Command('ec2-disassociate-address 75.101.155.3')).toEqual({
      verb: 'disassociate-address',
      address: { kind: 'ip', ip: '75.101.155.3' },
    });
    expect(parseEc2Command('ec2-release-address @eip.2')).toEqual({ verb: 'release-address', address: { kind: 'eip', index: 2 } });
    for (const line of [
      'ec2-allocate-address',
      'ec2-associate-address -i @lb.0 @eip.0',
      'ec2-associate-address -i @2 75.101.155.3',
      'ec2-disassociate-address 75.101.155.3',
      'ec2-release-address @eip.2',
    ]) {
      expect(formatEc2Command(roundTrips(line))).toBe(line);
    }
  });

  it('explains every mistake', () => {
    const address = 'a dotted IPv4 address or @eip.N';
    rejects('ec2-allocate-address 75.101.155.3', 'ec2-allocate-address: takes no arguments, got 75.101.155.3');
    rejects('ec2-allocate-address -n 2', 'ec2-allocate-address: unknown option -n; it takes no options');
    rejects('ec2-associate-address @eip.0', 'ec2-associate-address: expected -i INSTANCE (@role.N, @N, @last or i-xxxxxxxx)');
    rejects('ec2-associate-address -i @lb.0', `ec2-associate-address: expected one address (${address})`);
    rejects('ec2-associate-address -i lb @eip.0', 'ec2-associate-address: "lb" is not an instance; expected @role.N, @N, @last or i-xxxxxxxx');
    rejects('ec2-associate-address -i @lb.0 -a @eip.0', 'ec2-associate-address: unknown option -a; accepted: -i');
    rejects(
      'ec2-associate-address -i @lb.0 75.101.155.300',
      'ec2-associate-address: "75.101.155.300" is not an address; expected a dotted IPv4 address (e.g. 75.101.10.20) or @eip.N',
    );
    rejects(
      'ec2-release-address @eip',
      'ec2-release-address: "@eip" is not an address; expected a dotted IPv4 address (e.g. 75.101.10.20) or @eip.N',
    );
    rejects('ec2-disassociate-address', `ec2-disassociate-address: expected one address (${address})`);
    rejects('ec2-release-address @eip.0 @eip.1', `ec2-release-address: expected only one address (${address}), got 2: @eip.0 @eip.1`);
  });
});

describe('command names', () => {
  it('suggests the closest real command for a typo or a missing ec2- prefix', () => {
    rejects('ec2-run-instance ami-f937d290', 'unknown command "ec2-run-instance" (did you mean "ec2-run-instances"?)');
    rejects('run-instances ami-f937d290', 'unknown command "run-instances" (did you mean "ec2-run-instances"?)');
    rejects('ec2-authorise webserver -p 22', 'unknown command "ec2-authorise" (did you mean "ec2-authorize"?)');
    rejects('ec2-upload-bundle', `unknown command "ec2-upload-bundle"; expected one of ${EC2_COMMAND_NAMES.join(', ')}`);
    rejects('   ', `empty command; expected one of ${EC2_COMMAND_NAMES.join(', ')}`);
  });

  it('lists exactly the 2008 tools it models', () => {
    expect(EC2_COMMAND_NAMES).toEqual([
      'ec2-run-instances',
      'ec2-terminate-instances',
      'ec2-reboot-instances',
      'ec2-describe-instances',
      'ec2-get-console-output',
      'ec2-authorize',
      'ec2-revoke',
      'ec2-add-keypair',
      'ec2-delete-keypair',
      'ec2-allocate-address',
      'ec2-associate-address',
      'ec2-disassociate-address',
      'ec2-release-address',
    ]);
  });
});
