import { parse as parseYaml } from 'yaml';

/** One `--set PATH=VALUE`: a dotted path (numeric segments index lists) and a YAML value. */
export interface Override {
  readonly text: string;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

/** Parses `dns.records.1.ttl=5m`; the value is read as YAML (`5m` a string, `3` a number, `[a, b]` a list). */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--set ${text}: expected PATH=VALUE, e.g. --set faults.hardware.ttf.exponential.mean=30d`);
  const rawPath = text.slice(0, eq);
  const segments = rawPath.split('.');
  if (segments.some((s) => s === '')) throw new Error(`--set ${text}: empty segment in path "${rawPath}"`);
  const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch (e) {
    throw new Error(`--set ${text}: the value is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  return { text, path, value };
}

/** True when `prefix` is a leading part of `path` (or equal to it). */
export function pathStartsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((p, i) => String(p) === String(path[i]));
}
