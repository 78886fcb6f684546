import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { muteOutput } from './mute-output.js';

const SCENARIO = `name: small
duration: 90d
replications: 2
cloud: { zones: { us-east-1a: { hosts: 50 } } }
faults:
  hardware:
    ttf: { exponential: { mean: 30d } }
    repair: { lognormal: { median: 4h, sigma: 1 } }
`;

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-cli-'));
  writeFileSync(join(dir, 'small.yaml'), SCENARIO);
  stderr = '';
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const read = (d: string, f: string): string => readFileSync(join(d, f), 'utf8');

describe('ephemera run', () => {
  it('writes summary.csv and manifest.json; same seed gives identical bytes', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect(await main(['run', join(dir, 'small.yaml'), '--out', a, '--quiet'])).toBe(0);
    expect(await main(['run', join(dir, 'small.yaml'), '--out', b, '--quiet'])).toBe(0);
    expect(readdirSync(a).sort()).toEqual(['manifest.json', 'summary.csv']);
    expect(read(a, 'summary.csv')).toBe(read(b, 'summary.csv'));
    const lines = read(a, 'summary.csv').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['scenario', 'replication', 'seed', 'hosts']);
    expect(header).toContain('availability');
    expect(header.at(-1)).toBe('events');
    expect(lines).toHaveLength(3);
    const manifest = JSON.parse(read(a, 'manifest.json')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ scenario: 'small', seed: 1, replications: 2, overrides: [] });
    expect(manifest['scenario_sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest['duration_s']).toBe(90 * 86_400); // simulated time of one replication (90d)
  });

  it('a different seed gives different numbers; --set and --replications apply', async () => {
    const a = join(dir, 'a');
    const c = join(dir, 'c');
    await main(['run', join(dir, 'small.yaml'), '--out', a, '--quiet']);
    await main(['run', join(dir, 'small.yaml'), '--out', c, '--quiet', '--seed', '7', '--replications', '3', '--set', 'cloud.zones.us-east-1a.hosts=60']);
    expect(read(c, 'summary.csv')).not.toBe(read(a, 'summary.csv'));
    const rows = read(c, 'summary.csv').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.split(',').slice(0, 4)).toEqual(['small', '0', '7', '60']);
    expect(JSON.parse(read(c, 'manifest.json'))).toMatchObject({ seed: 7, overrides: ['cloud.zones.us-east-1a.hosts=60'] });
  });

  it('an invalid scenario exits 2, explains where, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.yaml'), SCENARIO.replace('hosts: 50', 'hosts: fifty'));
    const out = join(dir, 'out');
    expect(await main(['run', join(dir, 'small.yaml'), join(dir, 'bad.yaml'), '--out', out])).toBe(2);
    expect(stderr).toContain('bad.yaml:4:40: cloud.zones.us-east-1a.hosts: expected a number, got "fifty"');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to replace a folder that is not an ephemera result', async () => {
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    expect(await main(['run', join(dir, 'small.yaml'), '--out', dir, '--quiet'])).toBe(2);
    expect(stderr).toContain(`--out ${dir} holds ${join(dir, 'small.yaml')}, which this command reads`);
    expect(read(dir, 'precious.txt')).toBe('keep me');
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    expect(await main(['run', join(dir, 'small.yaml'), '--out', out, '--quiet'])).toBe(2);
    expect(stderr).toContain(`refusing to replace ${out}: it is not empty and it has no manifest.json`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(read(out, 'precious.txt')).toBe('keep me');
  });

  it('usage errors exit 2', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['run', join(dir, 'small.yaml'), '--seed', '-1'])).toBe(2);
    expect(stderr).toContain('--seed "-1": expected an integer from 0 to 4294967295');
  });

  it('validate reports each file', async () => {
    expect(await main(['validate', join(dir, 'small.yaml')])).toBe(0);
    expect(await main(['validate', join(dir, 'missing.yaml')])).toBe(2);
    expect(stderr).toContain('missing.yaml: cannot read scenario: no such file');
  });
});
