import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from './ensure-dist.js';

// Command-line conventions, through the installed command (bin/ephemera.js): --version,
// examples and exit statuses in every --help, numbers refused as typed, and a manifest that
// names the version and, run from this git checkout, the commit.
const run = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['bin/ephemera.js', ...args], { encoding: 'utf8' });
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const COMMANDS = ['run', 'validate', 'sweep', 'merge', 'compare', 'report', 'describe-metrics', 'schema'];

/** This checkout's commit as the manifest should record it, or undefined when this is not a git checkout. */
function checkoutCommit(): string | undefined {
  if (!existsSync('.git')) return undefined;
  const git = (args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const head = git(['rev-parse', 'HEAD']);
  return git(['status', '--porcelain', '--untracked-files=no']) === '' ? head : `${head}-dirty`;
}

describe('command-line conventions', () => {
  beforeAll(() => ensureDist());

  it('--version prints the version, and the commit when run from a checkout', () => {
    const commit = checkoutCommit();
    for (const flag of ['--version', '-V']) {
      const r = run([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(commit === undefined ? `${VERSION}\n` : `${VERSION} (git ${commit})\n`);
    }
  });

  it('every --help shows examples and the exit statuses', () => {
    for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Examples:\n  ephemera ');
      expect(r.stdout, args.join(' ')).toMatch(/Exit status:\n {2}0 {2}success\n {2}1 {2}failure.*\n {2}2 {2}invalid input/);
    }
  });

  it('a bad number is refused naming what was typed, exit status 2', () => {
    const cases: [string[], string][] = [
      [['run', 'scenarios/aiderss.yaml', '--seed', 'abc'], '--seed "abc": expected an integer from 0 to 4294967295'],
      [['run', 'scenarios/aiderss.yaml', '--seed', '4294967296'], '--seed 4294967296: expected an integer from 0 to 4294967295'],
      [['run', 'scenarios/aiderss.yaml', '-r', '1.5'], '--replications "1.5": expected an integer from 1 to 100000'],
      [['run', 'scenarios/aiderss.yaml', '-r', '1e3'], '--replications "1e3": expected an integer from 1 to 100000'],
      [['sweep', 'scenarios/aiderss.yaml', '--workers', '0x10'], '--workers "0x10": expected an integer from 1 to 256'],
      [['sweep', 'scenarios/aiderss.yaml', '-w', '0'], '--workers 0: expected an integer from 1 to 256'],
      [['run', 'scenarios/aiderss.yaml', '--seed', '1', '--seed', '2'], '--seed was given 2 times (1, 2): give it once'],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`ephemera: ${message}\nRun 'ephemera --help' for usage.\n`);
    }
  });

  it('the manifest records the version, and the commit when run from a checkout', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ephemera-conventions-')), 'walk');
    expect(run(['run', 'scenarios/seed-walkthrough.yaml', '-r', '1', '--out', out, '--quiet']).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['ephemera']).toBe(VERSION);
    expect(manifest['commit']).toBe(checkoutCommit());
    expect(Object.keys(manifest).slice(0, 3)).toEqual(checkoutCommit() === undefined ? ['ephemera', 'scenario', 'scenario_file'] : ['ephemera', 'commit', 'scenario']);
  });
});
