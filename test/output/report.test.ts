import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildReport, REPORT_PLOTS, writeReport } from '../../src/output/report/build-report.js';
import { digestTimeseries } from '../../src/output/report/timeseries-digest.js';
import { readTimeseriesDigest } from '../../src/output/report/read-timeseries.js';
import { numericParameter } from '../../src/output/report/axes.js';
import { renumberIds } from '../../src/output/report/vega-svg.js';
import { readResults } from '../../src/output/results-reader.js';
import { runFolder, sweepFolder } from './report-fixture.js';

const OLD_FIXTURE = 'test/fixtures/report-sweep';

let sweep: string;
let run: string;
let shared: string;
beforeAll(async () => {
  sweep = await sweepFolder();
  run = await runFolder();
  // Each report built once here, read by the tests below (a sweep's report takes a few seconds).
  shared = join(mkdtempSync(join(tmpdir(), 'ephemera-report-shared-')), 'shared');
  await writeReport(sweep, join(shared, 'sweep.html'));
  await writeReport(run, join(shared, 'run.html'), { svgDir: join(shared, 'run-plots') });
}, 180_000);

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-report-'));
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('report.html', () => {
  it('draws every plot from a sweep with every table, the same bytes every time', async () => {
    const a = await writeReport(sweep, join(dir, 'a.html'));
    expect(a.outline.shown).toEqual(REPORT_PLOTS.map((p) => p.id));
    expect(a.outline.missing).toEqual([]);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(readFileSync(join(shared, 'sweep.html'), 'utf8')).toBe(html);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).toMatch(/timeseries\.csv \(\d+ rows\)/);
  });

  it('draws every plot but the sweep\'s own from a run', async () => {
    const { outline } = await buildReport(readResults(run));
    expect(outline.missing.map((m) => m.id)).toEqual(['sweep-metrics', 'ttl-tradeoff']);
    expect(outline.shown).toEqual(REPORT_PLOTS.map((p) => p.id).filter((id) => id !== 'sweep-metrics' && id !== 'ttl-tradeoff'));
  });

  it('titles and axes come from the catalogue, with units; counts get integer ticks; the TTL is a numeric log axis', async () => {
    const html = readFileSync(join(shared, 'sweep.html'), 'utf8');
    const figure = (page: string, id: string): string => page.slice(page.indexOf(`<section id="${id}">`), page.indexOf('</section>', page.indexOf(`<section id="${id}">`)));
    // Panel titles are the catalogue's labels, axis titles its label with the unit.
    expect(figure(html, 'summary-distributions')).toContain('>outage p95</text>');
    expect(figure(html, 'summary-distributions')).toContain('>outage p95 (s)</text>');
    expect(figure(html, 'sweep-metrics')).toContain('>DNS queries per second (1/s)</text>');
    expect(figure(html, 'sweep-metrics')).toContain('>dns.records.1.ttl (s, log scale)</text>');
    expect(figure(html, 'incident-phases')).toContain('seconds after the front end stopped (log scale)');
    // The TTL's ticks sit at the points themselves, labelled as given to --vary.
    for (const ttl of ['30s', '5m', '1h']) expect(figure(html, 'sweep-metrics')).toContain(`>${ttl}</text>`);
    // Every axis of a count (its title is a count's label: replications, failed requests, instances ...) has whole-number ticks.
    const runHtml = readFileSync(join(shared, 'run.html'), 'utf8');
    let counted = 0;
    for (const page of [html, runHtml]) {
      for (const axis of page.split('aria-roledescription="axis"').slice(1)) {
        const title = /aria-label="[XY]-axis titled '([^']+)'/.exec(axis)?.[1];
        if (title === undefined || !['replications', 'instances', 'instances running', 'failed client requests', 'host failures', 'desired capacity (instances)', 'addresses, cumulative'].includes(title)) continue;
        const labels = [...axis.slice(0, axis.indexOf('role-axis-title')).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
        for (const l of labels) expect(l, `${title}: tick ${l}`).toMatch(/^-?[\d,]+(\.\d+)?[kMGT]?$/);
        for (const l of labels) if (!/[kMGT]$/.test(l)) expect(Number.isInteger(Number(l.replace(/,/g, ''))), `${title}: tick ${l}`).toBe(true);
        counted++;
      }
    }
    expect(counted).toBeGreaterThan(10);
  });

  it('names the plots it cannot draw and the file each needs', async () => {
    const d = join(dir, 'run');
    mkdirSync(d);
    writeFileSync(join(d, 'summary.csv'), 'scenario,replication,seed,failures,hosts\ns,0,1,3,10\ns,1,2,5,10\ns,2,3,4,10\n');
    expect(await main(['report', d])).toBe(0);
    const html = readFileSync(join(d, 'report.html'), 'utf8');
    expect(html).toContain('data-plot="summary-distributions"');
    for (const p of REPORT_PLOTS.filter((x) => x.id !== 'summary-distributions')) {
      expect(html, p.id).toMatch(new RegExp(`<li data-missing="${p.id}"><b>[^<]+</b>: needs [^<]*${p.needs[0]!.replace('.', '\\.')}`));
    }
  });

  it('still reads the folders of older versions (columns since added are missing)', async () => {
    const { outline } = await buildReport(readResults(OLD_FIXTURE));
    expect(outline.shown).toEqual(['summary-distributions', 'sweep-metrics', 'ttl-tradeoff', 'incident-phases', 'outage-cdf', 'instances-over-time', 'monthly-cost']);
  });

  it('--svg also writes each plot as an SVG file', async () => {
    for (const p of REPORT_PLOTS.filter((x) => x.id !== 'sweep-metrics' && x.id !== 'ttl-tradeoff')) {
      expect(readFileSync(join(shared, 'run-plots', `${p.id}.svg`), 'utf8')).toMatch(/^<svg [^>]*>.*<\/svg>\n$/s);
    }
    const d = join(dir, 'small');
    mkdirSync(d);
    writeFileSync(join(d, 'summary.csv'), 'scenario,replication,seed,host_failures\ns,0,1,3\ns,1,2,5\n');
    expect(await main(['report', d, '--out', join(dir, 'r.html'), '--svg', join(dir, 'plots'), '-q'])).toBe(0);
    expect(readFileSync(join(dir, 'plots', 'summary-distributions.svg'), 'utf8')).toMatch(/^<svg [^>]*>.*<\/svg>\n$/s);
  });

  it('refuses a folder without results (exit 2)', async () => {
    expect(await main(['report', dir])).toBe(2);
    expect(stderr).toContain('holds no result tables');
    expect(await main(['report', join(dir, 'nope')])).toBe(2);
  });

  it('renumbers SVG ids and their references', () => {
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip7"/><g id="x"/></svg>';
    expect(renumberIds(svg, 'p')).toBe('<svg><clipPath id="p-1"><rect/></clipPath><g clip-path="url(#p-1)"/><use href="#p-1"/><g id="p-2"/></svg>');
  });
});

describe('timeseries.csv in the report', () => {
  it('is digested as it streams, to the same means as from the table held whole', async () => {
    const streamed = await readTimeseriesDigest(sweep);
    const held = digestTimeseries(readResults(sweep).tables.get('timeseries')!);
    expect(streamed).toEqual(held);
    expect(held.groups.map((g) => [g.label, g.replications])).toEqual([['30s', 2], ['5m', 2], ['1h', 2]]);
    // Two days of 10-minute intervals fit in 600 buckets: one interval per bucket, each the mean of 2 replications.
    expect(held.bucketS).toBe(600);
    expect(held.groups[0]!.buckets).toHaveLength(288);
  });

  it('averages over replications and buckets: each bucket holds the mean of its intervals', () => {
    const table = {
      name: 'timeseries',
      columns: ['replication', 'time_s', 'interval_s', 'demand_rps', 'misdirected_requests'],
      rows: [[0, 0, 60, 10, 60], [0, 60, 60, 20, 0], [0, 120, 60, 30, 0], [1, 0, 60, 14, 0], [1, 60, 60, 22, 120], [1, 120, 60, 36, 0]],
    };
    const d = digestTimeseries(table, 2);
    expect(d.columns).toEqual(['demand_rps', 'misdirected_requests', 'misdirected_rps']);
    expect(d.bucketS).toBe(120);
    const [a, b] = d.groups[0]!.buckets;
    expect(a!.timeS).toBe(0);
    expect(a!.values[0]).toBeCloseTo((10 + 20 + 14 + 22) / 4, 12);
    expect(a!.values[2]).toBeCloseTo((1 + 0 + 0 + 2) / 4, 12); // misdirected per second: 60/60 and 120/60
    expect(b!.values[0]).toBeCloseTo((30 + 36) / 2, 12);
  });
});

describe('a sweep parameter on a numeric axis', () => {
  it('reads durations, sizes and numbers, and asks for a log scale when they span decades', () => {
    expect(numericParameter(['30s', '60s', '5m', '1h', '2h'])).toMatchObject({ unit: 's', log: true, values: new Map([['30s', 30], ['60s', 60], ['5m', 300], ['1h', 3600], ['2h', 7200]]) });
    expect(numericParameter(['512MB', '2GB'])).toMatchObject({ unit: 'GB', log: false });
    expect(numericParameter(['1', '2', '4'])).toMatchObject({ unit: '', log: false });
    expect(numericParameter(['spread', 'first-fit'])).toBeUndefined();
    expect(numericParameter(['30s', 'honour-ttl'])).toBeUndefined();
  });
});
