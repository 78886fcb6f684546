import { createHash } from 'node:crypto';
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
// Files larger than this (timeseries.csv: one row per interval) are pinned by their SHA-256,
// row count and size in <file>.sha256, with their first lines kept readable in <file>.head.
const LARGE_BYTES = 256 * 1024;
const HEAD_LINES = 40;

/** What the golden folder holds for a produced file: itself, or its digest and head. */
function goldenForm(path: string, text: string): Map<string, string> {
  if (Buffer.byteLength(text) <= LARGE_BYTES) return new Map([[path, text]]);
  const lines = text.split('\n');
  const digest = `${createHash('sha256').update(text).digest('hex')}  rows=${lines.length - 1}  bytes=${Buffer.byteLength(text)}\n`;
  return new Map([[`${path}.sha256`, digest], [`${path}.head`, `${lines.slice(0, HEAD_LINES).join('\n')}\n`]]);
}
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
      const add = (path: string, text: string): void => {
        for (const [p, t] of goldenForm(path, text)) produced.set(p, t);
      };
      for (const t of result.tables) add(`${t.name}.csv`, tableToCsv(t));
      // Every request of every shipped scenario is accounted for, in every row.
      const ts = result.tables.find((t) => t.name === 'timeseries');
      if (ts !== undefined) {
        const col = (c: string): number => ts.columns.indexOf(c);
        const parts = ['served_requests', 'failed_requests_dns', 'failed_requests_overload', 'failed_requests_backend_down', 'failed_requests_stale_config', 'failed_requests_db_down'].map(col);
        const bad = ts.rows.filter((r) => parts.reduce((a, i) => a + (r[i] as number), 0) !== r[col('demand_requests')]);
        expect(bad.length, `${scenario.name}: rows where demand != served + failures`).toBe(0);
      }
      for (const [path, text] of result.files) add(path, text);
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
