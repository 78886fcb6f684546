import { describe, expect, it } from 'vitest';
import { runScenario, type RunProgress } from '../../src/experiment/run-scenario.js';
import { tableToCsv } from '../../src/output/csv.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { OBSERVED_STEPS } from '../../src/scenario/run-observed.js';

describe('a run followed by a progress display', () => {
  it('writes the same bytes as one that is not, and hears the simulated clock advance to the end of each replication', () => {
    const { scenario } = loadScenario('scenarios/web-tier-failures.yaml');
    const plain = runScenario(scenario, { replications: 2 });
    const heard: RunProgress[] = [];
    const watched = runScenario(scenario, { replications: 2, onProgress: (p) => heard.push(p) });
    expect(watched.tables.map((t) => t.name)).toEqual(plain.tables.map((t) => t.name));
    watched.tables.forEach((t, i) => expect(tableToCsv(t), t.name).toBe(tableToCsv(plain.tables[i]!)));
    expect(watched.events).toBe(plain.events);
    for (const r of [0, 1]) {
      const mine = heard.filter((p) => p.replication === r);
      expect(mine).toHaveLength(OBSERVED_STEPS);
      expect(mine.every((p, k) => k === 0 || p.simulatedMs > mine[k - 1]!.simulatedMs)).toBe(true);
      expect(mine.at(-1)).toEqual({ replication: r, replications: 2, simulatedMs: scenario.duration, durationMs: scenario.duration });
    }
  }, 60_000);
});
