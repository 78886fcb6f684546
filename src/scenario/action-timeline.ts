import type { EventBus, Simulation } from '../engine/index.js';
import { describeInstances } from '../cloud/describe.js';
import type { Ec2Api } from '../cloud/ec2-api.js';
import { ruleParts, type Ec2Command } from '../cloud/ec2-command-types.js';
import type { ApiEvents } from '../cloud/events.js';
import { Ec2ApiError } from '../cloud/images.js';
import type { ElasticIps } from '../network/elastic-ips.js';
import type { SecurityGroups } from '../network/security-groups.js';

/** One scheduled action: an EC2 command at a time, optionally naming the role it launches. */
export interface TimedAction {
  readonly atMs: number;
  /** The command line as the scenario wrote it. */
  readonly line: string;
  readonly command: Ec2Command;
  readonly as?: string | undefined;
}

/** What the timeline needs from the world. */
export interface TimelineDeps {
  readonly sim: Simulation;
  readonly bus: EventBus<ApiEvents>;
  readonly api: Ec2Api;
  readonly groups: SecurityGroups;
  readonly eips: ElasticIps;
  readonly startEpochMs: number;
  readonly ownerId: string;
}

/**
 * Replays the scenario's `actions:` on the simulated clock, as a user at a terminal would
 * run the EC2 tools. Every call's outcome, refused ones included, is emitted as `api.call`:
 * a refusal (no capacity, unknown instance) is a result, not a crash.
 */
export function scheduleActions(actions: readonly TimedAction[], deps: TimelineDeps): void {
  actions.forEach((a, index) => {
    deps.sim.at(a.atMs, () => {
      const command = a.line;
      try {
        const { result, output } = execute(a, index, deps);
        deps.bus.emit('api.call', { timeMs: deps.sim.now, command, status: 'ok', result, ...(output ? { output } : {}) });
      } catch (e) {
        if (!(e instanceof Ec2ApiError)) throw e;
        deps.bus.emit('api.call', { timeMs: deps.sim.now, command, status: e.code, result: e.message });
      }
    });
  });
}

function execute(a: TimedAction, index: number, d: TimelineDeps): { result: string; output?: { file: string; text: string } } {
  const c = a.command;
  switch (c.verb) {
    case 'run-instances': {
      const out = d.api.runInstances({ image: c.image, count: c.count, type: c.type, groups: c.groups, key: c.key, zone: c.zone, userData: c.userData, role: a.as ?? `launch-${index}` });
      if (out.instances.length === 0) throw new Ec2ApiError(out.failures[0] ?? 'InsufficientInstanceCapacity', `none of ${c.count} instance(s) could be placed`);
      const refused = out.failures.length > 0 ? `; ${out.failures.length} refused: ${out.failures[0]}` : '';
      return { result: `${out.reservationId} ${out.instances.map((i) => i.id).join(' ')}${refused}` };
    }
    case 'terminate-instances': {
      const insts = c.instances.map((r) => d.api.instance(r));
      d.api.terminateInstances(insts);
      return { result: insts.map((i) => `${i.id} ${i.state}`).join(' ') };
    }
    case 'reboot-instances': {
      const insts = c.instances.map((r) => d.api.instance(r));
      d.api.rebootInstances(insts);
      return { result: insts.map((i) => i.id).join(' ') };
    }
    case 'describe-instances': {
      const insts = c.instances.length === 0 ? d.api.launches : c.instances.map((r) => d.api.instance(r));
      return { result: `${insts.length} instance(s)`, output: { file: `describe/${index}.txt`, text: describeInstances(insts, d.startEpochMs, d.ownerId) } };
    }
    case 'get-console-output': {
      const inst = d.api.instance(c.instance);
      return { result: `${inst.id} ${inst.console.length} line(s)`, output: { file: `console/${inst.id}.txt`, text: d.api.consoleOutput(inst) } };
    }
    case 'authorize':
    case 'revoke': {
      // A group source of our own account is the same rule as one without -u.
      const account = c.sourceAccount === d.ownerId ? undefined : c.sourceAccount;
      const from = c.sourceCidr ?? `group ${c.sourceGroup}${account === undefined ? '' : ` of ${account}`}`;
      // A group grant without -P is three rules (tcp, udp, icmp); the call succeeds if any changed.
      const done: string[] = [];
      for (const part of ruleParts(c)) {
        const rule = { ...part, sourceCidr: c.sourceCidr, sourceGroup: c.sourceGroup, sourceAccount: account };
        const changed = c.verb === 'authorize' ? d.groups.authorize(c.group, rule) : d.groups.revoke(c.group, rule);
        if (changed) done.push(`GROUP ${c.group} PERMISSION ${part.protocol} ${part.fromPort} ${part.toPort} FROM ${from}`);
      }
      if (done.length === 0) throw new Ec2ApiError(c.verb === 'authorize' ? 'InvalidPermission.Duplicate' : 'InvalidPermission.NotFound', `${c.group}: ${c.protocol} ${c.fromPort}-${c.toPort} ${c.sourceCidr ?? c.sourceGroup ?? ''}`);
      return { result: done.join('; ') };
    }
    case 'add-keypair': {
      const pair = d.api.keyPairs.add(c.name, d.sim.now);
      // The tool printed the private key after this line; no key material is simulated.
      return { result: `KEYPAIR ${pair.name} ${pair.fingerprint}` };
    }
    case 'delete-keypair': {
      const held = d.api.keyPairs.delete(c.name);
      return { result: `KEYPAIR ${c.name}${held ? '' : ' (the account held no such key pair)'}` };
    }
    case 'allocate-address': {
      const eip = d.eips.allocate();
      return { result: `ADDRESS ${eip.address} (@eip.${eip.index})` };
    }
    case 'associate-address': {
      const eip = d.eips.resolve(c.address);
      const inst = d.api.instance(c.instance);
      const effectiveMs = d.eips.associate(eip, inst);
      return { result: `ADDRESS ${eip.address} ${inst.id} (in effect at ${effectiveMs / 1000} s)` };
    }
    case 'disassociate-address': {
      const eip = d.eips.resolve(c.address);
      const was = eip.instance;
      d.eips.disassociate(eip);
      return { result: `ADDRESS ${eip.address}${was === undefined ? ' (was not associated)' : ` from ${was.id}`}` };
    }
    case 'release-address': {
      const eip = d.eips.resolve(c.address);
      d.eips.release(eip);
      return { result: `ADDRESS ${eip.address}` };
    }
  }
}
