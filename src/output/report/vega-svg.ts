import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Settings shared by every plot: a plain look, fonts that need nothing from the network, and
 * tick labels that would overlap thinned out with room to spare (Vega estimates text widths;
 * a browser's fonts can be wider).
 */
const CONFIG = { font: 'sans-serif', background: 'white', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12, labelOverlap: true, labelSeparation: 4 } } as const;

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no browser, no canvas: text widths are
 * estimated). Element ids (clip paths, gradients) are renumbered `<prefix>-1, -2, ...` so
 * several SVGs can share one page, and so the output does not depend on what vega rendered
 * before in this process: the same spec gives the same bytes.
 */
export async function renderSvg(spec: TopLevelSpec, prefix: string): Promise<string> {
  const vg = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG(), prefix);
  } finally {
    view.finalize();
  }
}

/** Replaces every `id="x"` and its references (`url(#x)`, `href="#x"`) with `<prefix>-<n>`, n in order of appearance. */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${ids.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)!})` : all))
    .replace(/href="#([^"]+)"/g, (all, id: string) => (ids.has(id) ? `href="#${ids.get(id)!}"` : all));
}
