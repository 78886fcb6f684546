import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalogDir, builtinCatalogNames, parseCatalog } from '../../src/scenario/billing-resolve.js';
import { parseScenario, type ParseOptions } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { HEAD } from './helpers.js';

const FLEET = 'fleet:\n  web: { image: ami-f937d290, type: m1.small, count: 1 }\n';

/** The problems parsing `text` reports, formatted. */
function problems(text: string, options: ParseOptions = {}): string[] {
  try {
    parseScenario(text, 'dir/b.yaml', options);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  return [];
}

const GOOD = `gb_bytes: 1073741824
instance_hours: { m1.small: 0.085 }
transfer:
  in: [{ usd_per_gb: 0.10 }]
  out: [{ next_gb: 10240, usd_per_gb: 0.17 }, { usd_per_gb: 0.13 }]
  internal: [{ usd_per_gb: 0 }]
  regional: [{ usd_per_gb: 0.01 }]
  s3: [{ usd_per_gb: 0 }]
s3:
  storage: [{ usd_per_gb_month: 0.15 }]
  put_requests: { per: 1000, usd: 0.01 }
  get_requests: { per: 10000, usd: 0.01 }
elastic_ip: { idle_usd_per_hour: 0.01, free_remaps_per_month: 100, usd_per_remap: 0.10 }
`;

describe('price catalogs', () => {
  it('ships ec2-2008-04 (the default) and ec2-2008-11 in catalogs/ at the package root', () => {
    const dir = builtinCatalogDir()!;
    expect(existsSync(join(dir, '..', 'package.json'))).toBe(true);
    expect(builtinCatalogNames()).toEqual(expect.arrayContaining(['ec2-2008-04', 'ec2-2008-11']));
    const s = parseScenario(HEAD + FLEET, 'b.yaml').scenario;
    expect(s.pricing.kind === 'catalog' && s.pricing.catalog.name).toBe('ec2-2008-04');
    const nov = parseScenario(HEAD + FLEET, 'b.yaml', { set: ['pricing=ec2-2008-11'] }).scenario;
    expect(nov.pricing.kind === 'catalog' && nov.pricing.catalog.transfer.out.map((t) => t.micros)).toEqual([170_000, 130_000, 110_000, 100_000]);
  });

  it('reads a catalog of the user\'s own, relative to the scenario file', () => {
    const read: string[] = [];
    const s = parseScenario(`${HEAD}${FLEET}pricing: prices/2009.yaml\n`, 'dir/b.yaml', { readText: (p) => { read.push(p); return GOOD; } }).scenario;
    expect(read).toEqual([resolve('dir', 'prices/2009.yaml')]);
    expect(s.pricing.kind === 'catalog' && [s.pricing.catalog.name, s.pricing.catalog.instanceHour['m1.small']]).toEqual(['2009', 85_000]);
  });

  it('locates a bad catalog\'s problems by catalog file, line and path', () => {
    const bad = GOOD
      .replace('gb_bytes: 1073741824\n', '')
      .replace('{ usd_per_gb: 0.13 }', '{ next_gb: 51200, usd_per_gbb: 0.13 }')
      .replace('idle_usd_per_hour: 0.01', 'idle_usd_per_hour: -0.01');
    const out = problems(`${HEAD}${FLEET}pricing: prices.yaml\n`, { readText: () => bad });
    expect(out).toEqual(expect.arrayContaining([
      'dir/b.yaml:9:10: pricing: prices.yaml:1:1: gb_bytes: missing; expected a number',
      'dir/b.yaml:9:10: pricing: prices.yaml:4:65: transfer.out.1.usd_per_gbb: unknown key "usd_per_gbb" (did you mean "usd_per_gb"?); expected one of: next_gb, usd_per_gb',
      'dir/b.yaml:9:10: pricing: prices.yaml:12:34: elastic_ip.idle_usd_per_hour: expected a price >= 0 in USD, got -0.01',
    ]));
    expect(parseCatalog(GOOD.replace('{ usd_per_gb: 0.13 }', '{ next_gb: 5, usd_per_gb: 0.13 }'), 'p.yaml', 'p')).toEqual({
      problems: ['p.yaml:5:58: transfer.out.1.next_gb: the last tier is open-ended: remove next_gb (it covers everything above the tiers before it)'],
    });
    // A catalog written before regional transfer was priced is refused, not read as free.
    expect(parseCatalog(GOOD.replace('  regional: [{ usd_per_gb: 0.01 }]\n', ''), 'p.yaml', 'p')).toEqual({ problems: ['p.yaml:4:3: transfer.regional: missing; expected a list'] });
    expect(parseCatalog('gb_bytes: [1', 'p.yaml', 'p')).toEqual({ problems: [expect.stringMatching(/^p\.yaml:1:\d+: invalid YAML/)] });
  });

  it('names the built-in catalogs when one is unknown, and says when a file cannot be read', () => {
    expect(problems(`${HEAD}${FLEET}pricing: ec2-2008-4\n`)).toEqual([
      expect.stringMatching(/^dir\/b\.yaml:9:10: pricing: unknown price catalog "ec2-2008-4" \(did you mean "ec2-2008-04"\?\); built in: .*ec2-2008-04, ec2-2008-11/),
    ]);
    expect(problems(`${HEAD}${FLEET}pricing: nowhere.yaml\n`)).toEqual([
      `dir/b.yaml:9:10: pricing: cannot read price catalog: cannot read ${resolve('dir', 'nowhere.yaml')}: no file access`,
    ]);
  });

  it('refuses a launch of a type the catalog does not price, pointing at the launch', () => {
    const text = `${HEAD.replace('network: { tenant_churn: 0 }', 'network: { tenant_churn: 0 }\n  instance_types:\n    c1.medium: { memory: 1.7GiB, ecu: 5, cores: 2, storage: 350GB, arch: i386 }')}fleet:
  web: { image: ami-f937d290, type: c1.medium, count: 1 }
`;
    expect(problems(text)).toEqual([
      'dir/b.yaml:10:37: fleet.web.type: price catalog ec2-2008-04 (catalogs/ec2-2008-04.yaml) has no instance-hour price for c1.medium; it prices m1.small, m1.large, m1.xlarge; ec2-2008-11 does (pricing: ec2-2008-11)',
    ]);
    expect(problems(`${text}pricing: ec2-2008-11\n`)).toEqual([]);
  });

  it('checks the colocation section like the rest of the scenario', () => {
    expect(problems(`${HEAD}${FLEET}colocation: { amortise: 3 years, bandwidth: { commit_mbps: 2.5 } }\n`)).toEqual([
      'dir/b.yaml:9:25: colocation.amortise: expected a number of months, e.g. 36 or "36 months", got "3 years"',
      'dir/b.yaml:9:60: colocation.bandwidth.commit_mbps: expected an integer, got 2.5',
    ]);
    const s = parseScenario(`${HEAD}${FLEET}colocation: { amortise: 36 months }\n`, 'b.yaml').scenario;
    expect(s.colocation).toMatchObject({ amortise: 36, server_price: 3_000_000_000, bandwidth: { commit_mbps: 10, percentile: 95, sample: 300_000 } });
  });
});
