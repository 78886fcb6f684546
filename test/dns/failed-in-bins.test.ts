import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutcomeLog } from '../../src/dns/outcome-log.js';
import { BIN, SWITCHOVER_POINTS_S, SwitchoverBins, type RecoveryTimes } from '../../src/dns/switchover-bins.js';

const MIN = 60_000;

/** A log counting per 5-minute bucket and in switch-over bins of `incidents`. */
function logOf(incidents: readonly RecoveryTimes[]): OutcomeLog {
  const log = new OutcomeLog({ bucketMs: 5 * MIN });
  log.switchover = new SwitchoverBins(() => incidents, false);
  return log;
}

// Incidents recovered at whole ms (some not at all), clients' sorted phases within a minute, a period's start.
const incidents = fc.array(fc.record({ startMs: fc.integer({ min: 0, max: 60 * MIN }), lag: fc.option(fc.integer({ min: 0, max: 30 * MIN }), { nil: undefined }) }), { maxLength: 4 })
  .map((xs) => xs.map((x): RecoveryTimes => ({ startMs: x.startMs, recoveredMs: x.lag === undefined ? undefined : x.startMs + x.lag })));
const phases = fc.array(fc.integer({ min: 0, max: MIN - 1 }), { minLength: 1, maxLength: 60, size: 'max' }).map((p) => Float64Array.from(p.sort((a, b) => a - b)));

describe('counting a period of failed requests by runs of the same bin', () => {
  it('counts what failed() and misdirected() of each request count, in every bucket and switch-over bin', () => {
    fc.assert(fc.property(incidents, phases, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), (inc, phase, minute, weight, misdirected) => {
      const base = minute * MIN;
      const one = logOf(inc);
      const grouped = logOf(inc);
      for (let c = 0; c < phase.length; c++) {
        one.request(base + phase[c]!, weight);
        if (misdirected) one.misdirected(c, base + phase[c]!, weight);
        one.failed(c, base + phase[c]!, weight);
      }
      grouped.failedInBins(0, phase.length, base, phase, weight, misdirected);
      expect(grouped.failedRequests).toBe(one.failedRequests);
      expect(grouped.misdirectedRequests).toBe(one.misdirectedRequests);
      for (let k = 0; k < 40; k++) expect(grouped.bucket(k)).toEqual(one.bucket(k));
      for (let i = 0; i < inc.length; i++) {
        for (let j = 0; j < SWITCHOVER_POINTS_S.length; j++) {
          for (const which of [BIN.failed, BIN.misdirected]) expect(grouped.switchover!.at(i, j, which)).toBe(one.switchover!.at(i, j, which));
        }
      }
    }), { seed: 14, numRuns: 2000 });
  });

  it('nextChange is the first later time whose bin differs, and no bin changes before it', () => {
    fc.assert(fc.property(incidents, fc.integer({ min: 0, max: 120 * MIN }), (inc, t) => {
      const bins = new SwitchoverBins(() => inc, false);
      const next = bins.nextChange(t);
      expect(next).toBeGreaterThan(t);
      // Probe the span: every ms up to 2 s after t, then a coarse grid to the next change.
      const probes = [t + 1, t + 999, t + 1999, next - 1, ...Array.from({ length: 50 }, (_, i) => t + Math.floor(((Math.min(next, t + 200 * MIN) - t) * i) / 50))];
      for (const u of probes) if (u > t && u < next) expect(bins.sameBin(t, u)).toBe(true);
      if (Number.isFinite(next)) expect(bins.sameBin(t, next)).toBe(false);
    }), { seed: 14, numRuns: 2000 });
  });

  it('refuses fractional weights and per-client counts (their sums must be made request by request)', () => {
    expect(() => logOf([]).failedInBins(0, 1, 0, new Float64Array([0]), 1.5, false)).toThrow('fractional');
    expect(() => new OutcomeLog({ clients: 1 }).failedInBins(0, 1, 0, new Float64Array([0]), 1, false)).toThrow('per-client');
  });
});
