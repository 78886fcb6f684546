import { describe, expect, it } from 'vitest';
import { DURATION_UNITS, parseDurationMs, parseRate, parseSizeBytes, SIZE_UNITS, UNIT_PATTERNS } from '../../src/engine/units.js';

// The JSON Schema's patterns (what an editor flags) against the parsers (what ephemera
// accepts), on a corpus of numbers, units and spacing: a pattern must accept every string its
// parser accepts (no false alarm in an editor), and refuses the usual mistakes.
const NUMBERS = ['0', '1', '5', '90', '1.5', '.5', '2.', '1e3', '2.5e-1', '+3', '0.0', '-5', '-0.5', '1,5', 'x', ''];
const SPACES: [string, string, string][] = [['', '', ''], [' ', ' ', ' '], ['', ' ', ''], ['\t', '', '  ']];
const WORDS = ['hours', 'min', 'sec', 'M', 'S', 'gb', 'Gb', 'mb', 'bits', 'months'];

function accepts(parse: (v: string) => unknown, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

function corpus(units: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of NUMBERS) {
    for (const u of [...units, ...WORDS, '']) for (const [a, b, c] of SPACES) out.push(`${a}${n}${b}${u}${c}`);
  }
  return out;
}

function check(name: keyof typeof UNIT_PATTERNS, parse: (v: string) => unknown, texts: readonly string[], mistakes: readonly string[]): void {
  const pattern = new RegExp(UNIT_PATTERNS[name], 'u');
  const missed = texts.filter((t) => accepts(parse, t) && !pattern.test(t));
  expect(missed, `${name}: accepted by the parser, refused by the pattern`).toEqual([]);
  expect(texts.filter((t) => accepts(parse, t)).length, `${name}: the corpus has accepted strings`).toBeGreaterThan(100);
  for (const m of mistakes) {
    expect(accepts(parse, m), `${name}: the parser refuses ${JSON.stringify(m)}`).toBe(false);
    expect(pattern.test(m), `${name}: the pattern refuses ${JSON.stringify(m)}`).toBe(false);
  }
}

describe('unit patterns for the JSON Schema', () => {
  it('durations', () => {
    const compound = ['1h30m', '2d12h', '1h30m15s', '1.5h30m', '1w2d3h4m5s6ms', '1h 30m'];
    check('duration', parseDurationMs, [...corpus(Object.keys(DURATION_UNITS)), ...compound], ['5 minutes', '90', '-5s', '5S', '2hours', '1h30', 'h', '5m/h']);
  });

  it('sizes', () => {
    check('size', parseSizeBytes, corpus(Object.keys(SIZE_UNITS)), ['160', '1.5gb', '2 Gb', '-1GB', '10Mbit', 'GB', '5m']);
  });

  it('rates of events, and of events or bytes', () => {
    const dens = ['h', 's', 'm', 'd', '30m', '1.5h', ' h ', '2 d'];
    const nums = ['0', '1', '200', '1.5', '.5', '1e3', '+2'];
    const counts = nums.flatMap((n) => dens.flatMap((d) => [`${n}/${d}`, ` ${n} / ${d}`]));
    const bytes = nums.flatMap((n) => ['GB', 'MB', 'KiB'].flatMap((u) => dens.map((d) => `${n}${u}/${d}`)));
    const mistakes = ['200', '200/hour', '200 per h', '/h', '1/2/h', '-1/h', '200/'];
    check('countRate', (t) => {
      if (parseRate(t).kind !== 'count') throw new Error('a size rate');
    }, [...counts, ...bytes, ...corpus([])], [...mistakes, '2GB/h']);
    check('rate', parseRate, [...counts, ...bytes, ...corpus([])], [...mistakes, '2gb/h']);
  });
});
