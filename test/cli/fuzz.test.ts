import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseDurationMs } from '../../src/engine/units.js';
import { muteOutput } from './mute-output.js';

// Mutated shipped scenarios (keys dropped and duplicated, types swapped, random numbers
// and units, random Unicode, deep nesting) must each be refused with exit status 2 and a
// message, or run to exit status 0, in bounded time, never with a stack trace, and write
// nothing when refused. Fixed seed and budget. Each scenario is first shortened to two
// simulated days (actions and outages after them left out) and 2,000 clients, so that a mutant that
// multiplies the work (a shorter time to failure, more hosts) still runs in seconds: the
// test is about robustness; scale is the memory estimate's business.
const SEED = 20_081_213;
const RUNS = 150;
/** Seconds a validation, and a run of one replication, may take (generous: CI machines are shared). */
const VALIDATE_S = 10;
const RUN_S = 30;
const BASES = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => {
  const doc = parse(readFileSync(join('scenarios', f), 'utf8')) as Record<string, unknown>;
  const early = (x: unknown): boolean => parseDurationMs((x as { at: string | number }).at) <= 2 * 86_400_000;
  const faults = doc['faults'] as Record<string, unknown> | undefined;
  const clients = doc['clients'] as Record<string, unknown> | undefined;
  return {
    ...doc, duration: '2d', replications: 1,
    ...(clients !== undefined ? { clients: { ...clients, count: Math.min(Number(clients['count']), 2000) } } : {}),
    ...(Array.isArray(doc['actions']) ? { actions: doc['actions'].filter(early) } : {}),
    ...(faults !== undefined ? { faults: { ...faults, ...(Array.isArray(faults['outages']) ? { outages: faults['outages'].filter(early) } : {}) } } : {}),
  };
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length === 0 && value === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number] ?? null, rest, value);
    return copy;
  }
  if (root !== null && typeof root === 'object') {
    const copy = { ...root };
    if (rest.length === 0 && value === undefined) delete copy[head as string];
    else copy[head as string] = setAt(copy[head as string] ?? null, rest, value);
    return copy;
  }
  return root;
}

const getAt = (root: Json, path: Path): Json => path.reduce<Json>((v, k) => (v !== null && typeof v === 'object' ? ((v as Record<string, Json>)[k as string] ?? null) : null), root);

// Quantities hostile in form (negative, zero, unknown or missing units, sizes and rates
// where durations belong) but bounded in size: a duration from a minute to three days, so
// that no mutant asks for years of simulated time or a failure every millisecond.
const UNITS = ['m', 'h', 'd', 'GB', 'MB', 'GiB', '/h', '/d', 'GB/h', 'x', '', ' h', 'ms'];
const MINUTES = { m: 1, h: 60, d: 1440 } as Readonly<Record<string, number>>;
const cheapNumber = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53, 0.5, Number.MIN_VALUE));
const withUnit = fc.tuple(fc.oneof(fc.integer({ min: -2, max: 48 }), fc.constantFrom(1e9, 0.001)), fc.constantFrom(...UNITS)).map(([n, u]) => {
  const per = MINUTES[u];
  if (per !== undefined) return `${n <= 0 ? n : Math.max(1, Math.min(n, Math.floor(4320 / per)))}${u}`;
  if (u === 'ms') return n <= 0 ? `${n}ms` : `${60_000 + n}ms`;
  return `${n}${u}`;
});
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  cheapNumber, withUnit, fc.boolean(), fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(cheapNumber, { maxLength: 3 }), fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), cheapNumber, { maxKeys: 3 }),
);

type Mutation =
  | { kind: 'drop' | 'value' | 'nest' | 'unicode-key'; at: number; value: Json; depth: number; key: string }
  | { kind: 'dup-line'; at: number }
  | { kind: 'leaf'; at: number; number: number; unit: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'value', 'nest', 'unicode-key') as fc.Arbitrary<'drop' | 'value' | 'nest' | 'unicode-key'>, at: fc.nat(), value: anyValue, depth: fc.integer({ min: 1, max: 400 }), key: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('dup-line' as const), at: fc.nat() }),
  // A number where a number is, a quantity with a unit where one is: more mutants get past validation.
  fc.record({ kind: fc.constant('leaf' as const), at: fc.nat(), number: cheapNumber, unit: withUnit }),
  fc.record({ kind: fc.constant('leaf' as const), at: fc.nat(), number: cheapNumber, unit: withUnit }),
);

/** The scenario text after the mutations: edits of the document, then of its lines. */
function mutate(base: Json, ms: readonly Mutation[]): string {
  let doc = base;
  const lineEdits: number[] = [];
  for (const m of ms) {
    if (m.kind === 'dup-line') {
      lineEdits.push(m.at);
      continue;
    }
    if (m.kind === 'leaf') {
      const leaves = paths(doc).filter((p) => { const v = getAt(doc, p); return typeof v === 'number' || (typeof v === 'string' && /^\d/.test(v)); });
      if (leaves.length === 0) continue;
      const p = leaves[m.at % leaves.length]!;
      doc = setAt(doc, p, typeof getAt(doc, p) === 'number' ? m.number : m.unit);
      continue;
    }
    const all = paths(doc).filter((p) => p.length > 0);
    if (all.length === 0) continue;
    const p = all[m.at % all.length]!;
    if (m.kind === 'drop') doc = setAt(doc, p, undefined);
    else if (m.kind === 'value') doc = setAt(doc, p, m.value);
    else if (m.kind === 'nest') {
      let v = getAt(doc, p);
      for (let i = 0; i < m.depth; i++) v = i % 2 === 0 ? [v] : { n: v };
      doc = setAt(doc, p, v);
    } else {
      const parent = p.slice(0, -1);
      const obj = getAt(doc, parent);
      if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) doc = setAt(doc, [...parent, m.key], m.value);
    }
  }
  const lines = stringify(doc).split('\n');
  for (const at of lineEdits) {
    const i = at % lines.length;
    lines.splice(i, 0, lines[i]!);
  }
  return lines.join('\n');
}

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-fuzz-'));
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('fuzzed scenarios', () => {
  it(`${RUNS} mutants of the shipped scenarios: exit 0 or 2, in bounded time, no stack trace, nothing written on 2`, async () => {
    const seen = { refused: 0, ran: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(BASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 2 }), async (b, ms) => {
        const text = mutate(BASES[b] as Json, ms);
        const file = join(dir, `m${n}.yaml`);
        const out = join(dir, `out${n++}`);
        writeFileSync(file, text);
        stderr = '';
        let t0 = performance.now();
        const v = await main(['validate', file]);
        expect((performance.now() - t0) / 1000, 'validate time').toBeLessThan(VALIDATE_S);
        expect([0, 2], `${text}\n${stderr}`).toContain(v);
        t0 = performance.now();
        const r = await main(['run', file, '-r', '1', '--out', out, '-q']);
        expect((performance.now() - t0) / 1000, `run time of\n${text}`).toBeLessThan(RUN_S);
        expect(r, `${text}\n${stderr}`).toBe(v);
        expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
        expect(stderr).not.toContain('internal error');
        if (r === 2) {
          expect(stderr.length).toBeGreaterThan(0);
          expect(existsSync(out)).toBe(false);
          seen.refused++;
        } else {
          expect(existsSync(join(out, 'summary.csv'))).toBe(true);
          seen.ran++;
        }
        expect(readdirSync(dir).filter((f) => f.includes('ephemera-'))).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Both outcomes occur, so the property tested something on each side.
    console.log(`fuzz: ${seen.refused} refused, ${seen.ran} ran`);
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.ran).toBeGreaterThan(5);
  }, 600_000);
});
