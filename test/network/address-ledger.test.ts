import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressLedger, TENANT, type HeldBy } from '../../src/network/address-ledger.js';

const OURS: HeldBy = { kind: 'elastic', eip: 1 };

describe('AddressLedger histories', () => {
  it('keeps, for every address we held, each holding from then on, whatever reads come between the writes', () => {
    // Steps on 5 addresses at increasing times: give to us or to a tenant, take back, or read a history.
    const step = fc.tuple(fc.constantFrom('ours', 'tenant', 'close', 'read'), fc.integer({ min: 0, max: 4 }));
    fc.assert(fc.property(fc.array(step, { minLength: 10, maxLength: 200, size: 'max' }), (steps) => {
      const ledger = new AddressLedger();
      const held = new Map<number, { holder: HeldBy; fromMs: number }>();
      const want = new Map<number, { holder: HeldBy; fromMs: number; toMs: number | undefined }[]>();
      steps.forEach(([kind, a], t) => {
        const ip = 0x4b658000 + a;
        if (kind === 'read') {
          expect(ledger.history(ip)).toEqual((want.get(ip) ?? []).map((h) => ({ ip, ...h })));
          const v = ledger.view(ip);
          expect(v.length).toBe(want.get(ip)?.length ?? 0);
          return;
        }
        if (kind === 'close') {
          if (!held.has(ip)) return;
          ledger.close(ip, t);
          held.delete(ip);
          const w = want.get(ip);
          if (w !== undefined) w[w.length - 1]!.toMs = t;
          return;
        }
        if (held.has(ip)) return;
        const holder = kind === 'ours' ? OURS : TENANT;
        ledger.open(ip, holder, t);
        held.set(ip, { holder, fromMs: t });
        if (kind === 'ours' && !want.has(ip)) want.set(ip, []);
        want.get(ip)?.push({ holder, fromMs: t, toMs: undefined });
      });
      for (const [ip, w] of want) {
        expect(ledger.history(ip)).toEqual(w.map((h) => ({ ip, ...h })));
        for (const h of w) expect(ledger.holderAt(ip, h.fromMs)).toBe(h.holder);
      }
      expect([...ledger.recorded()].sort()).toEqual([...want.keys()].sort());
    }), { seed: 14, numRuns: 500 });
  });
});
