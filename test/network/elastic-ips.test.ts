import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/engine/distributions.js';
import { Ec2ApiError } from '../../src/cloud/images.js';
import { parseCidr } from '../../src/network/ipv4.js';
import { BOOT_MS, DAY, HOUR, MIN, world } from './helpers.js';

/** A world whose event log records every elastic-IP event as `type@seconds`. */
function eipWorld(options: Parameters<typeof world>[0] = {}) {
  const w = world(options);
  const log: string[] = [];
  for (const t of ['eip.allocated', 'eip.remap-requested', 'eip.associated', 'eip.remap-dropped', 'eip.disassociated', 'eip.released'] as const) {
    w.bus.on(t, (e) => log.push(`${t}@${e.timeMs / 1000}${'instance' in e ? ` ${e.instance.id}` : ''}${'reason' in e ? ` ${e.reason}` : ''}`));
  }
  return { ...w, log };
}

describe('elastic IPs', () => {
  it('take effect after the remap delay; the dynamic address goes back to the pool then', () => {
    const { sim, network, launch, log } = eipWorld();
    const [lb] = launch('lb');
    sim.run({ until: BOOT_MS });
    const dynamic = lb!.publicIp!;
    const eip = network.eips.allocate();
    sim.run({ until: 10 * MIN });
    expect(network.eips.associate(eip, lb!)).toBe(12 * MIN);
    sim.run({ until: 12 * MIN - 1 });
    // Not yet: the elastic IP leads nowhere, the instance keeps its dynamic address.
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'elastic', eip: 0 });
    expect(lb!.publicIp).toBe(dynamic);
    expect(network.instanceAt(dynamic)).toBe(lb);
    sim.run({ until: 12 * MIN });
    expect(network.instanceAt(eip.address)).toBe(lb);
    expect(lb!.publicIp).toBe(eip.address);
    expect(lb!.publicDns).toBe(`ec2-${eip.address.replaceAll('.', '-')}.compute-1.amazonaws.com`);
    expect(network.currentHolder(dynamic)).toEqual({ kind: 'free' });
    expect(network.holderAt(dynamic, 12 * MIN - 1)).toMatchObject({ kind: 'instance', via: 'public' });
    expect(network.holderAt(eip.address, 11 * MIN)).toEqual({ kind: 'elastic', eip: 0 });
    expect(network.holderAt(eip.address, 12 * MIN)).toMatchObject({ kind: 'instance', via: 'elastic' });
    expect(log).toEqual([`eip.allocated@180`, `eip.remap-requested@600 ${lb!.id}`, `eip.associated@720 ${lb!.id}`]);
  });

  it('remapped to a replacement: the old mapping holds during the delay, then the old instance gets a new dynamic address', () => {
    const { sim, network, launch, log } = eipWorld({ elastic: { remapDelayMs: 5 * MIN, limit: 5 } });
    const [a, b] = launch('lb', 2);
    const eip = network.eips.allocate();
    network.eips.associate(eip, a!);
    sim.run({ until: HOUR });
    const bDynamic = b!.publicIp!;
    network.eips.remap(eip, b!);
    sim.run({ until: HOUR + 5 * MIN - 1 });
    expect(network.instanceAt(eip.address)).toBe(a);
    sim.run({ until: HOUR + 5 * MIN });
    expect(network.instanceAt(eip.address)).toBe(b);
    expect(a!.publicIp).not.toBe(eip.address);
    expect(network.instanceAt(a!.publicIp!)).toBe(a);
    expect(network.currentHolder(bDynamic)).toEqual({ kind: 'free' });
    expect(log.slice(-3)).toEqual([`eip.remap-requested@3600 ${b!.id}`, `eip.disassociated@3900 ${a!.id} remapped`, `eip.associated@3900 ${b!.id}`]);
  });

  it('disassociate is immediate and gives the instance a new dynamic address; a later request replaces a pending one', () => {
    const { sim, network, launch } = eipWorld();
    const [a, b] = launch('lb', 2);
    const eip = network.eips.allocate();
    network.eips.associate(eip, a!);
    sim.run({ until: MIN });
    network.eips.associate(eip, b!); // replaces the request for a before it took effect
    sim.run({ until: HOUR });
    expect(network.instanceAt(eip.address)).toBe(b);
    network.eips.disassociate(eip);
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'elastic', eip: 0 });
    expect(b!.publicIp).not.toBe(eip.address);
    expect(network.instanceAt(b!.publicIp!)).toBe(b);
  });

  it('stays allocated, mapped to nothing, when its instance terminates (the idle hours billing charges)', () => {
    const { sim, network, launch, cloud, log } = eipWorld();
    const [a] = launch('lb');
    const eip = network.eips.allocate();
    network.eips.associate(eip, a!);
    sim.run({ until: HOUR });
    cloud.hostDown(a!.host, 'hardware-failure');
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'elastic', eip: 0 });
    expect(network.eips.of(a!)).toBeUndefined();
    expect(log.at(-1)).toBe(`eip.disassociated@3600 ${a!.id} instance-terminated`);
  });

  it('drops a remap whose instance is gone when it would take effect', () => {
    const { sim, network, launch, cloud, log } = eipWorld();
    const [a] = launch('lb');
    const eip = network.eips.allocate();
    network.eips.associate(eip, a!);
    cloud.terminate(a!);
    sim.run({ until: HOUR });
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'elastic', eip: 0 });
    expect(log.at(-1)).toBe(`eip.remap-dropped@120 ${a!.id} ${a!.id} is terminated`);
    expect(() => network.eips.associate(eip, a!)).toThrow('IncorrectInstanceState');
  });

  it('refuses a sixth address (the 2008 limit of 5) and unknown ones, with EC2 error codes', () => {
    const { network } = eipWorld();
    for (let i = 0; i < 5; i++) network.eips.allocate();
    expect(() => network.eips.allocate()).toThrow(Ec2ApiError);
    expect(() => network.eips.allocate()).toThrow('AddressLimitExceeded');
    const first = network.eips.all[0]!;
    expect(network.eips.resolve({ kind: 'ip', ip: first.address })).toBe(first);
    network.eips.release(first);
    expect(() => network.eips.resolve({ kind: 'eip', index: 0 })).toThrow(/InvalidAddress.NotFound|was released/);
    expect(() => network.eips.resolve({ kind: 'ip', ip: '1.2.3.4' })).toThrow(/not an elastic IP/);
    expect(() => network.eips.resolve({ kind: 'eip', index: 9 })).toThrow(/@eip.9/);
    expect(network.eips.allocate().index).toBe(5);
  });

  it('a released address goes back to the pool, where another customer can take it', () => {
    // A /29 has 6 addresses; other customers want them all back at once.
    const { sim, network } = eipWorld({ publicPool: parseCidr('75.101.128.0/29'), churn: { ratePerMs: 60 / HOUR, hold: exponential({ mean: DAY }) } });
    const eip = network.eips.allocate();
    network.start();
    expect(network.plane.publicPool.expectedFree).toBeLessThan(0.1); // 5 left for others, who want 1,440
    sim.run({ until: MIN });
    network.eips.release(eip);
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'free' });
    sim.run({ until: HOUR });
    expect(network.currentHolder(eip.address)).toEqual({ kind: 'tenant' });
    expect(network.holderAt(eip.address, 30_000)).toEqual({ kind: 'elastic', eip: 0 });
  });

  it('refuses allocation from an exhausted pool as an outcome', () => {
    const { network } = eipWorld({ publicPool: parseCidr('75.101.128.0/30') });
    network.eips.allocate();
    network.eips.allocate();
    expect(() => network.eips.allocate()).toThrow('InsufficientAddressCapacity');
  });
});
