import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/output/report/build-report.js';

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
  const drawn = (m) => [...f.querySelectorAll('g.mark-' + m + ' > *')].filter((el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; }).length;
  return { id: f.getAttribute('data-plot'), width: box ? box.width : 0, height: box ? box.height : 0, marks: Object.fromEntries(marks.map((m) => [m, drawn(m)])) };
})`;

let browser: Browser | undefined;
beforeAll(async () => {
  if (skip) return;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium) or set EPHEMERA_SKIP_BROWSER=1`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(skip)('report.html in Chromium', () => {
  it('every plot renders as a non-empty SVG with its marks, offline, with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ephemera-browser-')), 'report.html');
    const { outline } = await writeReport('test/fixtures/report-sweep', out);
    expect(outline.shown).toHaveLength(7);
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
    const figures = (await page.evaluate(MEASURE_FIGURES)) as FigureInfo[];
    expect(figures.map((f) => f.id)).toEqual(outline.shown);
    for (const f of figures) {
      expect(f.width, f.id).toBeGreaterThan(100);
      expect(f.height, f.id).toBeGreaterThan(50);
      for (const [mark, n] of Object.entries(f.marks)) expect(n, `${f.id}: ${mark} marks drawn`).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
