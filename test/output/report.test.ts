import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildReport, REPORT_PLOTS } from '../../src/output/report/build-report.js';
import { renumberIds } from '../../src/output/report/vega-svg.js';
import { readResults } from '../../src/output/results-reader.js';

const FIXTURE = 'test/fixtures/report-sweep';

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
  it('draws every plot from a sweep with DNS and billing tables, the same bytes every time', async () => {
    const a = await buildReport(readResults(FIXTURE));
    expect(a.outline.shown).toEqual(REPORT_PLOTS.map((p) => p.id));
    expect(a.outline.missing).toEqual([]);
    const b = await buildReport(readResults(FIXTURE));
    expect(b.html).toBe(a.html);
    expect(a.html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(a.html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    const ids = [...a.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the plots it cannot draw and the file each needs', async () => {
    const d = join(dir, 'run');
    mkdirSync(d);
    writeFileSync(join(d, 'summary.csv'), 'scenario,replication,seed,failures,hosts\ns,0,1,3,10\ns,1,2,5,10\ns,2,3,4,10\n');
    expect(await main(['report', d])).toBe(0);
    const html = readFileSync(join(d, 'report.html'), 'utf8');
    expect(html).toContain('data-plot="summary-histograms"');
    for (const [id, file] of [['incident-timeline', 'incidents.csv'], ['outage-cdf', 'outages.csv'], ['monthly-cost', 'invoice.csv'], ['ttl-tradeoff', 'aggregate.csv'], ['instances-timeline', 'instances.csv']] as const) {
      expect(html).toMatch(new RegExp(`<li data-missing="${id}"><b>[^<]+</b>: needs [^<]*${file.replace('.', '\\.')}`));
    }
  });

  it('--svg also writes each plot as an SVG file', async () => {
    expect(await main(['report', FIXTURE, '--out', join(dir, 'r.html'), '--svg', join(dir, 'plots'), '-q'])).toBe(0);
    for (const p of REPORT_PLOTS) expect(readFileSync(join(dir, 'plots', `${p.id}.svg`), 'utf8')).toMatch(/^<svg [^>]*>.*<\/svg>\n$/s);
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
