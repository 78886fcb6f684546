import * as dist from '../engine/distributions.js';
import type { Distribution } from '../engine/distributions.js';
import type { DistributionSpec } from './distribution-schema.js';

// Apart from distribution-schema.ts (zod), so that building a world (a worker process does
// nothing else) loads no schema code.

/** Builds the sampler for a spec. @throws Error for an empirical-csv spec not yet resolved. */
export function toDistribution(spec: DistributionSpec): Distribution {
  switch (spec.kind) {
    case 'constant':
      return dist.constant(spec.value);
    case 'uniform':
      return dist.uniform(spec.min, spec.max);
    case 'exponential':
      return dist.exponential({ mean: spec.mean });
    case 'weibull':
      return dist.weibull({ shape: spec.shape, scale: spec.scale });
    case 'lognormal':
      return dist.lognormal({ median: spec.median, sigma: spec.sigma });
    case 'normal':
      return dist.normal({ mean: spec.mean, sd: spec.sd });
    case 'pareto':
      return dist.pareto({ shape: spec.shape, scale: spec.scale });
    case 'empirical':
      return dist.empirical(spec.values);
    case 'empirical-csv':
      throw new Error(`empirical distribution from ${spec.path} was not resolved: call resolveEmpiricalCsv first`);
  }
}
