import { describe, expect, it } from 'vitest';
import { runText } from './helpers.js';

function scenario(body: string): string {
  return `name: rt
duration: 1d
cloud:
  zones:
    us-east-1a: { hosts: 10 }
    us-east-1b: { hosts: 10 }
  network: { tenant_churn: 0/h }
${body}`;
}

describe('requests are traffic', () => {
  it('a served request brings its bytes in from the Internet and sends its answer out; the bill follows', () => {
    const { summary } = runText(scenario(`fleet:
  web: { image: ami-f937d290, count: 2, zone: us-east-1a }
demand: { rate: 100/s }
service:
  path: [web]
  roles:
    web: { capacity: 500/s, per: instance, bytes: { in: 1KB, out: 10KB } }
`));
    const s = summary[0]!;
    // Bytes follow the expected served requests; the count is their whole-request rounding.
    expect(s['traffic_in_gb']! / ((s['served_requests']! * 1000) / 1e9)).toBeCloseTo(1, 6);
    expect(s['traffic_out_gb']! / ((s['served_requests']! * 10_000) / 1e9)).toBeCloseTo(1, 6);
    // April 2008: $0.10 per GB in, $0.18 per GB out (Amazon's GB of 2^30 bytes).
    const GiB = 2 ** 30;
    expect(s['cost_transfer_usd']! / ((s['served_requests']! * 1000 / GiB) * 0.1 + (s['served_requests']! * 10_000 / GiB) * 0.18)).toBeCloseTo(1, 6);
  });

  it('between tiers: free in one zone on private addresses, regional across zones and counted at both ends', () => {
    const text = (zone: string, userData: string): string => scenario(`fleet:
  db:  { image: ami-5a1f3c27, type: m1.large, count: 1, zone: ${zone} }
  web: { image: ami-f937d290, count: 2, zone: us-east-1a, user_data: "db=\${db.${userData}}" }
demand: { rate: 100/s }
service:
  path: web -> db
  roles:
    web: { capacity: 500/s, per: instance }
    db:  { capacity: 500/s, per: instance, visits: 2, bytes: { in: 500B, out: 4KB } }
`);
    const same = runText(text('us-east-1a', 'private_ip')).summary[0]!;
    expect(same['traffic_regional_gb']).toBe(0);
    const across = runText(text('us-east-1b', 'private_ip')).summary[0]!;
    // Every visit crosses the zone boundary: 2 visits × 4.5 KB, at both ends.
    expect(across['traffic_regional_gb']).toBeCloseTo((across['served_requests']! * 2 * 4500 * 2) / 1e9, 4);
    const publicIp = runText(text('us-east-1a', 'public_ip')).summary[0]!;
    expect(publicIp['traffic_regional_gb']).toBeCloseTo((publicIp['served_requests']! * 2 * 4500 * 2) / 1e9, 4);
  });

  it("the colocation bandwidth percentile follows the demand's day", () => {
    // 1 KB out per request; 8 hours a day at 3x: the 95th percentile of 5-minute samples is
    // the peak rate (1/3 of the samples), 300 requests/s × 1 KB = 2.4 Mbps.
    const hourly = [3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const { summary } = runText(scenario(`fleet:
  web: { image: ami-f937d290, count: 2, zone: us-east-1a }
demand: { rate: 100/s, hourly: [${hourly.join(', ')}] }
service:
  path: [web]
  roles:
    web: { capacity: 500/s, per: instance, bytes: { in: 100B, out: 1KB } }
colocation: { servers: 2, bandwidth: { per_mbps_month: 20, commit_mbps: 0, percentile: 95, sample: 5m } }
`));
    expect(summary[0]!['colocation_p95_mbps']).toBeCloseTo(2.4, 6);
  });
});
