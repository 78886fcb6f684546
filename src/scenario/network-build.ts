import { SecurityGroups } from '../network/security-groups.js';
import type { BuildContext } from './build-context.js';
import type { Component } from './world.js';

/** The network layer of a world: security groups (and, as it grows, addresses and traffic). */
export interface NetworkParts {
  readonly component: Component;
  readonly groups: SecurityGroups;
}

/** Builds the network before any instance launches (it must see every launch). */
export function attachNetwork(_ctx: BuildContext): NetworkParts {
  return { component: {}, groups: new SecurityGroups() };
}
