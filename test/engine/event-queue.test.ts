import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, NO_ARG } from '../../src/engine/event-queue.js';

/** The reference: every pending event in an array, the earliest found by a scan over (time, priority, sequence). */
interface Pending {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly id: number;
  readonly arg: number;
}

type Op =
  | { readonly op: 'push'; readonly time: number; readonly priority: number; readonly arg: number | undefined }
  | { readonly op: 'cancel'; readonly pick: number }
  | { readonly op: 'pop' }
  | { readonly op: 'popUntil'; readonly until: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), time: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 40, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), priority: fc.integer({ min: -3, max: 3 }), arg: fc.option(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('popUntil' as const), until: fc.integer({ min: 0, max: 40 }) }) },
);

function earliest(pending: readonly Pending[]): number {
  let best = -1;
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i]!;
    const b = pending[best];
    if (b === undefined || p.time < b.time || (p.time === b.time && (p.priority < b.priority || (p.priority === b.priority && p.seq < b.seq)))) best = i;
  }
  return best;
}

describe('EventQueue', () => {
  it('pops in (time, priority, insertion) order with each event\'s argument, whatever pushes, cancels and pops come in between', () => {
    fc.assert(
      // size 'max': runs of up to 400 operations (fast-check's default size keeps arrays to a few elements).
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 400, size: 'max' }), (ops) => {
        const q = new EventQueue<number>();
        let pending: Pending[] = [];
        const handles: { readonly handle: number; readonly id: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            const id = seq;
            const handle = o.arg === undefined ? q.push(o.time, o.priority, id) : q.push(o.time, o.priority, id, o.arg);
            pending.push({ time: o.time, priority: o.priority, seq: seq++, id, arg: o.arg ?? NO_ARG });
            handles.push({ handle, id });
          } else if (o.op === 'cancel') {
            if (handles.length === 0) continue;
            const h = handles[o.pick % handles.length]!;
            const live = pending.some((p) => p.id === h.id);
            expect(q.cancel(h.handle)).toBe(live);
            pending = pending.filter((p) => p.id !== h.id);
          } else {
            const until = o.op === 'pop' ? Infinity : o.until;
            const i = earliest(pending);
            const want = i >= 0 && pending[i]!.time <= until ? pending[i] : undefined;
            const got = o.op === 'pop' ? q.pop() : q.popUntil(until);
            expect(got).toBe(want?.id);
            if (want !== undefined) {
              expect(q.lastTime).toBe(want.time);
              expect(q.lastArg).toBe(want.arg);
              pending.splice(i, 1);
            }
          }
          expect(q.size).toBe(pending.length);
          const i = earliest(pending);
          expect(q.peekTime()).toBe(i >= 0 ? pending[i]!.time : undefined);
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
