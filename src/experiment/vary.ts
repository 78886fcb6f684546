/** One `--vary PATH=V1,V2,...`: a dotted scenario path and the values it takes, in order. */
export interface Vary {
  /** As written, for error messages. */
  readonly text: string;
  /** The dotted path, e.g. `dns.records.1.ttl` (the column name in the results). */
  readonly path: string;
  /** Each value as written (read as YAML when applied, like `--set`). */
  readonly values: readonly string[];
}

/** Columns every sweep table already has; a varied parameter may not take their names. */
const RESERVED = new Set(['scenario', 'point', 'replication', 'seed', 'replications']);

/** A malformed `--vary`: `text` is the option as written, `reason` what is wrong with it. */
export class VaryError extends Error {
  readonly text: string;
  readonly reason: string;

  constructor(text: string, reason: string) {
    super(`--vary ${text}: ${reason}`);
    this.name = 'VaryError';
    this.text = text;
    this.reason = reason;
  }
}

/**
 * Splits a value list on commas that are not inside brackets, braces or quotes, so YAML
 * flow values survive: `a=1,[2, 3],"x,y"` gives `1`, `[2, 3]`, `"x,y"`.
 */
export function splitValues(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (const ch of list) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Parses one `--vary PATH=V1,V2,...`; throws VaryError when malformed. */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq <= 0 || path === '') throw new VaryError(text, `expected PATH=V1,V2,..., e.g. --vary dns.records.1.ttl=30s,60s,5m`);
  if (path.split('.').some((s) => s === '')) throw new VaryError(text, `empty segment in path "${path}"`);
  if (RESERVED.has(path)) {
    throw new VaryError(text, path === 'seed'
      ? "replications already vary the seed (each replication's own seed is in summary.csv); use --seed to change the base seed"
      : path === 'replications' ? 'a sweep runs the same replications at every point; use --replications' : `"${path}" names a column every sweep table has; it cannot be varied`);
  }
  const values = splitValues(text.slice(eq + 1));
  if (values.some((v) => v === '')) throw new VaryError(text, `empty value in the list (values are separated by commas)`);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) throw new VaryError(text, `value "${dup}" is listed twice`);
  return { text, path, values };
}

/** Parses every `--vary`; throws VaryError when one is malformed or two name the same path. */
export function parseVaries(texts: readonly string[]): Vary[] {
  const varies = texts.map(parseVary);
  const seen = new Set<string>();
  for (const v of varies) {
    if (seen.has(v.path)) throw new VaryError(v.text, `${v.path} is varied twice; list all its values in one --vary`);
    seen.add(v.path);
  }
  return varies;
}
