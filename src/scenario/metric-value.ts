import { parseDurationMs, parseRate } from '../engine/units.js';
import type { MetricName } from './autoscaling-schema.js';

// Apart from autoscaling-schema.ts (zod), so that building a world loads no schema code.

/**
 * A metric's bound or target as the scenario writes it, in the units the policies use:
 * CPU a utilization in (0, 1] (0.6 or "60%"); requests per instance a rate per second
 * (100 or "100/s"); p95 latency a duration ("250ms"), in seconds.
 */
export function metricValue(name: MetricName, raw: number | string): { value: number } | { error: string } {
  switch (name) {
    case 'cpu': {
      const m = typeof raw === 'number' ? raw : /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw) === null ? Number.NaN : Number(/^\s*(\d+(?:\.\d+)?)/.exec(raw)![1]) / 100;
      if (!(m > 0) || m > 1) return { error: `expected a CPU utilization above 0 and at most 1 (e.g. 0.6 or "60%"), got ${JSON.stringify(raw)}` };
      return { value: m };
    }
    case 'requests_per_instance': {
      let v = Number.NaN;
      if (typeof raw === 'number') v = raw;
      else {
        try {
          const r = parseRate(raw);
          if (r.kind === 'count') v = r.perMs * 1000;
        } catch {
          v = Number.NaN;
        }
      }
      if (!(v > 0) || !Number.isFinite(v)) return { error: `expected requests per second per instance above 0 (e.g. 100 or "100/s"), got ${JSON.stringify(raw)}` };
      return { value: v };
    }
    case 'latency_p95': {
      let ms = Number.NaN;
      if (typeof raw === 'string') {
        try {
          ms = parseDurationMs(raw);
        } catch {
          ms = Number.NaN;
        }
      }
      if (!(ms > 0)) return { error: `expected a latency above 0 with a unit (e.g. "250ms"), got ${JSON.stringify(raw)}` };
      return { value: ms / 1000 };
    }
  }
}
