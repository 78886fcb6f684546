import { describe, expect, it } from 'vitest';
import { EventBus, Simulation } from '../../src/engine/index.js';
import { constant } from '../../src/engine/distributions.js';
import { HOST_TYPES, INSTANCE_TYPES_2008 } from '../../src/cloud/catalog.js';
import { Cloud } from '../../src/cloud/cloud.js';
import { describeInstances } from '../../src/cloud/describe.js';
import { Ec2Api } from '../../src/cloud/ec2-api.js';
import { Ec2CommandError, formatEc2Command, parseEc2Command } from '../../src/cloud/ec2-commands.js';
import type { CloudEvents } from '../../src/cloud/events.js';
import { BUILTIN_IMAGES, Ec2ApiError, ImageRegistry } from '../../src/cloud/images.js';
import { KeyPairs, loginAccess } from '../../src/cloud/key-pairs.js';
import { build } from '../../src/scenario/build.js';
import { parseScenario } from '../../src/scenario/loader.js';

const BOOT_MS = 180_000; // 1.5 GB at 10 MB/s + 30 s

function world(seed = 1) {
  const sim = new Simulation({ seed });
  const bus = new EventBus<CloudEvents>();
  const cloud = new Cloud(sim, bus, {
    zones: [{ name: 'z', hosts: 2, racks: 1, hostType: HOST_TYPES['xen-2008']! }],
    placement: 'first-fit', s3BytesPerMs: 10_000, kernelBoot: constant(30_000), shutdownMs: 10_000, dayOffsetMs: 0,
  });
  const images = new ImageRegistry([...BUILTIN_IMAGES, { id: 'ami-0000c0de', name: 'own-keys', arch: 'i386', sizeBytes: 1_500_000_000, visibility: 'private', ownLogin: true }]);
  const api = new Ec2Api(cloud, images, INSTANCE_TYPES_2008);
  const run = (key?: string, image = 'ami-f937d290') => api.runInstances({ image, count: 1, type: 'm1.small', groups: ['default'], role: 'web', key });
  return { sim, api, run };
}

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof Ec2ApiError) return e.code;
    throw e;
  }
  return 'ok';
};

describe('ec2-add-keypair and ec2-delete-keypair command lines', () => {
  it('take one key name and print back canonically', () => {
    expect(parseEc2Command('ec2-add-keypair gsg-keypair')).toEqual({ verb: 'add-keypair', name: 'gsg-keypair' });
    expect(parseEc2Command('./ec2-delete-keypair amazon')).toEqual({ verb: 'delete-keypair', name: 'amazon' });
    expect(formatEc2Command(parseEc2Command('ec2-add-keypair amazon'))).toBe('ec2-add-keypair amazon');
  });

  it('refuse no name, two names and options', () => {
    expect(() => parseEc2Command('ec2-add-keypair')).toThrow(new Ec2CommandError('ec2-add-keypair: expected one key pair name (e.g. gsg-keypair)'));
    expect(() => parseEc2Command('ec2-delete-keypair a b')).toThrow(/expected only one key pair name/);
    expect(() => parseEc2Command('ec2-add-keypair a -k b')).toThrow(/unknown option -k/);
  });
});

describe('key pairs', () => {
  it('have 20-byte hex fingerprints, the same for the same seed and different for two keys', () => {
    const a = new KeyPairs(new Simulation({ seed: 5 }).random('cloud.keys'));
    const b = new KeyPairs(new Simulation({ seed: 5 }).random('cloud.keys'));
    const fa = a.add('amazon', 0).fingerprint;
    expect(fa).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(b.add('amazon', 0).fingerprint).toBe(fa);
    expect(a.add('ops', 0).fingerprint).not.toBe(fa);
  });

  it('refuse a duplicate name; delete says whether the key existed', () => {
    const keys = new KeyPairs(new Simulation({ seed: 1 }).random('cloud.keys'));
    keys.add('amazon', 0);
    expect(code(() => keys.add('amazon', 5))).toBe('InvalidKeyPair.Duplicate');
    expect(keys.delete('amazon')).toBe(true);
    expect(keys.delete('amazon')).toBe(false);
    expect(code(() => keys.require('amazon'))).toBe('InvalidKeyPair.NotFound');
  });
});

describe('launching with -k', () => {
  it('refuses a key the account does not hold (InvalidKeyPair.NotFound) and starts nothing', () => {
    const { api, run } = world();
    expect(code(() => run('amazon'))).toBe('InvalidKeyPair.NotFound');
    expect(api.launches).toHaveLength(0);
    api.keyPairs.add('amazon', 0);
    expect(run('amazon').instances).toHaveLength(1);
  });

  it('installs the key for root at boot: the console shows its fingerprint, describe-instances its name', () => {
    const { sim, api, run } = world();
    const key = api.keyPairs.add('amazon', 0);
    const [inst] = run('amazon').instances;
    expect(inst!.keyFingerprint).toBe(key.fingerprint);
    sim.run({ until: BOOT_MS });
    const console = api.consoleOutput(inst!);
    expect(console).toContain(`sshd: public key 'amazon' (fingerprint ${key.fingerprint}) installed for root`);
    const line = describeInstances([inst!], 0, '495219933132').split('\n')[1]!.split('\t');
    expect(line[6]).toBe('amazon'); // INSTANCE id ami public-dns private-dns state KEY ...
    const [bare] = run().instances;
    sim.run({ until: 2 * BOOT_MS });
    expect(api.consoleOutput(bare!)).toContain('no public key in the instance metadata; nothing installed for root');
  });
});

describe('who can log in (loginAccess)', () => {
  it('root with a key the account holds; nobody without a key; the image its own users', () => {
    const { sim, api, run } = world();
    api.keyPairs.add('amazon', 0);
    const [keyed] = run('amazon').instances;
    const [bare] = run().instances;
    const [own] = run(undefined, 'ami-0000c0de').instances;
    sim.run({ until: BOOT_MS });
    expect(loginAccess(keyed!, api.keyPairs)).toMatchObject({ possible: true });
    expect(loginAccess(bare!, api.keyPairs)).toMatchObject({ possible: false, detail: expect.stringContaining('launched without a key') });
    expect(loginAccess(own!, api.keyPairs)).toMatchObject({ possible: true, detail: expect.stringContaining('has its own login') });
  });

  it('not after the key pair is deleted, nor with a re-created key of the same name (a new fingerprint)', () => {
    const { sim, api, run } = world();
    api.keyPairs.add('amazon', 0);
    const [old] = run('amazon').instances;
    sim.run({ until: BOOT_MS });
    api.keyPairs.delete('amazon');
    expect(loginAccess(old!, api.keyPairs)).toMatchObject({ possible: false, detail: expect.stringContaining('no longer held') });
    api.keyPairs.add('amazon', BOOT_MS);
    expect(loginAccess(old!, api.keyPairs)).toMatchObject({ possible: false, detail: expect.stringContaining('re-created') });
    const [fresh] = run('amazon').instances;
    expect(loginAccess(fresh!, api.keyPairs).possible).toBe(true);
  });
});

describe('key pairs in a scenario', () => {
  const scenario = `name: keys
duration: 6h
cloud: { zones: { us-east-1a: { hosts: 4 } } }
fleet:
  lb: { image: ami-f937d290, count: 1, group: web, key: amazon }
actions:
  - { at: 0s, run: "ec2-authorize web -P tcp -p 22" }
  - { at: 10m, run: "ec2-run-instances ami-f937d290 -k missing -g web" }
  - { at: 10m, run: "ec2-add-keypair amazon" }
  - { at: 1h, run: "ec2-delete-keypair amazon" }
  - { at: 2h, run: "ec2-terminate-instances @lb.0" }
recovery: { front_end: lb, health_check: { every: 30s, failures: 3 } }
dns:
  records: [{ name: www.example.com, type: A, ttl: 60s, to: [lb] }]
  resolvers: { count: 10 }
clients: { count: 100, request_every: 1m }
probes:
  - { at: 30m, from: 0.0.0.0/0, to: lb, proto: tcp, port: 22 }
  - { at: 1h30m, from: 0.0.0.0/0, to: lb, proto: tcp, port: 22 }
`;

  it('a key the fleet names is held from the start; refusals are recorded and the run goes on; a replacement needing a deleted key is refused at every health check', () => {
    const result = build(parseScenario(scenario, 'keys.yaml').scenario, 1).run();
    const actions = result.tables.find((t) => t.name === 'actions')!;
    expect(actions.rows.map((r) => r[2])).toEqual(['ok', 'InvalidKeyPair.NotFound', 'InvalidKeyPair.Duplicate', 'ok', 'ok']);
    const flows = result.tables.find((t) => t.name === 'flows')!;
    const login = flows.columns.indexOf('login');
    expect(flows.rows.map((r) => r[login])).toEqual(['yes', 'no']);
    const summary = new Map(result.summary);
    expect(summary.get('api_calls_refused')).toBe(2);
    // From the stop at 2 h the automation retries each 30 s health check until the end: never a replacement.
    expect(summary.get('recovery_launch_failures')).toBeGreaterThan(400);
    expect(summary.get('instances_launched')).toBe(1);
  });
});
