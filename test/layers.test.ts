import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of DESIGN.md, lowest first: a file may import only from its own layer or
// the ones before it. The model never touches files or argv.
const ORDER = ['engine', 'cloud', 'network', 'faults', 'dns', 'service', 'elasticity', 'billing', 'metrics', 'scenario', 'experiment', 'output', 'cli'];
const MODEL = ['engine', 'cloud', 'network', 'faults', 'dns', 'service', 'elasticity', 'billing', 'metrics'];

it('every folder under src/ is a layer of the list', () => {
  const folders = readdirSync('src', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(folders.filter((f) => !ORDER.includes(f))).toEqual([]);
});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

const sources = files('src').map((path) => ({ path, layer: relative('src', path).split('/')[0]!, text: readFileSync(path, 'utf8') }));

describe('layers', () => {
  it('imports point down the list engine, cloud, network, faults, dns, service, elasticity, billing, metrics, scenario, experiment, output, cli', () => {
    const upward: string[] = [];
    for (const s of sources) {
      if (!ORDER.includes(s.layer)) continue;
      for (const m of s.text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = relative('src', normalize(join(dirname(s.path), m[1]!))).split('/')[0]!;
        if (ORDER.includes(target) && ORDER.indexOf(target) > ORDER.indexOf(s.layer)) upward.push(`${s.path} -> ${m[1]}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the model layers touch no files, argv or wall clock', () => {
    const offenders = sources
      .filter((s) => MODEL.includes(s.layer))
      .filter((s) => /from 'node:fs|from 'fs'|process\.argv|process\.exit|Date\.now\(|Math\.random\(/.test(s.text))
      .map((s) => s.path);
    expect(offenders).toEqual([]);
  });
});
