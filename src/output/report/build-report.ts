import { join, resolve } from 'node:path';
import { ResultsError } from '../../experiment/results-error.js';
import { readResults } from '../results-reader.js';
import { writeFileAtomically } from '../atomic-file.js';
import { checkNotAnInput } from '../prepare-target.js';
import { readTimeseriesDigest } from './read-timeseries.js';
import { incidentWindow } from './timeseries-digest.js';
import { escapeHtml, htmlTable, REPORT_CSS } from './html.js';
import { REPORT_PLOTS } from './plots.js';
import type { ReportInput } from './report-input.js';

export { REPORT_PLOTS } from './plots.js';

/** What a report holds: which plots were drawn, and why the others were not. */
export interface ReportOutline {
  readonly shown: readonly string[];
  readonly missing: readonly { readonly id: string; readonly reason: string }[];
}

function manifestRows(m: Readonly<Record<string, unknown>> | undefined): string {
  if (m === undefined) return '<p class="missing">This folder has no manifest.json.</p>';
  const rows: [string, string][] = [];
  for (const key of ['scenario', 'scenario_file', 'scenario_sha256', 'seed', 'replications', 'duration_s', 'overrides', 'command', 'ephemera']) {
    const v = m[key];
    if (v === undefined) continue;
    rows.push([key, Array.isArray(v) ? v.join(' ') || '(none)' : String(v)]);
  }
  const sweep = m['sweep'] as { vary?: { path: string; values: string[] }[]; points?: unknown[]; shard?: { index: number; count: number } } | undefined;
  for (const v of sweep?.vary ?? []) rows.push([`vary ${v.path}`, v.values.join(', ')]);
  if (sweep?.points !== undefined) rows.push(['points', String(sweep.points.length)]);
  if (sweep?.shard !== undefined) rows.push(['shard', `${sweep.shard.index} of ${sweep.shard.count} (partial: merge the shards first)`]);
  return `<table class="meta">${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/**
 * The report page of a results folder's contents: one self-contained HTML document (inline
 * CSS and SVG, no script, a Content-Security-Policy that forbids loading anything), with a
 * Vega-Lite plot for each table present and the table beside it, and a list of the plots
 * left out with the file each needs. No timestamp: the same folder gives the same bytes.
 */
export async function buildReport(input: ReportInput): Promise<{ html: string; outline: ReportOutline; svgs: ReadonlyMap<string, string> }> {
  const name = typeof input.manifest?.['scenario'] === 'string' ? input.manifest['scenario'] : 'results';
  const sections: string[] = [];
  const shown: string[] = [];
  const missing: { id: string; reason: string }[] = [];
  const svgs = new Map<string, string>();
  // vega is loaded only when a report is built, so that other commands start fast.
  const { renderSvg } = await import('./vega-svg.js');
  for (const plot of REPORT_PLOTS) {
    const content = plot.build(input);
    if (typeof content === 'string') {
      missing.push({ id: plot.id, reason: content });
      continue;
    }
    const svg = await renderSvg(content.spec, plot.id);
    shown.push(plot.id);
    svgs.set(plot.id, svg);
    sections.push(`<section id="${plot.id}">
<h2>${escapeHtml(plot.title)}</h2>
<div class="section">
<figure data-plot="${plot.id}" data-marks="${content.marks.join(' ')}">
${svg}
<figcaption>${escapeHtml(content.caption)}</figcaption>
</figure>
<div class="side">${htmlTable(content.side)}</div>
</div>
</section>`);
  }
  const listed = [...input.tables].map(([n, t]) => [n, t.rows.length] as const);
  if (input.timeseries !== undefined && !input.tables.has('timeseries')) listed.push(['timeseries', input.timeseries.rows]);
  const files = listed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n, rows]) => `${escapeHtml(n)}.csv (${rows} rows)`).join(', ');
  const notShown = missing.length === 0 ? '' : `<section id="missing"><h2>Not shown</h2><ul>
${missing.map((m) => `<li data-missing="${m.id}"><b>${escapeHtml(REPORT_PLOTS.find((p) => p.id === m.id)!.title)}</b>: ${escapeHtml(m.reason)}</li>`).join('\n')}
</ul></section>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ephemera report: ${escapeHtml(name)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>ephemera report: ${escapeHtml(name)}</h1>
${manifestRows(input.manifest)}
<p class="more">Tables: ${files || 'none'}.</p>
${sections.join('\n')}
${notShown}
</body>
</html>
`;
  return { html, outline: { shown, missing }, svgs };
}

export interface WriteReportOptions {
  /** Also write each plot as `<id>.svg` into this folder (for documents and slides). */
  readonly svgDir?: string;
}

/**
 * Writes `report.html` for the results folder `dir` (to `out`, default `<dir>/report.html`),
 * atomically. Throws ResultsError when `dir` holds no result tables. Returns the path and outline.
 */
export async function writeReport(dir: string, out: string = join(dir, 'report.html'), options: WriteReportOptions = {}): Promise<{ path: string; outline: ReportOutline }> {
  const folder = readResults(dir, { skip: ['timeseries'] });
  const timeseries = await readTimeseriesDigest(dir, incidentWindow(folder.tables.get('incidents')));
  if (folder.tables.size === 0 && timeseries === undefined) throw new ResultsError(`${dir} holds no result tables (*.csv)`);
  // report.html at the top of the folder it reports on is the one output allowed inside it.
  const own = resolve(out) === resolve(join(dir, 'report.html'));
  const isReport = (h: string): boolean => h.startsWith('<!doctype html>') && h.includes('<title>ephemera report:');
  // Every output is checked before any is written.
  if (!own) checkNotAnInput(out, [dir], `--out ${out}`);
  if (options.svgDir !== undefined) checkNotAnInput(options.svgDir, [dir], `--svg ${options.svgDir}`);
  const { html, outline, svgs } = await buildReport({ ...folder, timeseries });
  writeFileAtomically(out, html, { ...(own ? {} : { inputs: [dir] }), what: 'a report', given: `--out ${out}`, isOurs: isReport });
  if (options.svgDir !== undefined) {
    for (const [id, svg] of svgs) {
      const path = join(options.svgDir, `${id}.svg`);
      writeFileAtomically(path, `${svg}\n`, { inputs: [dir], what: 'a plot', given: `--svg ${options.svgDir}`, isOurs: (h) => h.startsWith('<svg') && h.includes('class="marks"') });
    }
  }
  return { path: out, outline };
}
