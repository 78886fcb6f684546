import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { loadScenario } from '../../src/scenario/loader.js';

// The JSON Schema editors check scenario files with (shipped as scenario.schema.json, printed
// by `ephemera schema`) against the scenarios we ship, with an independent validator (ajv),
// so the schema and the scenarios cannot drift apart. After a schema change:
//   npm run schema      (rewrites scenario.schema.json; review the diff)
const SHIPPED = readFileSync('scenario.schema.json', 'utf8');
const schema = JSON.parse(SHIPPED) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const scenarioFiles = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f)),
  'test/fixtures/sweep-small.yaml',
];
const MODELINE = '# yaml-language-server: $schema=../scenario.schema.json';

/** ajv's errors as `path: message` lines. */
function errorsOf(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? ''}`);
}

const base = parse(readFileSync('scenarios/host-failures.yaml', 'utf8')) as Record<string, unknown>;
const withHardware = (hardware: unknown): unknown => ({ ...base, faults: { hardware } });

describe('scenario.schema.json', () => {
  it('is what `ephemera schema` prints (regenerate: npm run schema)', () => {
    expect(SHIPPED).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  for (const file of scenarioFiles) {
    it(`accepts ${file}, which the loader accepts too`, () => {
      expect(() => loadScenario(file)).not.toThrow();
      expect(errorsOf(parse(readFileSync(file, 'utf8')))).toEqual([]);
    });
  }

  it('every shipped scenario names it on its first line, for the YAML language server', () => {
    for (const f of readdirSync('scenarios').filter((n) => n.endsWith('.yaml'))) {
      expect(readFileSync(join('scenarios', f), 'utf8').split('\n')[0], f).toBe(MODELINE);
    }
  });

  it('refuses unknown keys at any depth, as the loader does', () => {
    expect(errorsOf({ ...base, duraton: '1d' })).toContain('/: must NOT have additional properties');
    const cloud = base['cloud'] as Record<string, unknown>;
    expect(errorsOf({ ...base, cloud: { ...cloud, zones: { 'us-east-1a': { hosts: 10, rackz: 2 } } } }))
      .toContain('/cloud/zones/us-east-1a: must NOT have additional properties');
  });

  it('checks values with units as written: text in the units, or a bare 0', () => {
    for (const ok of ['90s', '1h30m', '0', '2.5 d', '1y']) expect(errorsOf({ ...base, duration: ok }), ok).toEqual([]);
    expect(errorsOf({ ...base, duration: 0 })).toEqual([]);
    for (const bad of ['5 minutes', '90', '-5s', '5S', 'forever']) expect(errorsOf({ ...base, duration: bad }), bad).not.toEqual([]);
    expect(errorsOf({ ...base, duration: 90 })).not.toEqual([]);
    expect(errorsOf({ ...base, cloud: { ...(base['cloud'] as object), network: { tenant_churn: '2GB/h' } } })).not.toEqual([]);
    expect(errorsOf({ ...base, cloud: { ...(base['cloud'] as object), network: { tenant_churn: '1/30m' } } })).toEqual([]);
  });

  it('knows the distributions: a value, or one key naming the kind with its parameters', () => {
    expect(errorsOf(withHardware({ ttf: { weibull: { shape: 0.9, mean: '2y' } }, repair: '4h' }))).toEqual([]);
    expect(errorsOf(withHardware({ ttf: { empirical: ['1h', '2h'] }, repair: { empirical: { csv: 'r.csv', column: 'hours', unit: 'h' } } }))).toEqual([]);
    expect(errorsOf(withHardware({ ttf: { weibul: { shape: 0.9, mean: '2y' } }, repair: '4h' }))).not.toEqual([]);
    expect(errorsOf(withHardware({ ttf: { exponential: { mean: '30 days' } }, repair: '4h' }))).not.toEqual([]);
  });

  it('describes every value with units, and every top-level key', () => {
    const s = scenarioJsonSchema() as { properties: Record<string, { description?: string }>; $defs: Record<string, { description?: string }> };
    for (const [name, def] of Object.entries(s.$defs)) expect(def.description, name).toMatch(/\w/);
    expect(s.$defs['duration']!.description).toContain('m (minutes)');
    expect(s.$defs['size']!.description).toContain('powers of 1024');
    for (const [key, p] of Object.entries(s.properties)) expect(p.description, key).toMatch(/\w/);
  });
});
