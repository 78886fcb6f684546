// Bundles tsc's output (dist/src/) into dist/bundle/, the one copy of ephemera's code that
// the package ships. Three entry points share their code through chunks:
//   ephemera.js      the CLI (bin/ephemera.js loads it)
//   index.js         the library (the package's main and its "." export)
//   sweep-worker.js  the worker thread of `sweep --workers N`
// Node then reads a few files instead of some 400 (ours, and yargs, zod, yaml... of
// node_modules), which saves 0.4 s of CPU at every start here. The dependencies bundled are
// listed, with their licences, in dist/bundle/THIRD-PARTY-LICENSES.txt. vega and vega-lite
// (the report only) stay external, loaded on demand; the types (dist/src/*.d.ts) refer to
// the installed packages.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const result = await build({
  entryPoints: {
    ephemera: 'dist/src/cli/main.js',
    index: 'dist/src/index.js',
    'sweep-worker': 'dist/src/experiment/sweep-worker.js',
  },
  outdir: 'dist/bundle',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vega', 'vega-lite'],
  // seedrandom and other CommonJS dependencies call require(): give the bundle one.
  banner: { js: "import { createRequire as __ephemeraRequire } from 'node:module'; const require = __ephemeraRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

/** The package folder (node_modules/<name> or node_modules/@scope/<name>) an input file belongs to. */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m === null ? undefined : input.slice(0, m.index + m[0].length - 1).replace(/^\//, '');
}

// Chunk names are content hashes: remove the previous builds' chunks, now that the new ones
// are written (files are overwritten in place, so a command started meanwhile still runs).
const LICENCES = 'THIRD-PARTY-LICENSES.txt';
const outputs = new Set(Object.keys(result.metafile.outputs).map((o) => relative('dist/bundle', o)));
for (const f of readdirSync('dist/bundle')) if (!outputs.has(f) && f !== LICENCES) rmSync(join('dist/bundle', f), { force: true });

const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter((p) => p !== undefined))].sort();
const notices = packages.map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md']
    .map((f) => join(dir, f)).find((f) => existsSync(f));
  const text = licence === undefined ? `(no licence file; package.json says ${pkg.license ?? 'nothing'})` : readFileSync(licence, 'utf8').trim();
  return `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}\n`;
});
mkdirSync('dist/bundle', { recursive: true });
writeFileSync(join('dist/bundle', LICENCES),
  `ephemera's bundle (dist/bundle/) includes code of these packages, under their licences:\n\n${notices.join(`\n${'-'.repeat(78)}\n\n`)}`);
