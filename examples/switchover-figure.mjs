#!/usr/bin/env node
// The README's figure of the four headline scenarios' switch-over curves: merges their
// switchover.csv files into one table with a `point` and `scenario` column (the report
// draws one line per point) in DIR/tables, then draws it with `ephemera report --svg DIR/svg`.
//
//   npx ephemera run scenarios/aiderss.yaml scenarios/mogulus.yaml scenarios/elastic-ip.yaml scenarios/colocation.yaml --replications 5 --out results/switchover
//   node examples/switchover-figure.mjs results/switchover/aiderss results/switchover/mogulus results/switchover/elastic-ip results/switchover/colocation --out results/switchover-figure
//   (the figure: results/switchover-figure/svg/switchover-curves.svg; the report: results/switchover-figure/tables/report.html)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const o = args.indexOf('--out');
if (o < 0 || o + 1 >= args.length) {
  console.error('usage: node examples/switchover-figure.mjs RESULTS_DIR... --out DIR');
  process.exit(2);
}
const out = args[o + 1];
const dirs = args.filter((_, i) => i !== o && i !== o + 1);
const lines = [];
dirs.forEach((dir, point) => {
  const [header, ...rows] = readFileSync(join(dir, 'switchover.csv'), 'utf8').trim().split('\n');
  if (point === 0) lines.push(`point,scenario,${header}`);
  for (const r of rows) lines.push(`${point},${basename(dir)},${r}`);
});
const tables = join(out, 'tables');
mkdirSync(tables, { recursive: true });
writeFileSync(join(tables, 'switchover.csv'), `${lines.join('\n')}\n`);
const bin = fileURLToPath(new URL('../bin/ephemera.js', import.meta.url));
try {
  execFileSync(process.execPath, [bin, 'report', tables, '--svg', join(out, 'svg')], { stdio: 'inherit' });
} catch {
  process.exit(1);
}
