import type { EventBus, Simulation } from '../engine/index.js';
import type { Instance } from '../cloud/instance.js';
import { loginAccess, type KeyPairs, type LoginAccess } from '../cloud/key-pairs.js';
import type { NetworkEvents } from './events.js';
import type { Cidr } from './ipv4.js';
import type { FlowProtocol } from './nat.js';
import type { Network } from './network.js';
import type { FlowOutcome, FlowSource } from './reachability.js';

/** One probe of the scenario: a flow tried at `atMs` (and every `everyMs` after, until `untilMs` or the end). */
export interface Probe {
  readonly atMs: number;
  readonly everyMs?: number | undefined;
  readonly untilMs?: number | undefined;
  /** An Internet source (a block stands for every address in it), or the oldest running instance of a role. */
  readonly from: { readonly kind: 'internet'; readonly block: Cidr } | { readonly kind: 'role'; readonly role: string };
  /** Every live instance of a role, an address, or an elastic IP (`@eip.N`). */
  readonly to: { readonly kind: 'role'; readonly role: string } | { readonly kind: 'address'; readonly ip: number } | { readonly kind: 'eip'; readonly index: number };
  readonly protocol: FlowProtocol;
  /** Port (tcp, udp) or ICMP type. */
  readonly port: number;
  /** `from` and `to` as written, for the table. */
  readonly fromText: string;
  readonly toText: string;
}

/** What probes need besides the network: the role's instances in launch order, and the account's key pairs. */
export interface RoleDirectory {
  roleInstances(role: string): readonly Instance[];
  readonly keyPairs: KeyPairs;
}

/** The SSH port: a probe of tcp/22 also reports whether root could log in. */
const SSH_PORT = 22;

/**
 * For a probe of tcp/22, whether a login would succeed: the flow gets through (the groups
 * admit it, the instance runs) and the instance takes a key the account holds, or its image
 * has its own login. Undefined for any other probe.
 */
export function probeLogin(p: Pick<Probe, 'protocol' | 'port'>, outcome: FlowOutcome, keys: KeyPairs): LoginAccess | undefined {
  if (p.protocol !== 'tcp' || p.port !== SSH_PORT) return undefined;
  if (!outcome.allowed || outcome.instance === undefined) return { possible: false, detail: 'no login: tcp/22 does not get through' };
  return loginAccess(outcome.instance, keys);
}

/** Probes run after everything else due at the same instant (actions, boots), so they observe its outcome. */
const PROBE_PRIORITY = 10;

const none = (reason: 'no-instance' | 'no-source', detail: string): FlowOutcome => ({ allowed: false, reason, address: undefined, instance: undefined, detail });

/**
 * Runs the scenario's probes on the clock and emits `flow.probed` for each outcome. Each
 * probe keeps one pending event (its next firing). A probe observes; it changes nothing.
 */
export function scheduleProbes(sim: Simulation, bus: EventBus<NetworkEvents>, network: Network, roles: RoleDirectory, probes: readonly Probe[], endMs: number): void {
  probes.forEach((p, index) => {
    const fire = (): void => {
      for (const outcome of tryProbe(network, roles, p)) {
        const login = probeLogin(p, outcome, roles.keyPairs);
        bus.emit('flow.probed', { timeMs: sim.now, probe: index, from: p.fromText, to: p.toText, protocol: p.protocol, port: p.port, outcome, ...(login === undefined ? {} : { login }) });
      }
      if (p.everyMs !== undefined && sim.now + p.everyMs <= Math.min(endMs, p.untilMs ?? endMs)) sim.schedule(p.everyMs, fire, PROBE_PRIORITY);
    };
    if (p.atMs <= endMs) sim.at(p.atMs, fire, PROBE_PRIORITY);
  });
}

/** The outcomes of one firing of `p`: one per target instance (or a single refusal). */
export function tryProbe(network: Network, roles: RoleDirectory, p: Probe): FlowOutcome[] {
  let source: FlowSource;
  if (p.from.kind === 'internet') {
    source = { kind: 'internet', block: p.from.block };
  } else {
    const inst = roles.roleInstances(p.from.role).find((i) => i.state === 'running');
    if (inst === undefined) return [none('no-source', `no running instance of role ${p.from.role} to send from`)];
    source = { kind: 'instance', instance: inst };
  }
  switch (p.to.kind) {
    case 'role': {
      const targets = roles.roleInstances(p.to.role).filter((i) => i.alive);
      if (targets.length === 0) return [none('no-instance', `no live instance of role ${p.to.role}`)];
      return targets.map((i) => network.reach.toInstance(source, i, p.protocol, p.port));
    }
    case 'address':
      return [network.reach.toAddress(source, p.to.ip, p.protocol, p.port)];
    case 'eip': {
      const eip = network.eips.all[p.to.index];
      if (eip === undefined || eip.releasedMs !== undefined) return [none('no-instance', `@eip.${p.to.index} is not allocated`)];
      return [network.reach.toAddress(source, eip.ip, p.protocol, p.port)];
    }
  }
}
