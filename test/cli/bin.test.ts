import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import yargs from 'yargs';
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

// What bin/cli-loader.js reports, and a command's exit status and output, in a child process
// (its own V8, default flags, as a user's command starts).
const loaded = (options: string, argv: string[]): { cacheRejected: boolean | null; status: number; stdout: string } => {
  const script = `import { loadCli } from './bin/cli-loader.js';
const writes = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (s) => (writes.push(String(s)), true);
const cli = loadCli(${options});
const status = await cli.main(${JSON.stringify(argv)});
process.stdout.write = write;
write(JSON.stringify({ cacheRejected: cli.cacheRejected ?? null, status, stdout: writes.join('') }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cacheRejected: boolean | null; status: number; stdout: string };
};

describe('the command line bundle and its code cache', () => {
  beforeAll(() => ensureDist());

  it('starts from the code cache the build made (V8 accepts it under this Node)', () => {
    expect(statSync('dist/bundle/cli.cjs.cache').size).toBeGreaterThan(100_000);
    const r = loaded('', ['validate', 'scenarios/aiderss.yaml']);
    expect(r.cacheRejected).toBe(false);
    expect(r).toMatchObject({ status: 0, stdout: 'ok scenarios/aiderss.yaml (aiderss)\n' });
  });

  it("runs the same without a cache, with a damaged one and with another bundle's (not used: the bundle compiles)", () => {
    const damaged = join(mkdtempSync(join(tmpdir(), 'ephemera-cache-')), 'cli.cjs.cache');
    const bytes = readFileSync('dist/bundle/cli.cjs.cache');
    bytes[bytes.length >> 1]! ^= 0xff; // one byte in the middle (V8 itself would not notice: it checks no checksum)
    writeFileSync(damaged, bytes);
    expect(loaded(`{ cache: ${JSON.stringify(damaged)} }`, ['validate', 'scenarios/aiderss.yaml'])).toEqual({ cacheRejected: true, status: 0, stdout: 'ok scenarios/aiderss.yaml (aiderss)\n' });
    // Whole, but made for other bytes (a rebuilt or edited bundle): V8 would take it, since it checks only the length.
    const other = join(dirname(damaged), 'other.cache');
    writeFileSync(other, Buffer.concat([createHash('sha256').update('another bundle').update(readFileSync('dist/bundle/cli.cjs.cache').subarray(32)).digest(), readFileSync('dist/bundle/cli.cjs.cache').subarray(32)]));
    expect(loaded(`{ cache: ${JSON.stringify(other)} }`, ['validate', 'scenarios/aiderss.yaml'])).toEqual({ cacheRejected: true, status: 0, stdout: 'ok scenarios/aiderss.yaml (aiderss)\n' });
    expect(loaded('{ cache: false }', ['validate', 'scenarios/aiderss.yaml'])).toEqual({ cacheRejected: null, status: 0, stdout: 'ok scenarios/aiderss.yaml (aiderss)\n' });
    expect(loaded("{ cache: '/nonexistent/cli.cjs.cache' }", ['validate', 'scenarios/aiderss.yaml'])).toEqual({ cacheRejected: null, status: 0, stdout: 'ok scenarios/aiderss.yaml (aiderss)\n' });
  });

  it("finds the yargs internals main() uses to skip the help layout of every command (else that saving is silently gone)", () => {
    const parser = yargs([]) as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } };
    expect(typeof parser.getInternalMethods?.().getUsageInstance?.()?.cacheHelpMessage).toBe('function');
  });

  it('renders a report through the importer the loader gives it (vega is an ES module)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ephemera-bin-report-'));
    expect(run(['run', 'scenarios/seed-walkthrough.yaml', '--out', join(dir, 'walk'), '--quiet']).status).toBe(0);
    const r = run(['report', join(dir, 'walk'), '--out', join(dir, 'report.html')]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<svg[^>]*>/);
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
