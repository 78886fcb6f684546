#!/usr/bin/env node
// Measures the coverage of ephemera's 95% interval of a mean (meanInterval: Student t on the
// log scale for quantities >= 0, on the logit scale for shares) against Student's t itself,
// on samples of n replications from distributions whose mean is known. Prints README's
// coverage table (Markdown). Run after `npm run build`:
//   node scripts/interval-coverage.mjs [SAMPLES]      (default 20000 samples per cell; ~40 s)
import { exponential, lognormal, normal } from '../dist/src/engine/distributions.js';
import { RandomStreams } from '../dist/src/engine/random-streams.js';
import { normalPdf } from '../dist/src/engine/special-functions.js';
import { meanInterval } from '../dist/src/experiment/mean-interval.js';
import { studentTQuantile } from '../dist/src/experiment/student-t.js';

const R = Number(process.argv[2] ?? 20000);
const NS = [2, 3, 5, 10, 20, 30];
const NON_NEGATIVE = { lo: 0, hi: Infinity };
const UNIT = { lo: 0, hi: 1 };

const poisson = (lambda) => {
  const limit = Math.exp(-lambda);
  return (rng) => {
    let k = 0;
    for (let p = rng(); p > limit; p *= rng()) k++;
    return k;
  };
};
/** expit(N(mu, sigma^2)), its mean by the trapezoid rule. */
function logitNormal(name, mu, sigma) {
  const z = normal({ mean: 20, sd: 1 });
  let mean = 0;
  for (let x = -12; x <= 12; x += 1e-3) mean += (1e-3 / (1 + Math.exp(-(mu + sigma * x)))) * normalPdf(x);
  return { name, mean, support: UNIT, draw: (rng) => 1 / (1 + Math.exp(-(mu + sigma * (z.sample(rng) - 20)))) };
}
const e = exponential({ mean: 1 });
const l5 = lognormal({ median: 1, sigma: 0.5 });
const l1 = lognormal({ median: 1, sigma: 1 });
const nr = normal({ mean: 100, sd: 10 });
const CASES = [
  { name: 'normal (mean 100, sd 10)', mean: 100, support: NON_NEGATIVE, draw: (r) => nr.sample(r) },
  { name: 'exponential', mean: 1, support: NON_NEGATIVE, draw: (r) => e.sample(r) },
  { name: 'log-normal, sigma 0.5', mean: l5.mean, support: NON_NEGATIVE, draw: (r) => l5.sample(r) },
  { name: 'log-normal, sigma 1', mean: l1.mean, support: NON_NEGATIVE, draw: (r) => l1.sample(r) },
  { name: 'Poisson (mean 3)', mean: 3, support: NON_NEGATIVE, draw: poisson(3) },
  logitNormal('rare share (logit-normal -6, 0.7; mean 0.0032)', -6, 0.7),
  logitNormal('share (logit-normal -1, 0.5; mean 0.28)', -1, 0.5),
];

console.log(`| distribution | ${NS.map((n) => `n = ${n}`).join(' | ')} |`);
console.log(`|---|${NS.map(() => '---:').join('|')}|`);
for (const c of CASES) {
  const cells = NS.map((n) => {
    const rng = new RandomStreams(7).stream(`coverage:${c.name}:${n}`);
    const q = studentTQuantile(0.975, n - 1);
    let hit = 0;
    let tHit = 0;
    for (let r = 0; r < R; r++) {
      const xs = Array.from({ length: n }, () => c.draw(rng));
      const s = meanInterval(xs, c.support);
      if (s.low <= c.mean && c.mean <= s.high) hit++;
      const h = (q * s.sd) / Math.sqrt(n);
      if (s.mean - h <= c.mean && c.mean <= s.mean + h) tHit++;
    }
    return `${(hit / R).toFixed(3)} (${(tHit / R).toFixed(3)})`;
  });
  console.log(`| ${c.name} | ${cells.join(' | ')} |`);
}
