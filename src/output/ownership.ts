import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { onPath } from './fs-error.js';

/** At most this many foreign entries are named in a refusal (then "and N more"). */
export const MAX_LISTED = 20;

/** The manifest fields ephemera always writes, by which its results folders are recognised. */
export function isEphemeraManifest(m: unknown): m is Record<string, unknown> {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
  const r = m as Record<string, unknown>;
  return typeof r['ephemera'] === 'string' && typeof r['scenario'] === 'string'
    && typeof r['scenario_sha256'] === 'string' && /^[0-9a-f]{64}$/.test(r['scenario_sha256'])
    && Number.isInteger(r['seed']) && Number.isInteger(r['replications'])
    && Array.isArray(r['overrides']) && typeof r['command'] === 'string';
}

/** The manifest of folder `dir` when it is one ephemera wrote; otherwise why not. */
export function ourManifest(dir: string): { manifest: Record<string, unknown> } | { why: string } {
  const p = join(dir, 'manifest.json');
  let text: string;
  try {
    if (!lstatSync(p).isFile()) return { why: 'its manifest.json is not a file' };
    text = readFileSync(p, 'utf8');
  } catch {
    return { why: 'it has no manifest.json' };
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return { why: 'its manifest.json is not valid JSON' };
  }
  if (!isEphemeraManifest(m)) return { why: 'its manifest.json was not written by ephemera (no ephemera, scenario, scenario_sha256, seed, replications, overrides and command fields)' };
  return { manifest: m };
}

/** Files a manifest lists (`files`: path -> { bytes, sha256, rows }), or undefined for a manifest older than the list. */
export function listedFiles(m: Record<string, unknown>): Set<string> | undefined {
  const files = m['files'];
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return undefined;
  return new Set(Object.keys(files));
}

const REPORT_SIGNATURE = '<title>ephemera report:';

/** True when `path` is a report.html that `ephemera report` wrote. */
function isOurReport(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    return text.startsWith('<!doctype html>') && text.includes(REPORT_SIGNATURE);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What a results folder written before manifests listed their files may hold. */
function legacyEntry(rel: string, isDir: boolean): boolean {
  const parts = rel.split('/');
  if (parts.length === 1) return isDir ? parts[0] === 'console' || parts[0] === 'describe' : /^[a-z][a-z0-9_-]*\.csv$/.test(rel);
  return (parts[0] === 'console' || parts[0] === 'describe') && (isDir || rel.endsWith('.txt'));
}

/**
 * Entries of `dir` (relative paths, folders with a trailing `/`) that ephemera did not
 * write, given what its manifest lists (`listed`; undefined: an older folder, judged by
 * the names ephemera gives). manifest.json and a report.html written by `ephemera report`
 * are ours. Stops after `MAX_LISTED + 1` entries.
 */
export function foreignEntries(dir: string, listed: ReadonlySet<string> | undefined): string[] {
  const prefixes = new Set<string>();
  for (const f of listed ?? []) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('/'));
  }
  const foreign: string[] = [];
  const walk = (rel: string): void => {
    const abs = rel === '' ? dir : join(dir, rel);
    const entries = onPath(abs, 'cannot list the folder', () => readdirSync(abs, { withFileTypes: true }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (foreign.length > MAX_LISTED) return;
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        const ok = listed === undefined ? legacyEntry(r, true) : prefixes.has(r);
        if (!ok) foreign.push(`${r}/`);
        else {
          const before = foreign.length;
          walk(r);
          // An empty folder ephemera did not leave behind is not ours either.
          if (foreign.length === before && readdirSync(join(dir, r)).length === 0) foreign.push(`${r}/`);
        }
      } else if (e.isFile()) {
        const ok = r === 'manifest.json' || (r === 'report.html' && isOurReport(join(dir, r)))
          || (listed === undefined ? legacyEntry(r, false) : listed.has(r));
        if (!ok) foreign.push(r);
      } else foreign.push(r);
    }
  };
  walk('');
  return foreign;
}

/** `a, b, c and 4 more` for a refusal message. */
export function listSome(items: readonly string[], total = items.length): string {
  const shown = items.slice(0, MAX_LISTED);
  const more = total - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
