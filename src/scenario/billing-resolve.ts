import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import type { PriceCatalog } from '../billing/catalog.js';
import { catalogFileSchema, toPriceCatalog } from './billing-schema.js';
import { didYouMean } from '../engine/did-you-mean.js';
import type { Scenario } from './schema.js';
import { describeIssue } from './zod-messages.js';
import { yamlErrorMessage } from './text-checks.js';

type Path = (string | number)[];

/** Problems of one catalog reported at most (the rest are counted). */
const MAX_CATALOG_PROBLEMS = 10;

/**
 * The folder of the built-in catalogs: `catalogs/` at the root of the ephemera package,
 * found by walking up from this file to the package.json named ephemera (so it is the
 * same folder from src/ under vitest and from dist/ under the CLI); undefined if absent.
 */
export function builtinCatalogDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ephemera') {
      const catalogs = join(dir, 'catalogs');
      return existsSync(catalogs) ? catalogs : undefined;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Names of the built-in catalogs (catalogs/*.yaml), sorted. */
export function builtinCatalogNames(): string[] {
  const dir = builtinCatalogDir();
  return dir === undefined ? [] : readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

const builtinText = new Map<string, string>();

/** The text of built-in catalog `name` (read once per process). */
function readBuiltin(name: string): string {
  let text = builtinText.get(name);
  if (text === undefined) {
    text = readFileSync(join(builtinCatalogDir()!, `${name}.yaml`), 'utf8');
    builtinText.set(name, text);
  }
  return text;
}

/** `line:col` of the YAML node at `path` (or of its nearest ancestor; of the key itself for an unknown key). */
function where(doc: Document, lc: LineCounter, path: readonly PropertyKey[], key?: string): string {
  for (let n = key !== undefined ? path.length - 1 : path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node === undefined || node === null) continue;
    let range = (node as { range?: [number, number, number] }).range;
    if (key !== undefined && n === path.length - 1 && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair !== undefined && isScalar(pair.key) && pair.key.range) range = pair.key.range;
    }
    if (range === undefined) break;
    const { line, col } = lc.linePos(range[0]);
    return `${line}:${col}`;
  }
  return '1:1';
}

/**
 * Parses and validates the text of a catalog file (YAML or JSON) read from `file`. Returns
 * the catalog, or every problem as `file:line:col: path: message`. `fallbackName` names a
 * catalog without `name:`.
 */
export function parseCatalog(text: string, file: string, fallbackName: string): { catalog: PriceCatalog } | { problems: string[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => { const p = lc.linePos(e.pos[0]); return `${file}:${p.line}:${p.col}: ${yamlErrorMessage(e.message)}`; }) };
  }
  if (!isMap(doc.contents)) return { problems: [`${file}:1:1: expected a mapping of catalog keys (gb_bytes, instance_hours, transfer, s3, elastic_ip)`] };
  const input: unknown = doc.toJS();
  const result = catalogFileSchema.safeParse(input);
  if (result.success) return { catalog: toPriceCatalog(result.data, fallbackName) };
  const problems = (result.error.issues as z.core.$ZodIssue[]).flatMap((issue) => describeIssue(issue, input, catalogFileSchema).map((d) => {
    const path = d.path.map(String).join('.');
    return `${file}:${where(doc, lc, d.path, d.key)}: ${path === '' ? '' : `${path}: `}${d.message}`;
  }));
  return { problems };
}

/** Instance types the scenario launches (fleet roles and ec2-run-instances), with where each is named. */
function launchedTypes(s: Scenario): { type: string; path: Path }[] {
  const out = Object.entries(s.fleet).filter(([, r]) => r.count > 0).map(([role, r]) => ({ type: r.type, path: ['fleet', role, 'type'] as Path }));
  s.actions.forEach((a, i) => {
    if (a.run.command.verb === 'run-instances') out.push({ type: a.run.command.type, path: ['actions', i, 'run'] });
  });
  return out;
}

/**
 * Reads the price catalog `pricing:` names and puts it in the scenario: a built-in name
 * (catalogs/<name>.yaml of the package) or a path, read through `readText` (relative to the
 * scenario file). Checks that the catalog prices every instance type the scenario
 * launches. Problems go to `onError` with the scenario path they concern; a catalog's own
 * problems name the catalog file, line and path.
 */
export function resolvePricing(scenario: Scenario, readText: (path: string) => string, onError: (path: Path, message: string) => void): void {
  const pricing = scenario.pricing;
  if (pricing.kind !== 'catalog-ref') return;
  const ref = pricing.ref;
  const builtins = builtinCatalogNames();
  const isPath = /[/\\]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
  let text: string;
  let file: string;
  if (isPath) {
    file = ref;
    try {
      text = readText(ref);
    } catch (e) {
      onError(['pricing'], `cannot read price catalog: ${(e as Error).message}`);
      return;
    }
  } else if (builtins.includes(ref)) {
    file = `catalogs/${ref}.yaml`;
    text = readBuiltin(ref);
  } else {
    const guess = didYouMean(ref, builtins);
    onError(['pricing'], `unknown price catalog "${ref}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; built in: ${builtins.join(', ') || '(none found)'}; or give the path of a catalog file, e.g. ./prices.yaml`);
    return;
  }
  const parsed = parseCatalog(text, file, basename(file, extname(file)));
  if ('problems' in parsed) {
    for (const p of parsed.problems.slice(0, MAX_CATALOG_PROBLEMS)) onError(['pricing'], p);
    if (parsed.problems.length > MAX_CATALOG_PROBLEMS) onError(['pricing'], `${file}: ${parsed.problems.length - MAX_CATALOG_PROBLEMS} more problem(s) not shown`);
    return;
  }
  const catalog = parsed.catalog;
  let unpriced = false;
  for (const { type, path } of launchedTypes(scenario)) {
    if (catalog.instanceHour[type] !== undefined) continue;
    unpriced = true;
    const priced = Object.keys(catalog.instanceHour);
    const other = builtins.filter((b) => b !== ref && parseCatalogNames(b).includes(type));
    onError(path, `price catalog ${catalog.name} (${file}) has no instance-hour price for ${type}; it prices ${priced.join(', ')}${other.length > 0 ? `; ${other.join(', ')} does (pricing: ${other[0]})` : '; add it under instance_hours: in a catalog of your own'}`);
  }
  if (!unpriced) scenario.pricing = { kind: 'catalog', ref, file, catalog };
}

/** Instance types a built-in catalog prices (empty if it does not parse). */
function parseCatalogNames(name: string): string[] {
  const parsed = parseCatalog(readBuiltin(name), `catalogs/${name}.yaml`, name);
  return 'catalog' in parsed ? Object.keys(parsed.catalog.instanceHour) : [];
}
