import type { CpuTotals } from '../cloud/cpu-accounting.js';
import type { Instance } from '../cloud/instance.js';

/**
 * CPU steal as `top` would show it: per instance, stolen ECU-time over wanted ECU-time in
 * percent (null for an instance that declared no CPU demand); and the fleet's mean, weighted
 * by wanted CPU (NaN, an empty cell, when no instance declared a demand).
 */
export function stealSummary(instances: readonly Instance[], totals: (i: Instance) => CpuTotals | undefined): { meanPct: number; pctOf: (i: Instance) => number | null } {
  let want = 0;
  let steal = 0;
  for (const i of instances) {
    const t = totals(i);
    if (t === undefined) continue;
    want += t.wantEcuMs;
    steal += t.stealEcuMs;
  }
  return {
    meanPct: want > 0 ? (100 * steal) / want : Number.NaN,
    pctOf: (i) => {
      const t = totals(i);
      return t === undefined || t.wantEcuMs === 0 ? null : (100 * t.stealEcuMs) / t.wantEcuMs;
    },
  };
}
