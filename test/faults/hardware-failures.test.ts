import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';
import { gamma } from '../../src/engine/special-functions.js';

const DAY_MS = 86_400_000;

function summaryOf(text: string, seed: number): Map<string, number> {
  const { scenario } = parseScenario(text, 'renewal.yaml');
  return new Map(build(scenario, seed).run().summary);
}

describe('hardware failures against renewal theory', () => {
  // N hosts alternate exponential up times (mean m) and repairs (mean r) over T.
  // Cycle C = U + D: E[C] = m + r, Var[C] = m^2 + r^2. Renewal CLT: failures over N hosts
  // ~ Normal(N T / (m + r), N T Var[C] / E[C]^3). Up-time fraction A_T over N hosts
  // ~ Normal(m / (m + r), sigma_A^2 / (N T)) with sigma_A^2 = (r^2 Var U + m^2 Var D) / E[C]^3.
  // Tolerances are 4 standard deviations (a false alarm about once in 16,000 runs).
  const N = 2000;
  const T = 365 * DAY_MS;
  const m = 30 * DAY_MS;
  const r = 4 * 3_600_000;
  const text = `name: renewal
duration: 365d
cloud: { zones: { z: { hosts: ${N} } } }
faults:
  hardware:
    ttf: { exponential: { mean: 30d } }
    repair: { exponential: { mean: 4h } }
`;

  for (const seed of [1, 2]) {
    it(`failure count and availability match (seed ${seed})`, () => {
      const s = summaryOf(text, seed);
      const expectedFailures = (N * T) / (m + r);
      const sdFailures = Math.sqrt((N * T * (m * m + r * r)) / (m + r) ** 3);
      expect(Math.abs(s.get('host_failures')! - expectedFailures)).toBeLessThan(4 * sdFailures);

      const expectedA = m / (m + r);
      const sigmaA2 = (r * r * m * m + m * m * r * r) / (m + r) ** 3;
      const sdA = Math.sqrt(sigmaA2 / (N * T));
      expect(Math.abs(s.get('availability')! - expectedA)).toBeLessThan(4 * sdA);
      // Downtime and availability are two views of one quantity.
      expect(s.get('host_downtime_s')! * 1000).toBeCloseTo((1 - s.get('availability')!) * N * T, -3);
    });
  }

  // Weibull up times (shape k < 1: infant mortality) and exponential repairs. Each host is a
  // delayed renewal process of failures: the first comes after U_1, the next ones a cycle
  // C = D + U apart (mu = E[C] = m + r). For t >> mu its count has mean
  //   t / mu + E[C^2] / (2 mu^2) - E[U] / mu + o(1)
  // and variance t Var[C] / mu^3 + o(t) (renewal CLT). The constant term matters here: about
  // +0.6 per host for k = 0.7, i.e. ~600 failures, more than one sd, so it is not dropped.
  // The o(1) term vanishes as the tail of C beyond t: 10 years is ~120 mean cycles, where a
  // Weibull(0.7) tail is below e^-20. Tolerance: 4 sd.
  it('Weibull failure counts match renewal theory over a long horizon', () => {
    const hosts = 1000;
    const k = 0.7;
    const T = 3650 * DAY_MS;
    const text = `name: weibull
duration: 3650d
cloud: { zones: { z: { hosts: ${hosts} } } }
faults:
  hardware:
    ttf: { weibull: { shape: ${k}, mean: 30d } }
    repair: { exponential: { mean: 4h } }
`;
    const varU = m * m * (gamma(1 + 2 / k) / gamma(1 + 1 / k) ** 2 - 1);
    const mu = m + r;
    const varC = varU + r * r;
    const perHost = T / mu + (varC + mu * mu) / (2 * mu * mu) - m / mu;
    const sd = Math.sqrt((hosts * T * varC) / mu ** 3);
    const n = summaryOf(text, 3).get('host_failures')!;
    expect(Math.abs(n - hosts * perHost)).toBeLessThan(4 * sd);
  });

  it('no hardware section means no failures and availability 1', () => {
    const s = summaryOf('name: calm\nduration: 30d\ncloud: { zones: { z: { hosts: 10 } } }\n', 1);
    expect(s.get('host_failures')).toBe(0);
    expect(s.get('availability')).toBe(1);
    expect(s.get('events')).toBe(0);
  });

  it('counts a repair still running at the end as downtime up to the end', () => {
    // One host fails at exactly 1 h and is repaired after 10 d: the run ends at 2 h.
    const s = summaryOf('name: one\nduration: 2h\ncloud: { zones: { z: { hosts: 1 } } }\nfaults: { hardware: { ttf: 1h, repair: 10d } }\n', 1);
    expect(s.get('host_failures')).toBe(1);
    expect(s.get('host_downtime_s')).toBe(3600);
    expect(s.get('availability')).toBe(0.5);
  });
});
