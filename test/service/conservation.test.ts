import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { runText, unbalanced } from './helpers.js';

/**
 * Requests are conserved in every row of random services: random tiers, capacities,
 * counts, visits, demand shapes, flash crowds, noise, faults and terminations. Each case is
 * seeded, so a failure names the case that broke.
 */
function randomScenario(rng: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const roles = ['fe', 'web', 'app', 'db'].slice(0, 1 + Math.floor(rng() * 4));
  const db = roles.length > 1 && rng() < 0.5;
  const fleet = roles.map((r) => `  ${r}: { image: ami-f937d290, type: m1.small, count: ${1 + Math.floor(rng() * 4)}${r !== roles[0] && r !== roles[roles.length - 1] && rng() < 0.4 ? `, user_data: "x=\${${roles[roles.length - 1]}.private_ip}"` : ''} }`);
  const svcRoles = roles.map((r, i) => `    ${r}: { capacity: ${Math.round(20 + rng() * 300)}/s${rng() < 0.5 ? ', per: instance' : ''}, visits: ${pick([1, 1, 2, 0.5, 3.5])}${db && i === roles.length - 1 ? ', database: true, data: 1GB' : ''} }`);
  const hourly = rng() < 0.5 ? `  hourly: [${Array.from({ length: 24 }, () => (rng() * 2).toFixed(2)).join(', ')}]\n` : '';
  const spikes = rng() < 0.5 ? `  spikes: [{ at: ${Math.floor(rng() * 20)}h, duration: ${1 + Math.floor(rng() * 3)}h, factor: ${(rng() * 8).toFixed(1)}, ramp: 10m }]\n` : '';
  const noise = rng() < 0.5 ? `  noise: { cv: ${(rng() * 0.5).toFixed(2)} }\n` : '';
  const actions = roles.filter(() => rng() < 0.4).map((r) => `  - { at: ${Math.floor(1 + rng() * 20)}h${Math.floor(rng() * 60)}m, run: "ec2-terminate-instances @${r}.0" }`);
  const outages = rng() < 0.5 ? `faults:\n  outages:\n    - { at: ${Math.floor(rng() * 20)}h, host: us-east-1a-h0000${Math.floor(rng() * 4)}, duration: 2h }\n` : '';
  return `name: random
duration: 1d
cloud:
  zones:
    us-east-1a: { hosts: 8, racks: 4 }
  placement: ${pick(['spread', 'first-fit', 'random'])}
${outages}fleet:
${fleet.join('\n')}
demand:
  rate: ${Math.round(10 + rng() * 500)}/s
${hourly}${spikes}${noise}service:
  interval: ${pick(['1m', '5m', '7m'])}
  path: [${roles.join(', ')}]
  timeout: ${pick(['1s', '10s', '30s'])}
  roles:
${svcRoles.join('\n')}
${rng() < 0.5 ? '  reconfigure: 5m\n' : ''}${actions.length > 0 ? `actions:\n${actions.join('\n')}\n` : ''}`;
}

describe('every request is accounted for', () => {
  for (let k = 0; k < 24; k++) {
    it(`random service ${k}`, () => {
      const text = randomScenario(seedrandom(`conservation-${k}`));
      const { summary, series } = runText(text);
      expect(unbalanced(series), text).toEqual([]);
      const s = summary[0]!;
      const failed = ['dns', 'overload', 'backend_down', 'stale_config', 'db_down'].reduce((a, c) => a + s[`failed_requests_${c}`]!, 0);
      expect(s['served_requests']! + failed).toBe(s['demand_requests']);
      expect(series.reduce((a, r) => a + r['demand_requests']!, 0)).toBe(s['demand_requests']);
      for (const r of series) for (const [k2, v] of Object.entries(r)) if (k2.endsWith('_utilization')) expect(v).toBeLessThanOrEqual(1 + 1e-12);
    });
  }
});
