import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { resolveEmpiricalCsv, type DistributionSpec } from './distribution-schema.js';
import { resolveFaults } from './faults-resolve.js';
import { resolveDnsReplay } from './dns-replay.js';
import { resolveDemandTrace } from './demand-trace.js';
import { resolvePricing } from './billing-resolve.js';
import { parseOverride, pathStartsWith, type Override } from './overrides.js';
import { ScenarioError, type Problem } from './scenario-error.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { describeIssue } from './zod-messages.js';

/** A validated scenario with where it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The file it was read from (as given), or a label for text sources. */
  readonly source: string;
  /** sha256 of the file's bytes, hex. */
  readonly hash: string;
  /** The `--set` overrides applied, as written. */
  readonly overrides: readonly string[];
}

export interface ParseOptions {
  /** `PATH=VALUE` overrides applied to the document before validation. */
  readonly set?: readonly string[];
  /** Reads a file the scenario refers to (paths are resolved against the scenario's folder). */
  readonly readText?: (path: string) => string;
}

type Segment = string | number;

/** Where in the input a path lies: the override that set it, or the nearest YAML node. */
function locate(doc: Document, lc: LineCounter, source: string, overrides: readonly Override[], path: readonly PropertyKey[], keyOf?: string): Omit<Problem, 'message'> {
  const dotted = path.map(String).join('.');
  const over = overrides.find((o) => pathStartsWith(path, o.path) || pathStartsWith(o.path, path));
  if (over !== undefined && path.length > 0) return { source: `--set ${over.text}`, path: dotted };
  // An unknown key is pointed at in its parent mapping, not at its value.
  const top = keyOf !== undefined ? path.length - 1 : path.length;
  for (let n = top; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node === undefined || node === null) continue;
    let range = (node as { range?: [number, number, number] }).range;
    if (keyOf !== undefined && n === top && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === keyOf);
      if (pair !== undefined && isScalar(pair.key) && pair.key.range) range = pair.key.range;
    }
    if (range === undefined) break;
    const { line, col } = lc.linePos(range[0]);
    return { source, line, col, path: dotted };
  }
  return { source, path: dotted };
}

/** Replaces every `empirical-csv` distribution with the values read from its file. */
function resolveFiles(node: unknown, path: Segment[], baseDir: string, readText: (p: string) => string, onError: (path: Segment[], message: string) => void): unknown {
  if (Array.isArray(node)) return node.map((v, i) => resolveFiles(v, [...path, i], baseDir, readText, onError));
  if (node === null || typeof node !== 'object') return node;
  const rec = node as Record<string, unknown>;
  if (rec['kind'] === 'empirical-csv') {
    try {
      return resolveEmpiricalCsv(rec as DistributionSpec, (p) => readText(resolve(baseDir, p)));
    } catch (e) {
      onError(path, (e as Error).message);
      return node;
    }
  }
  for (const [k, v] of Object.entries(rec)) rec[k] = resolveFiles(v, [...path, k], baseDir, readText, onError);
  return rec;
}

/**
 * Parses and validates scenario text (YAML or JSON). Throws ScenarioError listing every
 * problem with its file, line, column and path. Touches no file except through `readText`.
 */
export function parseScenario(text: string, source: string, options: ParseOptions = {}): LoadedScenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const { line, col } = lc.linePos(err.pos[0]);
    problems.push({ source, line, col, path: '', message: `invalid YAML: ${err.message.split('\n')[0]}` });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  if (!isMap(doc.contents)) {
    throw new ScenarioError([{ source, line: 1, col: 1, path: '', message: 'expected a mapping of scenario keys (name, duration, cloud, ...)' }]);
  }
  const overrides: Override[] = [];
  for (const text of options.set ?? []) {
    let o: Override;
    try {
      o = parseOverride(text);
    } catch (e) {
      problems.push({ source: `--set ${text}`, path: '', message: (e as Error).message.replace(/^--set [^:]*: /, '') });
      continue;
    }
    doc.setIn(o.path, doc.createNode(o.value));
    overrides.push(o);
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  const input: unknown = doc.toJS();
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues as z.core.$ZodIssue[]) {
      for (const d of describeIssue(issue, input, scenarioSchema)) {
        problems.push({ ...locate(doc, lc, source, overrides, d.path, d.key), message: d.message });
      }
    }
    throw new ScenarioError(problems);
  }
  const readText = options.readText ?? ((p: string): string => { throw new Error(`cannot read ${p}: no file access`); });
  const baseDir = source.startsWith('--') ? '.' : dirname(source);
  const scenario = resolveFiles(result.data, [], baseDir, readText, (path, message) => {
    problems.push({ ...locate(doc, lc, source, overrides, path), message });
  }) as Scenario;
  // The faults section against the cloud (zones, racks, host ids), and its failure trace.
  resolveFaults(scenario, (p) => readText(resolve(baseDir, p)), (path, message) => {
    problems.push({ ...locate(doc, lc, source, overrides, path), message });
  });
  resolveDnsReplay(scenario, (p) => readText(resolve(baseDir, p)), (path, message) => {
    problems.push({ ...locate(doc, lc, source, overrides, path), message });
  });
  resolveDemandTrace(scenario, (p) => readText(resolve(baseDir, p)), (path, message) => {
    problems.push({ ...locate(doc, lc, source, overrides, path), message });
  });
  resolvePricing(scenario, (p) => readText(resolve(baseDir, p)), (path, message) => {
    problems.push({ ...locate(doc, lc, source, overrides, path), message });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return { scenario, source, hash: createHash('sha256').update(text).digest('hex'), overrides: overrides.map((o) => o.text) };
}

/** Reads, parses and validates a scenario file; throws ScenarioError (a missing file included). */
export function loadScenario(path: string, options: Omit<ParseOptions, 'readText'> = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a .yaml or .json file' : (e as Error).message;
    throw new ScenarioError([{ source: path, path: '', message: `cannot read scenario: ${why}` }]);
  }
  const readText = (p: string): string => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot read ${p}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  return parseScenario(text, path, { ...options, readText });
}
