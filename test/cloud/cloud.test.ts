import { describe, expect, it } from 'vitest';
import { EventBus, InvalidTransitionError, Simulation } from '../../src/engine/index.js';
import { HOST_TYPES, INSTANCE_TYPES_2008 } from '../../src/cloud/catalog.js';
import { Cloud } from '../../src/cloud/cloud.js';
import { Ec2Api } from '../../src/cloud/ec2-api.js';
import type { CloudEvents } from '../../src/cloud/events.js';
import { BUILTIN_IMAGES, Ec2ApiError, ImageRegistry } from '../../src/cloud/images.js';
import { InstanceState } from '../../src/cloud/instance.js';
import { constant } from '../../src/engine/distributions.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

const MIN = 60_000;

function world(hosts = 4, overcommit = 1) {
  const sim = new Simulation({ seed: 3 });
  const bus = new EventBus<CloudEvents>();
  const events: string[] = [];
  for (const t of ['instance.pending', 'instance.running', 'instance.rebooting', 'instance.terminated', 'launch.failed'] as const) {
    bus.on(t, () => events.push(t));
  }
  const hostType = { ...HOST_TYPES['xen-2008']!, cpuOvercommit: overcommit };
  const cloud = new Cloud(sim, bus, {
    zones: [{ name: 'z', hosts, racks: 1, hostType }],
    placement: 'first-fit', s3BytesPerMs: 10_000, kernelBoot: constant(30_000), shutdownMs: 10_000, dayOffsetMs: 0,
  });
  const api = new Ec2Api(cloud, new ImageRegistry(BUILTIN_IMAGES), INSTANCE_TYPES_2008);
  return { sim, cloud, api, events };
}

describe('launching', () => {
  it('boots in image fetch + kernel time: 1.5 GB at 10 MB/s is 150 s, plus 30 s', () => {
    const { sim, api } = world();
    const [i] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: ['default'], role: 'web' }).instances;
    expect(i!.state).toBe(InstanceState.Pending);
    sim.run({ until: 179_999 });
    expect(i!.state).toBe(InstanceState.Pending);
    sim.run({ until: 180_000 });
    expect(i!.state).toBe(InstanceState.Running);
    expect(i!.runningMs).toBe(180_000);
    expect(i!.id).toMatch(/^i-[0-9a-f]{8}$/);
    expect(i!.reservationId).toMatch(/^r-[0-9a-f]{8}$/);
  });

  it('refuses with InsufficientInstanceCapacity when no host has room, and records it', () => {
    // A 2008 host offers guests 15 ECU (16 less dom0's 1), 31 GB and 3400 GB: 15 m1.small by CPU.
    const { api, events } = world(1);
    const out = api.runInstances({ image: 'ami-f937d290', count: 20, type: 'm1.small', groups: ['default'], role: 'web' });
    expect(out.instances).toHaveLength(15);
    expect(out.failures).toEqual(Array(5).fill('InsufficientInstanceCapacity'));
    expect(events.filter((e) => e === 'launch.failed')).toHaveLength(5);
  });

  it('refuses an i386 image on a 64-bit type and an unknown AMI', () => {
    const { api } = world();
    expect(() => api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.large', groups: [], role: 'x' })).toThrow(Ec2ApiError);
    expect(() => api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.large', groups: [], role: 'x' })).toThrow('InvalidParameterValue');
    expect(() => api.runInstances({ image: 'ami-00000000', count: 1, type: 'm1.small', groups: [], role: 'x' })).toThrow('InvalidAMIID.NotFound');
  });
});

describe('reboot and terminate', () => {
  it('a reboot keeps the instance store and the addresses', () => {
    const { sim, api, cloud } = world();
    const [i] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web' }).instances;
    sim.run({ until: 10 * MIN });
    i!.privateIp = '10.251.0.7';
    i!.publicIp = '75.101.130.7';
    const store = i!.store;
    expect(cloud.reboot(i!)).toBe(true);
    expect(i!.state).toBe(InstanceState.Rebooting);
    sim.run({ until: 20 * MIN });
    expect(i!.state).toBe(InstanceState.Running);
    expect(i!.store).toBe(store);
    expect(store).toEqual({ wiped: false, reboots: 1 });
    expect([i!.privateIp, i!.publicIp]).toEqual(['10.251.0.7', '75.101.130.7']);
    expect(i!.host.guests.has(i!)).toBe(true);
  });

  it('terminate shuts down, then wipes the store and frees the host', () => {
    const { sim, api } = world();
    const [i] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web' }).instances;
    sim.run({ until: 10 * MIN });
    api.terminateInstances([i!]);
    expect(i!.state).toBe(InstanceState.ShuttingDown);
    sim.run({ until: 10 * MIN + 10_000 });
    expect(i!.state).toBe(InstanceState.Terminated);
    expect(i!.store.wiped).toBe(true);
    expect(i!.endReason).toBe('user-terminated');
    expect(i!.host.guests.size).toBe(0);
  });

  it('a host failure ends its guests at once, even while booting, and their capacity comes back with the host', () => {
    const { sim, api, cloud } = world(1);
    const out = api.runInstances({ image: 'ami-f937d290', count: 15, type: 'm1.small', groups: [], role: 'web' });
    const host = out.instances[0]!.host;
    cloud.hostDown(host, 'hardware-failure');
    for (const i of out.instances) {
      expect(i.state).toBe(InstanceState.Terminated);
      expect(i.endReason).toBe('hardware-failure');
      expect(i.store.wiped).toBe(true);
    }
    expect(api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web' }).failures).toHaveLength(1);
    cloud.hostUp(host);
    expect(api.runInstances({ image: 'ami-f937d290', count: 15, type: 'm1.small', groups: [], role: 'web' }).instances).toHaveLength(15);
    sim.run({ until: MIN });
    expect(sim.pending).toBe(15); // the dead instances' boot events were cancelled
  });

  it('the lifecycle refuses invalid transitions', () => {
    const { sim, api } = world();
    const [i] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web' }).instances;
    api.terminateInstances([i!]);
    sim.run();
    expect(() => i!.moveTo(InstanceState.Running)).toThrow(InvalidTransitionError);
    expect(() => i!.moveTo(InstanceState.Running)).toThrow(`instance ${i!.id}: invalid transition terminated -> running`);
    expect(() => api.rebootInstances([i!])).toThrow('IncorrectInstanceState');
  });
});

describe('user-data references', () => {
  it('resolves ${db.private_ip} at launch and marks dependents stale when the db goes', () => {
    const { sim, api } = world();
    const [db] = api.runInstances({ image: 'ami-5a1f3c27', count: 1, type: 'm1.large', groups: [], role: 'db' }).instances;
    db!.privateIp = '10.251.3.4';
    const [web] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web', userData: 'db=${db.private_ip};id=${db.id}' }).instances;
    expect(web!.userData).toBe(`db=10.251.3.4;id=${db!.id}`);
    expect(web!.staleSinceMs).toBeUndefined();
    sim.run({ until: HOUR });
    api.terminateInstances([db!]);
    sim.run({ until: 2 * HOUR });
    expect(web!.staleSinceMs).toBe(HOUR + 10_000);
    // A web launched now reads the replacement; with no db alive the reference is stale from birth.
    const [late] = api.runInstances({ image: 'ami-f937d290', count: 1, type: 'm1.small', groups: [], role: 'web', userData: 'db=${db.private_ip}' }).instances;
    expect(late!.userData).toBe('db=');
    expect(late!.staleSinceMs).toBe(2 * HOUR);
  });
});
const HOUR = 3_600_000;

describe('CPU steal', () => {
  const scenario = (overcommit: number, count: number) => `name: steal
duration: 2d
cloud:
  zones: { z: { hosts: 1, host_type: oc } }
  host_types: { oc: { cores: 8, ecu_per_core: 2, memory: 64GiB, storage: 4000GB, cpu_overcommit: ${overcommit} } }
fleet:
  web: { image: ami-f937d290, type: m1.small, count: ${count}, cpu: { hourly: [0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.6, 0.8, 0.9, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.3, 0.2] } }
`;
  const stealOf = (text: string): number => new Map(build(parseScenario(text, 's.yaml').scenario, 1).run().summary).get('steal_pct_mean')!;

  it('is zero when the host is not overcommitted', () => {
    expect(stealOf(scenario(1, 15))).toBe(0);
  });

  it('matches the credit-scheduler arithmetic when it is', () => {
    // 18 guests capped at 1 ECU share 15 ECU: each gets 15/18 when all want 1. Per day each
    // wants 15 ECU-hours and loses 7 x (1 - 5/6) + 2 x (0.9 - 5/6) = 1.3 of them. Demand
    // counts from boot (running), so the hour-0 demand of 0.2 ECU is not wanted while booting.
    const result = build(parseScenario(scenario(2, 18), 's.yaml').scenario, 1).run();
    const instances = result.tables.find((t) => t.name === 'instances')!;
    const runningS = instances.rows.map((r) => r[instances.columns.indexOf('running_s')] as number);
    const wantH = runningS.reduce((a, boot) => a + 30 - (0.2 * boot) / 3600, 0);
    expect(new Map(result.summary).get('steal_pct_mean')).toBeCloseTo((100 * 18 * 2 * 1.3) / wantH, 9);
  });

  const busy = { kind: 'constant', ecu: 1 } as const;
  const launch18 = (w: ReturnType<typeof world>) => w.api.runInstances({ image: 'ami-f937d290', count: 18, type: 'm1.small', groups: ['default'], role: 'web', cpu: busy }).instances;
  const BOOT = 180_000; // 1.5 GB at 10 MB/s + 30 s kernel

  it('counts from running, not placement: a booting guest wants nothing and takes nothing', () => {
    const w = world(1, 2);
    const insts = launch18(w);
    expect(insts).toHaveLength(18);
    w.sim.run({ until: BOOT + HOUR });
    w.cloud.settleCpu();
    for (const i of insts) {
      const t = w.cloud.cpuTotals(i)!;
      expect(t.wantEcuMs).toBeCloseTo(HOUR, 6); // 1 ECU for the hour it ran, none for the 180 s of boot
      expect(t.stealEcuMs).toBeCloseTo(HOUR * (1 - 15 / 18), 6);
    }
  });

  it('pauses while rebooting: the rebooting guest wants nothing, the others share its CPU', () => {
    const w = world(1, 2);
    const insts = launch18(w);
    w.sim.run({ until: BOOT + HOUR });
    w.api.rebootInstances([insts[0]!]);
    const REBOOT = 30_000; // the kernel boots again; no image fetch
    w.sim.run({ until: BOOT + 2 * HOUR });
    w.cloud.settleCpu();
    const first = w.cloud.cpuTotals(insts[0]!)!;
    expect(first.wantEcuMs).toBeCloseTo(2 * HOUR - REBOOT, 6);
    expect(first.stealEcuMs).toBeCloseTo((2 * HOUR - REBOOT) * (1 - 15 / 18), 6);
    const other = w.cloud.cpuTotals(insts[1]!)!;
    expect(other.wantEcuMs).toBeCloseTo(2 * HOUR, 6);
    // 17 guests share 15 ECU during the reboot: each loses 2/17 instead of 3/18.
    expect(other.stealEcuMs).toBeCloseTo((2 * HOUR - REBOOT) * (1 - 15 / 18) + REBOOT * (1 - 15 / 17), 6);
  });
});

describe('scenario cross-references', () => {
  const base = `name: x
duration: 1d
cloud: { zones: { us-east-1a: { hosts: 2 } } }
`;
  const problems = (text: string): string[] => {
    try {
      parseScenario(text, 'x.yaml');
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems.map((p) => `${p.line}:${p.path}: ${p.message}`);
      throw e;
    }
    return [];
  };

  it('an architecture mismatch names the type and what would fit', () => {
    expect(problems(`${base}fleet:\n  db: { image: ami-f937d290, type: m1.large }\n`)).toEqual([
      '5:fleet.db.type: m1.large runs x86_64 images, but ami-f937d290 is i386: choose an i386 type (m1.small) or an x86_64 image',
    ]);
  });

  it('an unknown AMI, type, zone, role or field is located', () => {
    expect(problems(`${base}fleet:\n  web: { image: ami-f937d291, type: m1.smal, zone: us-east-1b, user_data: "\${dbb.private_ip} \${web.privat_ip}" }\n`)).toEqual([
      expect.stringContaining('5:fleet.web.image: unknown AMI "ami-f937d291" (did you mean "ami-f937d290"?)'),
      expect.stringContaining('5:fleet.web.type: unknown instance type "m1.smal" (did you mean "m1.small"?)'),
      expect.stringContaining('5:fleet.web.zone: unknown zone "us-east-1b" (did you mean "us-east-1a"?)'),
      expect.stringContaining('5:fleet.web.user_data: ${dbb.private_ip}: unknown role "dbb"'),
      expect.stringContaining('5:fleet.web.user_data: ${web.privat_ip}: a role cannot name itself'),
      expect.stringContaining('5:fleet.web.user_data: ${web.privat_ip}: unknown field "privat_ip"'),
    ]);
  });

  it('a user-data cycle is refused', () => {
    expect(problems(`${base}fleet:\n  a: { image: ami-f937d290, user_data: "\${b.id}" }\n  b: { image: ami-f937d290, user_data: "\${a.id}" }\n`)[0]).toContain('user-data references form a cycle: a -> b -> a');
  });

  it('a malformed or misplaced action is located at its line', () => {
    const parse = problems(`${base}actions:\n  - { at: 1h, run: "ec2-run-instances ami-f937d290 -n ten" }\n`);
    expect(parse[0]).toMatch(/^5:actions\.0\.run: ec2-run-instances: -n expects an integer from 1 to 1000000, got "ten"/);
    // Cross-references are checked once every section is valid on its own.
    const ps = problems(`${base}actions:\n  - { at: 1h, run: "ec2-run-instances ami-f937d290" }\n  - { at: 2d, run: "ec2-terminate-instances @web.0" }\n`);
    expect(ps).toContain('6:actions.1.at: at 2d is after the end of the run (duration 1d)');
    expect(ps.some((p) => p.startsWith('6:actions.1.run: @web.0: unknown role "web"'))).toBe(true);
  });
});
