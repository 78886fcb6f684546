import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from '../cli/ensure-dist.js';
import { folderContents } from '../cli/folder-contents.js';
import { FolderSink } from '../../src/output/folder-sink.js';
import { MemorySink } from '../../src/experiment/memory-sink.js';
import { appendReplication } from '../../src/experiment/run-scenario.js';
import { runReplication } from '../../src/experiment/replication.js';
import { loadScenario } from '../../src/scenario/loader.js';
import type { Table } from '../../src/metrics/table.js';

// Kill at every step: a child process writes a results folder over an older one and is
// killed with SIGKILL before each step in turn (every table append, every file, every
// table's finish, the manifest, the marker, both renames, the removal). After every kill
// the place must hold the old folder or the new one, complete; and the next run into it
// must finish with the new results, remove ephemera's leftovers and touch nothing else.
beforeAll(() => ensureDist(), 120_000);

const CHILD = join(import.meta.dirname, '../fixtures/kill-at-step.mjs');
const { scenario, hash } = loadScenario(join(import.meta.dirname, '../fixtures/tiny.yaml'));

interface Units {
  readonly units: { tables: Table[]; files: Record<string, string> }[];
  readonly manifest: Record<string, unknown>;
}

/** What `ephemera run` would hand its folder, replication by replication, for `seed`. */
function unitsFor(seed: number): Units {
  const units = [0, 1].map((r) => {
    const sink = new MemorySink();
    appendReplication(sink, scenario.name, runReplication(scenario, seed, r));
    return { tables: sink.tables(), files: Object.fromEntries(sink.files) };
  });
  return { units, manifest: { ephemera: 'test', scenario: scenario.name, scenario_file: 'tiny.yaml', scenario_sha256: hash, seed, replications: 2, overrides: [], command: 'kill-at-step' } };
}

function write(target: string, u: Units): void {
  const folder = FolderSink.open(target);
  u.units.forEach((unit, i) => {
    for (const t of unit.tables) folder.append(t.name, t.columns, t.rows);
    for (const [path, text] of Object.entries(unit.files)) folder.file(path, text);
    folder.endUnit(i);
  });
  folder.commit(u.manifest);
}

function child(unitsFile: string, target: string, killAt: number): Promise<{ signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CHILD, unitsFile, target, String(killAt)]);
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('close', (_code, signal) => resolve({ signal, stdout }));
  });
}

const same = (a: Map<string, string>, b: Map<string, string>): boolean => JSON.stringify([...a]) === JSON.stringify([...b]);

describe('replacing a results folder survives a kill at every step', () => {
  it('leaves the old or the new folder complete, and the next run recovers', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ephemera-kill-'));
    const oldU = unitsFor(1);
    const newU = unitsFor(2);
    const unitsFile = join(base, 'new.json');
    writeFileSync(unitsFile, JSON.stringify(newU));
    write(join(base, 'old'), oldU);
    write(join(base, 'new'), newU);
    const oldC = folderContents(join(base, 'old'));
    const newC = folderContents(join(base, 'new'));
    expect(same(oldC, newC)).toBe(false);

    // Every step of writing the new folder over the old one.
    cpSync(join(base, 'old'), join(base, 'probe'), { recursive: true });
    const steps = JSON.parse((await child(unitsFile, join(base, 'probe'), -1)).stdout) as string[];
    expect(steps).toEqual(expect.arrayContaining(['append to summary.csv', 'write describe/1/0.txt', 'finish instances.csv', 'write manifest.json', 'remove the staging marker', 'rename the old folder aside', 'rename the new folder in', 'remove the old folder']));
    expect(steps.length).toBeGreaterThan(20);

    const places = steps.map((_, k) => {
      const place = join(base, `k${k}`);
      mkdirSync(place);
      writeFileSync(join(place, 'precious.txt'), 'not ephemera\'s');
      cpSync(join(base, 'old'), join(place, 'out'), { recursive: true });
      return join(place, 'out');
    });
    // Two children at a time (they are independent).
    const killed: (string | null)[] = [];
    for (let k = 0; k < places.length; k += 2) {
      const batch = await Promise.all(places.slice(k, k + 2).map((t, i) => child(unitsFile, t, k + i)));
      killed.push(...batch.map((b) => b.signal));
    }
    expect(killed).toEqual(steps.map(() => 'SIGKILL'));

    places.forEach((target, k) => {
      const at = `killed before step ${k} (${steps[k]})`;
      // The target holds the old or the new folder, complete; or, between the two renames,
      // there is no target, and the old folder and the new one are complete beside it.
      if (existsSync(target)) expect(same(folderContents(target), oldC) || same(folderContents(target), newC), at).toBe(true);
      else {
        expect(same(folderContents(`${target}.ephemera-old`), oldC), at).toBe(true);
        expect(same(folderContents(`${target}.ephemera-staging`), newC), at).toBe(true);
      }
      // The next run into the same place completes and leaves nothing of ephemera's behind.
      write(target, newU);
      expect(same(folderContents(target), newC), at).toBe(true);
      const place = join(target, '..');
      expect(readdirSync(place).sort(), at).toEqual(['out', 'precious.txt']);
      expect(readFileSync(join(place, 'precious.txt'), 'utf8')).toBe('not ephemera\'s');
    });
  }, 300_000);
});
