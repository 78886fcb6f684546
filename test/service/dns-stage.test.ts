import { describe, expect, it } from 'vitest';
import { runText, unbalanced } from './helpers.js';

/**
 * The DNS stage and the service share one demand: requests that fail at the DNS/address
 * stage (a dead front end, a stale cache) never reach the front end; the rest meet the tiers.
 * Per-request and sampled DNS modes must agree on how many requests that is, with a demand
 * that varies over the day. Replications give each mode's mean and its standard error.
 */
function scenario(mode: string): string {
  return `name: dns-stage
duration: 10h
cloud:
  zones:
    us-east-1a: { hosts: 20, racks: 5 }
  placement: spread
  boot: { kernel: 30s }
  network: { tenant_churn: 0/h }
faults:
  outages:
    - { at: 4h10m, host: us-east-1a-h00000, duration: 4h }
fleet:
  lb:  { image: ami-f937d290, type: m1.small, count: 1 }
  web: { image: ami-f937d290, type: m1.small, count: 3 }
recovery:
  front_end: lb
  health_check: { every: 30s, failures: 3 }
  roles: [web]
dns:
  mode: ${mode}
  records:
    - { name: www.example.com, type: A, ttl: 5m, to: [lb] }
  resolvers: { count: 150, overstay: { share: 0 } }
clients: { count: 1500, request_every: 1m }
demand:
  rate: 40/s
  hourly: [1, 1, 1, 1, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
service:
  path: lb -> web
  roles:
    lb:  { capacity: 5000/s, per: instance }
    web: { capacity: 100/s }
`;
}

const stats = (xs: readonly number[]): { mean: number; se: number } => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return { mean: m, se: Math.sqrt(v / xs.length) };
};

describe('the DNS stage carries the demand', () => {
  const R = 8;
  const sampled = runText(scenario('sampled'), R);
  const exact = runText(scenario('per-request'), R);

  it('fails at DNS the share of demand the clients saw failing, in each interval', () => {
    for (const { summary, series } of [sampled, exact]) {
      expect(unbalanced(series)).toEqual([]);
      for (const s of summary) {
        expect(s['failed_requests_dns']).toBeGreaterThan(0);
        // The demand at the failure (4 h: the profile's ×3 hours) is three times the clients'
        // own rate, so more requests fail than clients sent: dns failures / client failures ≈ 3·(40/25).
        expect(s['failed_requests_dns']! / s['failed_requests']!).toBeGreaterThan(3.5);
        expect(s['failed_requests_dns']! / s['failed_requests']!).toBeLessThan(5.5);
      }
    }
  });

  it('per-request and sampled modes agree within their sampling error', () => {
    for (const col of ['failed_requests_dns', 'served_requests', 'failed_requests']) {
      const a = stats(sampled.summary.map((s) => s[col]!));
      const b = stats(exact.summary.map((s) => s[col]!));
      expect(Math.abs(a.mean - b.mean), col).toBeLessThan(4 * Math.hypot(a.se, b.se) + 1);
    }
  });
});
