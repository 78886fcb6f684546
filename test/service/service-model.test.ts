import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/service/erlang.js';
import { runText, unbalanced } from './helpers.js';

/** A service with no DNS: users reach the front end directly. */
function scenario(body: string, duration = '1d'): string {
  return `name: t
duration: ${duration}
cloud:
  zones:
    us-east-1a: { hosts: 20, racks: 5 }
  placement: spread
  boot: { kernel: 30s }
${body}`;
}

describe('one tier against Erlang C, through the whole model', () => {
  // Four m1.small at 100 requests/s each, 340 requests/s arriving: an M/M/4 queue with
  // a = 3.4 erlangs. Mean latency = C(4, 3.4)/(4μ − λ) + 1/μ; a visit's sojourn is 1/μ·Exp
  // with probability 1 − C and W + S (W ~ Exp(θ)) otherwise.
  const text = scenario(`fleet:
  web: { image: ami-f937d290, type: m1.small, count: 4 }
demand: { rate: 340/s }
service:
  path: [web]
  roles:
    web: { capacity: 100/s, per: instance }
  timeout: 1h
`);
  const { summary, series } = runText(text);
  const s = summary[0]!;
  const [c, mu, lambda] = [4, 100, 340];
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;

  it('has the Erlang C mean latency and utilisation', () => {
    expect(s['latency_mean_s']).toBeCloseTo(C / theta + 1 / mu, 9);
    expect(s['web_utilization_max']).toBeCloseTo(lambda / (c * mu), 12);
    expect(s['failed_requests_overload']).toBe(0);
  });

  it('has the p95 of the M/M/c sojourn time', () => {
    const sf = (t: number): number => (1 - C) * Math.exp(-mu * t) + (C * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (sf(mid) <= 0.05) hi = mid;
      else lo = mid;
    }
    expect(s['latency_p95_s']! / hi).toBeCloseTo(1, 2);
    const live = series.filter((r) => r['demand_requests']! > 0);
    expect(live.length).toBeGreaterThan(1000);
    for (const r of live.slice(10, 20)) expect(r['web_latency_p95_s']! / hi).toBeCloseTo(1, 2);
  });

  it('counts every request once: demand = 340/s from the moment the service is live', () => {
    const liveS = s['service_live_s']!;
    expect(s['demand_requests']).toBe(Math.round(lambda * (86_400 - liveS)));
    expect(unbalanced(series)).toEqual([]);
  });
});

describe('a dead backend among n in rotation', () => {
  // Five web servers behind a balancer; @web.2 is terminated at 6 h. Until the balancer's
  // checks drop it (D later), a fifth of the requests go to it and fail: λ·D/5. D is read
  // from the rotation count in the interval where it leaves (the time-average of in_rotation).
  const text = scenario(`fleet:
  lb:  { image: ami-f937d290, type: m1.small, count: 1 }
  web: { image: ami-f937d290, type: m1.small, count: 5 }
demand: { rate: 200/s }
service:
  interval: 1m
  path: lb -> web
  roles:
    lb:  { capacity: 5000/s, per: instance }
    web: { capacity: 100/s }
  health_check: { every: 10s, failures: 3 }
actions:
  - { at: 6h, run: "ec2-terminate-instances @web.2" }
`);
  for (let replication = 0; replication < 3; replication++) {
    it(`fails λ·D/n requests (replication ${replication})`, () => {
      const { series } = runText(text, replication + 1);
      const rows = series.filter((r) => r['replication'] === replication);
      const leaving = rows.find((r) => r['web_in_rotation']! > 4 && r['web_in_rotation']! < 5 && r['time_s']! >= 6 * 3600)!;
      // in_rotation = 4 + (leave − start)/60 s over the interval.
      const leaveS = leaving['time_s']! + (leaving['web_in_rotation']! - 4) * 60;
      const D = leaveS - 6 * 3600;
      expect(D).toBeGreaterThan(20); // the third missed check: between 20 and 30 s
      expect(D).toBeLessThanOrEqual(30);
      const failed = rows.reduce((a, r) => a + r['failed_requests_backend_down']!, 0);
      expect(Math.abs(failed - (200 * D) / 5)).toBeLessThanOrEqual(1);
      expect(unbalanced(rows)).toEqual([]);
    });
  }
});

describe('overload', () => {
  it('serves at most the capacity and fails the rest once queues reach the timeout', () => {
    // Two servers at 50/s each, 150/s arriving: throughput pinned near 100/s, a third fails.
    const { summary } = runText(scenario(`fleet:
  web: { image: ami-f937d290, type: m1.small, count: 2 }
demand: { rate: 150/s }
service:
  path: [web]
  roles:
    web: { capacity: 50/s }
  timeout: 5s
`));
    const s = summary[0]!;
    expect(s['failed_requests_overload']! / s['demand_requests']!).toBeCloseTo(1 / 3, 3);
    expect(s['latency_mean_s']).toBeGreaterThan(4.9);
    expect(s['latency_mean_s']).toBeLessThan(5.1);
    expect(s['sla_violation_minutes']).toBeGreaterThan(1000);
  });
});

describe('the database', () => {
  // 5 GB in S3 at 10 MB/s: a new database serves 500 s after it boots; requests fail
  // (db_down) from the old one's end until then, and the backends still pointing at the old
  // one fail (stale_config) until they are relaunched.
  const text = scenario(`fleet:
  db:  { image: ami-5a1f3c27, type: m1.large, count: 1 }
  web: { image: ami-f937d290, type: m1.small, count: 2, user_data: "db=\${db.private_ip}" }
demand: { rate: 100/s }
service:
  path: web -> db
  roles:
    web: { capacity: 100/s }
    db:  { capacity: 200/s, visits: 2, database: true, data: 5GB }
actions:
  - { at: 4h, run: "ec2-terminate-instances @db.0" }
  - { at: 4h, run: "ec2-run-instances ami-5a1f3c27 -t m1.large", as: db }
  - { at: 8h, run: "ec2-run-instances ami-f937d290 -n 2 -d db=\${db.private_ip}", as: web }
  - { at: 8h, run: "ec2-terminate-instances @web.0 @web.1" }
`);
  const { summary, series } = runText(text);
  const s = summary[0]!;

  it('restores the data set before it serves, at boot and after a replacement', () => {
    expect(s['db_restores']).toBe(2);
    expect(s['db_restore_s']).toBeCloseTo(500, 6);
    expect(s['service_live_s']).toBeGreaterThan(500);
  });

  it('fails requests as db_down until the new database serves, then stale_config until the relaunch', () => {
    const at = (t: number): Record<string, number> => series.find((r) => r['time_s'] === t)!;
    // Boot: image 2 GB / 10 MB/s = 200 s + 30 s kernel, then 500 s of restore.
    const downS = series.reduce((a, r) => a + r['failed_requests_db_down']!, 0) / 100;
    expect(downS).toBeCloseTo(730, -1);
    expect(at(4 * 3600 + 20 * 60)['failed_requests_stale_config']).toBe(6000);
    expect(at(7 * 3600)['failed_requests_stale_config']).toBe(6000);
    expect(at(9 * 3600)['failed_requests_stale_config']).toBe(0);
    expect(at(9 * 3600)['served_requests']).toBe(6000);
    expect(unbalanced(series)).toEqual([]);
  });
});
