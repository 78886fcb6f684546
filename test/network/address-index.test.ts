import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressIndex } from '../../src/network/address-index.js';

describe('AddressIndex', () => {
  it('answers as a Map would over any sequence of sets and deletes, across pages and the whole address space', () => {
    const ip = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0x4b658000, max: 0x4b658000 + 10_000 }), fc.constantFrom(0, 4095, 4096, 2 ** 32 - 1));
    const op = fc.tuple(fc.constantFrom('set', 'delete', 'get'), ip, fc.integer({ min: 0, max: 0x7fffffff }));
    fc.assert(fc.property(fc.array(op, { minLength: 10, maxLength: 300, size: 'max' }), (ops) => {
      const idx = new AddressIndex();
      const ref = new Map<number, number>();
      for (const [kind, a, v] of ops) {
        if (kind === 'set') {
          idx.set(a, v);
          ref.set(a, v);
        } else if (kind === 'delete') expect(idx.delete(a)).toBe(ref.delete(a));
        expect(idx.get(a)).toBe(ref.get(a) ?? -1);
        expect(idx.has(a)).toBe(ref.has(a));
        expect(idx.size).toBe(ref.size);
      }
    }), { seed: 14, numRuns: 500 });
  });

  it('refuses values it cannot hold', () => {
    const idx = new AddressIndex();
    expect(() => idx.set(1, -1)).toThrow(RangeError);
    expect(() => idx.set(1, 2 ** 31)).toThrow(RangeError);
    expect(() => idx.set(1, 0.5)).toThrow(RangeError);
    expect(idx.size).toBe(0);
  });
});
