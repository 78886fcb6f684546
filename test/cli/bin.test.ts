import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from './ensure-dist.js';

// The installed command, end to end: bin/ephemera.js runs the bundled CLI (dist/bundle/).
const run = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['bin/ephemera.js', ...args], { encoding: 'utf8' });

describe('bin/ephemera.js', () => {
  beforeAll(() => ensureDist());

  it('validates, and says what is wrong with exit status 2', () => {
    const ok = run(['validate', 'scenarios/aiderss.yaml']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('ok scenarios/aiderss.yaml (aiderss)\n');
    const bad = run(['validate', 'scenarios/nope.yaml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('scenarios/nope.yaml: cannot read scenario: no such file');
  });

  it('runs a shipped scenario to the bytes of its golden files', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ephemera-bin-')), 'walk');
    const r = run(['run', 'scenarios/seed-walkthrough.yaml', '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    for (const f of ['summary.csv', 'instances.csv', 'actions.csv', 'console/0/i-22a609ed.txt']) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join('test/golden/seed-walkthrough', f), 'utf8'));
    }
  });

  it('shows help with examples', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('ephemera sweep');
  });
});

describe('the worker process bundle', () => {
  beforeAll(() => ensureDist());

  it('loads no schema, command-line or CSV-reading code (a worker only builds and runs worlds: each start costs less)', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join('dist/bundle', file), 'utf8').matchAll(/from "\.\/(chunk-[A-Z0-9]+\.js)"|import "\.\/(chunk-[A-Z0-9]+\.js)"/g)) visit((m[1] ?? m[2])!);
    };
    visit('sweep-worker.js');
    const text = [...seen].map((f) => readFileSync(join('dist/bundle', f), 'utf8')).join('\n');
    for (const pkg of ['zod', 'yargs', 'yaml', 'csv-parse']) expect(text, pkg).not.toContain(`// node_modules/${pkg}/`);
    expect(text).toContain('// node_modules/seedrandom/'); // the check can see a bundled package
  });
});
