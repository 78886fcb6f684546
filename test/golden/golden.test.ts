import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { tableToCsv } from '../../src/output/csv.js';

// Every shipped scenario has a folder test/golden/<name>/ with the CSVs its default run
// writes. Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/golden
const GOLDEN = join(import.meta.dirname, '.');
const shipped = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f));

describe('shipped scenarios match their golden outputs', () => {
  it('every shipped scenario has a golden folder', () => {
    const names = shipped.map((f) => loadScenario(join('scenarios', f)).scenario.name).sort();
    const folders = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(names);
  });

  for (const file of shipped) {
    it(file, () => {
      const { scenario } = loadScenario(join('scenarios', file));
      const result = runScenario(scenario);
      for (const t of result.tables) {
        const expected = readFileSync(join(GOLDEN, scenario.name, `${t.name}.csv`), 'utf8');
        expect(tableToCsv(t), `${scenario.name}/${t.name}.csv`).toBe(expected);
      }
    });
  }
});
