import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { build } from '../../src/scenario/build.js';

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
      expect(Math.abs(s.get('failures')! - expectedFailures)).toBeLessThan(4 * sdFailures);

      const expectedA = m / (m + r);
      const sigmaA2 = (r * r * m * m + m * m * r * r) / (m + r) ** 3;
      const sdA = Math.sqrt(sigmaA2 / (N * T));
      expect(Math.abs(s.get('availability')! - expectedA)).toBeLessThan(4 * sdA);
      // Downtime and availability are two views of one quantity.
      expect(s.get('host_downtime_s')! * 1000).toBeCloseTo((1 - s.get('availability')!) * N * T, -3);
    });
  }

  it('no hardware section means no failures and availability 1', () => {
    const s = summaryOf('name: calm\nduration: 30d\ncloud: { zones: { z: { hosts: 10 } } }\n', 1);
    expect(s.get('failures')).toBe(0);
    expect(s.get('availability')).toBe(1);
    expect(s.get('events')).toBe(0);
  });

  it('counts a repair still running at the end as downtime up to the end', () => {
    // One host fails at exactly 1 h and is repaired after 10 d: the run ends at 2 h.
    const s = summaryOf('name: one\nduration: 2h\ncloud: { zones: { z: { hosts: 1 } } }\nfaults: { hardware: { ttf: 1h, repair: 10d } }\n', 1);
    expect(s.get('failures')).toBe(1);
    expect(s.get('host_downtime_s')).toBe(3600);
    expect(s.get('availability')).toBe(0.5);
  });
});
