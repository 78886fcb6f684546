import { userDataRefs } from '../cloud/user-data.js';
import type { ScenarioShape } from './schema.js';

/** Fleet roles in launch order: a role comes after the roles its user-data refers to. */
export function fleetOrder(fleet: ScenarioShape['fleet']): string[] | { cycle: string[] } {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (role: string, stack: string[]): string[] | undefined => {
    if (state.get(role) === 'done' || fleet[role] === undefined) return undefined;
    if (state.get(role) === 'visiting') return [...stack.slice(stack.indexOf(role)), role];
    state.set(role, 'visiting');
    for (const ref of userDataRefs(fleet[role].user_data ?? '')) {
      if (ref.role === role) continue;
      const cycle = visit(ref.role, [...stack, role]);
      if (cycle !== undefined) return cycle;
    }
    state.set(role, 'done');
    order.push(role);
    return undefined;
  };
  for (const role of Object.keys(fleet)) {
    const cycle = visit(role, []);
    if (cycle !== undefined) return { cycle };
  }
  return order;
}
