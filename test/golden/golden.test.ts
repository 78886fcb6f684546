import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/experiment/run-scenario.js';
import { tableToCsv } from '../../src/output/csv.js';

// Every shipped scenario has a folder test/golden/<name>/ holding every CSV and text file
// its default run writes (manifest.json aside), for its first GOLDEN_REPLICATIONS
// replications (replication i does not depend on how many follow it, so this pins them). After an intended change, regenerate with
//   UPDATE_GOLDEN=1 npx vitest run test/golden
// and review the diff before committing it.
const GOLDEN = import.meta.dirname;
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN_REPLICATIONS = 3;
const shipped = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]).sort();
}

describe('shipped scenarios match their golden outputs', () => {
  it('every shipped scenario has a golden folder, and every golden folder a scenario', () => {
    const names = shipped.map((f) => loadScenario(join('scenarios', f)).scenario.name).sort();
    const folders = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    if (!UPDATE) expect(folders).toEqual(names);
  });

  for (const file of shipped) {
    it(file, () => {
      const { scenario } = loadScenario(join('scenarios', file));
      const result = runScenario(scenario, { replications: Math.min(GOLDEN_REPLICATIONS, scenario.replications) });
      const produced = new Map<string, string>();
      for (const t of result.tables) produced.set(`${t.name}.csv`, tableToCsv(t));
      for (const [path, text] of result.files) produced.set(path, text);
      const dir = join(GOLDEN, scenario.name);
      if (UPDATE) {
        rmSync(dir, { recursive: true, force: true });
        for (const [path, text] of produced) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), text);
        }
      }
      expect([...produced.keys()].sort(), `${scenario.name}: files written`).toEqual(listFiles(dir));
      for (const [path, text] of produced) expect(text, `${scenario.name}/${path}`).toBe(readFileSync(join(dir, path), 'utf8'));
    });
  }
});
