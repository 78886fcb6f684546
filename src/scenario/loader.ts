import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type * as z from 'zod';
import { resolveEmpiricalCsv, type DistributionSpec } from './distribution-schema.js';
import { resolveFaults } from './faults-resolve.js';
import { resolveDnsReplay } from './dns-replay.js';
import { resolveDemandTrace } from './demand-trace.js';
import { resolvePricing } from './billing-resolve.js';
import { parseOverride, pathStartsWith, type Override } from './overrides.js';
import { MAX_PROBLEMS, ProblemList, ScenarioError, type Problem } from './scenario-error.js';
import { checkResources, type ResourceLimits } from './resource-estimate.js';
import { jsonProblem, utf8Problem, yamlErrorMessage } from './text-checks.js';
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
  /** SHA-256 (hex) of the bytes the text came from, for the manifest (default: of the text). */
  readonly hash?: string;
  /**
   * The memory a replication may use (default: this process's heap and the machine's
   * memory); `false` skips the check.
   */
  readonly limits?: ResourceLimits | false;
}

type Segment = string | number;

/** An applied `--set`, and the part of its path that did not exist before it (what it created). */
interface AppliedOverride extends Override {
  readonly created: readonly (string | number)[] | undefined;
}

/** Where in the input a path lies: the override that set (or created) it, or the nearest YAML node. */
function locate(doc: Document, lc: LineCounter, source: string, overrides: readonly AppliedOverride[], path: readonly PropertyKey[], keyOf?: string): Omit<Problem, 'message'> {
  const dotted = path.map(String).join('.');
  const over = overrides.find((o) => pathStartsWith(path, o.path) || pathStartsWith(o.path, path) || (o.created !== undefined && pathStartsWith(path, o.created)));
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

/** Duplicate keys in the document's mappings, in one pass (yaml's own check is quadratic in the keys of a mapping). */
function duplicateKeys(doc: Document, lc: LineCounter, source: string, list: ProblemList): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = String(pair.key.value);
        const at = pair.key.range?.[0] ?? 0;
        const first = seen.get(k);
        if (first === undefined) {
          seen.set(k, at);
          continue;
        }
        const { line, col } = lc.linePos(at);
        list.add({ source, line, col, path: '', message: `duplicate key "${k}" (first at line ${lc.linePos(first).line}): give each key once` });
      }
    },
  });
}

/**
 * Applies one `--set` to the document; returns the problem when it cannot: a path through
 * a value that is not a mapping or list, or a list index past the end (which would leave
 * holes). The part of the path it creates is recorded, so that problems inside it are
 * blamed on the `--set`.
 */
function applyOverride(doc: Document, o: Override): AppliedOverride | string {
  let created: (string | number)[] | undefined;
  for (let i = 1; i <= o.path.length; i++) {
    const prefix = o.path.slice(0, i);
    const parent = i === 1 ? doc.contents : doc.getIn(o.path.slice(0, i - 1), true);
    const seg = o.path[i - 1]!;
    if (parent !== undefined && parent !== null && !isMap(parent) && !isSeq(parent)) {
      return `${o.path.slice(0, i - 1).join('.')} is a single value, not a mapping or a list, so it has no "${String(seg)}"`;
    }
    if ((parent === undefined || parent === null) && typeof seg === 'number' && seg > 0) {
      return `${o.path.slice(0, i - 1).join('.')} does not exist: a new list starts at index 0, and index ${seg} would leave a gap`;
    }
    if (isSeq(parent)) {
      if (typeof seg !== 'number') return `${o.path.slice(0, i - 1).join('.')} is a list: index it by number (0 to ${parent.items.length - 1}), not "${seg}"`;
      if (seg > parent.items.length) return `${o.path.slice(0, i - 1).join('.')} has ${parent.items.length} item(s), numbered 0 to ${parent.items.length - 1}: index ${seg} would leave a gap (to add an item, set index ${parent.items.length})`;
    }
    if (created === undefined && !doc.hasIn(prefix)) created = prefix;
  }
  try {
    doc.setIn(o.path, doc.createNode(o.value));
  } catch (e) {
    return (e as Error).message.split('\n')[0]!;
  }
  return { ...o, created };
}

/** Largest scenario file read (scenarios are short; traces and logs they name are read separately). */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

/**
 * Parses and validates scenario text (YAML, or JSON when `source` ends in `.json`: then
 * strict JSON, so a trailing comma is an error). Throws ScenarioError listing the problems
 * (the first 20, then how many more) with file, line, column and path. Touches no file
 * except through `readText`. `hash` is the SHA-256 of the bytes the text was decoded
 * from (default: of the text's UTF-8).
 */
export function parseScenario(text: string, source: string, options: ParseOptions = {}): LoadedScenario {
  const list = new ProblemList();
  if (/\.json$/i.test(source)) {
    const p = jsonProblem(text, source);
    if (p !== undefined) throw new ScenarioError([p]);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  for (const err of doc.errors) {
    const { line, col } = lc.linePos(err.pos[0]);
    list.add({ source, line, col, path: '', message: yamlErrorMessage(err.message) });
  }
  if (list.empty) duplicateKeys(doc, lc, source, list);
  if (!list.empty) throw list.error();
  if (!isMap(doc.contents)) {
    throw new ScenarioError([{ source, line: 1, col: 1, path: '', message: 'expected a mapping of scenario keys (name, duration, cloud, ...)' }]);
  }
  const overrides: AppliedOverride[] = [];
  for (const text of options.set ?? []) {
    let o: Override;
    try {
      o = parseOverride(text);
    } catch (e) {
      list.add({ source: `--set ${text}`, path: '', message: (e as Error).message.replace(/^--set [^:]*: /, '') });
      continue;
    }
    const applied = applyOverride(doc, o);
    if (typeof applied === 'string') list.add({ source: `--set ${text}`, path: o.path.join('.'), message: applied });
    else overrides.push(applied);
  }
  if (!list.empty) throw list.error();

  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new ScenarioError([{ source, line: 1, col: 1, path: '', message: `the YAML aliases (*name) expand too far (${e.message.replace(/\.$/, '')}): write the values out, or use fewer nested aliases` }]);
  }
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues as z.core.$ZodIssue[]) {
      if (!list.room) {
        list.count(issue.code === 'unrecognized_keys' ? issue.keys.length : 1);
        continue;
      }
      // Only what will be listed is described (a file of 40,000 unknown keys costs 20 descriptions).
      const room = MAX_PROBLEMS - list.problems.length;
      let described: z.core.$ZodIssue = issue;
      if (issue.code === 'unrecognized_keys' && issue.keys.length > room) {
        list.count(issue.keys.length - room);
        described = { ...issue, keys: issue.keys.slice(0, room) };
      }
      for (const d of describeIssue(described, input, scenarioSchema)) {
        if (list.room) list.add({ ...locate(doc, lc, source, overrides, d.path, d.key), message: d.message });
        else list.count();
      }
    }
    throw list.error();
  }
  const readText = options.readText ?? ((p: string): string => { throw new Error(`cannot read ${p}: no file access`); });
  const baseDir = source.startsWith('--') ? '.' : dirname(source);
  const onError = (path: Segment[], message: string): void => {
    if (list.room) list.add({ ...locate(doc, lc, source, overrides, path), message });
    else list.count();
  };
  const scenario = resolveFiles(result.data, [], baseDir, readText, onError) as Scenario;
  // The faults section against the cloud (zones, racks, host ids), and its failure trace.
  resolveFaults(scenario, (p) => readText(resolve(baseDir, p)), onError);
  resolveDnsReplay(scenario, (p) => readText(resolve(baseDir, p)), onError);
  resolveDemandTrace(scenario, (p) => readText(resolve(baseDir, p)), onError);
  resolvePricing(scenario, (p) => readText(resolve(baseDir, p)), onError);
  if (!list.empty) throw list.error();
  // Memory: refuse, before anything runs, a scenario this process cannot hold.
  if (options.limits !== false) checkResources(scenario, options.limits, onError);
  if (!list.empty) throw list.error();
  const hash = options.hash ?? createHash('sha256').update(text).digest('hex');
  return { scenario, source, hash, overrides: overrides.map((o) => o.text) };
}

/**
 * Reads, parses and validates a scenario file; throws ScenarioError (a missing file, one
 * larger than MAX_SCENARIO_BYTES and one that is not UTF-8 included). The manifest's hash
 * is the SHA-256 of the bytes read.
 */
export function loadScenario(path: string, options: Omit<ParseOptions, 'readText' | 'hash'> = {}): LoadedScenario {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isFile() && st.size > MAX_SCENARIO_BYTES) {
      throw new ScenarioError([{ source: path, path: '', message: `the file has ${st.size} bytes; scenario files are read whole and may have at most ${MAX_SCENARIO_BYTES} (put large data in a trace or CSV file the scenario names)` }]);
    }
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a .yaml or .json file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ScenarioError([{ source: path, path: '', message: `cannot read scenario: ${why}` }]);
  }
  const bad = utf8Problem(bytes, path);
  if (bad !== undefined) throw new ScenarioError([bad]);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const readText = (p: string): string => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot read ${p}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  return parseScenario(text, path, { ...options, readText, hash: createHash('sha256').update(bytes).digest('hex') });
}
