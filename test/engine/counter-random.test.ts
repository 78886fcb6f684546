import { describe, expect, it } from 'vitest';
import { philox4x32, StreamFamily } from '../../src/engine/counter-random.js';
import { Simulation } from '../../src/engine/simulation.js';

const hex = (a: Uint32Array): string => [...a].map((x) => x.toString(16).padStart(8, '0')).join(' ');

describe('Philox4x32-10', () => {
  it('matches the known-answer vectors of Random123 (kat_vectors)', () => {
    const o = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, o);
    expect(hex(o)).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, o);
    expect(hex(o)).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, o);
    expect(hex(o)).toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });
});

describe('stream families', () => {
  it('a stream depends only on (seed, name, entity, substream) and is uniform (chi-square)', () => {
    const f = new StreamFamily(7, 'test');
    const a = f.stream(42, 3);
    const b = new StreamFamily(7, 'test').stream(42, 3);
    const c = f.stream(43, 3);
    const cells = new Array<number>(50).fill(0);
    let same = 0;
    for (let k = 0; k < 100_000; k++) {
      const u = a();
      expect(u).toBe(b());
      if (u === c()) same++;
      cells[Math.floor(u * 50)]!++;
    }
    expect(same).toBe(0);
    const e = 100_000 / 50;
    // 49 degrees of freedom: the 0.999 quantile is 85.4.
    expect(cells.reduce((s, n) => s + (n - e) ** 2 / e, 0)).toBeLessThan(85.4);
  });

  it('depend only on (seed, name, entity, substream, index)', () => {
    const a = new StreamFamily(7, 'faults.hardware');
    expect(new StreamFamily(7, 'faults.hardware').uniform(5, 2)).toBe(a.uniform(5, 2));
    expect(new StreamFamily(8, 'faults.hardware').uniform(5, 2)).not.toBe(a.uniform(5, 2));
    expect(new StreamFamily(7, 'cloud.boot').uniform(5, 2)).not.toBe(a.uniform(5, 2));
    expect(a.uniform(6, 2)).not.toBe(a.uniform(5, 2));
    expect(a.uniform(5, 2, 1)).not.toBe(a.uniform(5, 2));
    const sim = new Simulation({ seed: 7 });
    expect(sim.family('faults.hardware').uniform(5, 2)).toBe(a.uniform(5, 2));
  });

  it('are uniform on [0, 1) (chi-square over 100 cells) and uncorrelated across entities', () => {
    const f = new StreamFamily(1, 'uniformity');
    const n = 200_000;
    const cells = new Array<number>(100).fill(0);
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const u = f.uniform(i, 0);
      const v = f.uniform(i + 1, 0);
      expect(u >= 0 && u < 1).toBe(true);
      cells[Math.floor(u * 100)]!++;
      sxy += (u - 0.5) * (v - 0.5);
    }
    const e = n / 100;
    const chi2 = cells.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    // 99 degrees of freedom: the 0.999 quantile is 148.2.
    expect(chi2).toBeLessThan(148.2);
    // Correlation of neighbouring entities: sd 1/sqrt(n) = 0.0022; 5 sd.
    expect(Math.abs(sxy / n / (1 / 12))).toBeLessThan(5 / Math.sqrt(n));
  });
});
