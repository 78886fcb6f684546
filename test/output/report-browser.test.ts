import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_PLOTS, writeReport } from '../../src/output/report/build-report.js';
import { runFolder, sweepFolder } from './report-fixture.js';

// The report opened in a real browser: Debian's chromium (apt-get install -y chromium;
// .ci/run installs it), driven by playwright-core. A missing chromium fails this test,
// unless EPHEMERA_SKIP_BROWSER=1 says to skip it.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const skip = process.env['EPHEMERA_SKIP_BROWSER'] === '1';

/** What the page reports of each figure: its SVG's size and, per expected mark type, the marks drawn (non-empty boxes). */
interface FigureInfo {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly marks: Record<string, number>;
}

// Runs in the page (plain JavaScript: the test's tsconfig has no DOM types).
const MEASURE_FIGURES = `[...document.querySelectorAll('figure[data-plot]')].map((f) => {
  const box = f.querySelector('svg')?.getBoundingClientRect();
  const marks = (f.getAttribute('data-marks') || '').split(' ').filter((m) => m !== '');
  const drawn = (m) => [...f.querySelectorAll('g.mark-' + m + '.role-mark > *')].filter((el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; }).length;
  return { id: f.getAttribute('data-plot'), width: box ? box.width : 0, height: box ? box.height : 0, marks: Object.fromEntries(marks.map((m) => [m, drawn(m)])) };
})`;

/**
 * The layout of each figure, as the browser lays it out (real font metrics, not Vega's
 * estimates): every text the chart draws itself (axis labels and titles, legends, titles,
 * facet headers; not the text marks that label data points) that overlaps a plot area (the
 * background of a view; a legend's entries are groups too, and are not plot areas), overlaps
 * another such text, or leaves the SVG.
 */
const MEASURE_LAYOUT = `[...document.querySelectorAll('figure[data-plot]')].map((f) => {
  const svg = f.querySelector('svg');
  const frame = svg.getBoundingClientRect();
  const areas = [...svg.querySelectorAll('g.mark-group.role-scope > g > path.background, g.mark-group.role-frame > g > path.background')]
    .filter((p) => !p.closest('g.role-legend')).map((p) => p.getBoundingClientRect()).filter((r) => r.width > 1 && r.height > 1);
  const visible = (t) => { for (let e = t; e && e !== svg; e = e.parentElement) if (e.getAttribute && (e.getAttribute('opacity') === '0' || e.getAttribute('display') === 'none')) return false; return t.textContent.trim() !== ''; };
  const texts = [...svg.querySelectorAll('text')].filter((t) => !t.closest('g.role-mark') && visible(t))
    .map((t) => ({ text: t.textContent, role: (t.closest('g[class*=role-]') || {}).getAttribute?.('class') || '', where: (t.closest('g[aria-label]') || {}).getAttribute?.('aria-label') || '', box: t.getBoundingClientRect() }));
  const at = (t) => '"' + t.text + '" (' + (t.where || t.role) + ' at ' + Math.round(t.box.left - frame.left) + ',' + Math.round(t.box.top - frame.top) + ')';
  const overlap = (a, b, slack) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
  const problems = [];
  for (const t of texts) {
    for (const a of areas) if (overlap(t.box, a, 1)) { problems.push('text over a plot area: ' + at(t)); break; }
    if (t.box.left < frame.left - 0.5 || t.box.right > frame.right + 0.5 || t.box.top < frame.top - 0.5 || t.box.bottom > frame.bottom + 0.5) problems.push('text outside the figure: ' + at(t));
  }
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) if (overlap(texts[i].box, texts[j].box, 1)) problems.push('texts overlap: ' + at(texts[i]) + ' and ' + at(texts[j]));
  return { id: f.getAttribute('data-plot'), texts: texts.length, areas: areas.length, problems };
})`;

let browser: Browser | undefined;
const pages: { name: string; path: string; shown: readonly string[] }[] = [];
beforeAll(async () => {
  if (skip) return;
  if (!existsChromium()) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium) or set EPHEMERA_SKIP_BROWSER=1`);
  const out = mkdtempSync(join(tmpdir(), 'ephemera-browser-'));
  for (const [name, dir] of [['sweep', await sweepFolder()], ['run', await runFolder()]] as const) {
    const path = join(out, `${name}.html`);
    const { outline } = await writeReport(dir, path);
    pages.push({ name, path, shown: outline.shown });
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

function existsChromium(): boolean {
  try {
    return existsSync(CHROMIUM);
  } catch {
    return false;
  }
}

describe.skipIf(skip)('report.html in Chromium', () => {
  it('every plot renders as a non-empty SVG with its marks, offline, with no console errors', async () => {
    expect(pages.find((p) => p.name === 'sweep')?.shown).toEqual(REPORT_PLOTS.map((p) => p.id));
    for (const { name, path, shown } of pages) {
      const page = await browser!.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const figures = (await page.evaluate(MEASURE_FIGURES)) as FigureInfo[];
      expect(figures.map((f) => f.id), name).toEqual(shown);
      for (const f of figures) {
        expect(f.width, `${name}: ${f.id}`).toBeGreaterThan(100);
        expect(f.height, `${name}: ${f.id}`).toBeGreaterThan(50);
        for (const [mark, n] of Object.entries(f.marks)) expect(n, `${name}: ${f.id}: ${mark} marks drawn`).toBeGreaterThan(0);
      }
      expect(problems, name).toEqual([]);
      await page.close();
    }
  });

  it('no text overlaps a plot area or another text, and none leaves its figure', async () => {
    for (const { name, path } of pages) {
      const page = await browser!.newPage();
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const layout = (await page.evaluate(MEASURE_LAYOUT)) as { id: string; texts: number; areas: number; problems: string[] }[];
      for (const f of layout) {
        expect(f.areas, `${name}: ${f.id}: plot areas found`).toBeGreaterThan(0);
        expect(f.texts, `${name}: ${f.id}: texts found`).toBeGreaterThan(3);
        expect(f.problems, `${name}: ${f.id}`).toEqual([]);
      }
      await page.close();
    }
  });
});
