// Bundles tsc's output (dist/src/) into dist/bundle/, the code the package ships (the command
// line is a copy of its own, for the code cache; the rest shares chunks):
//   cli.cjs          the command line, one CommonJS file that bin/ephemera.js loads as a
//                    classic script with V8's code cache (cli.cjs.cache, made last by
//                    scripts/code-cache.mjs; see bin/cli-loader.js)
//   index.js         the library (the package's main and its "." export), ES modules
//   sweep-worker.js  the worker process of `run` and `sweep --workers N`
//   vega-svg.js      the report's SVG renderer, loaded on demand (by the library, and by
//                    cli.cjs through the importer bin/cli-loader.js gives it)
// The ES module entries share their code through chunks. Node then reads a few files
// instead of some 400 (ours, and yargs, zod, yaml... of node_modules), which saves 0.4 s of
// CPU at every start here. The dependencies bundled are listed, with their licences, in
// dist/bundle/THIRD-PARTY-LICENSES.txt. vega and vega-lite (the report only) stay external,
// loaded on demand; the types (dist/src/*.d.ts) refer to the installed packages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const result = await build({
  entryPoints: {
    index: 'dist/src/index.js',
    'sweep-worker': 'dist/src/experiment/sweep-worker.js',
    'vega-svg': 'dist/src/output/report/vega-svg.js',
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

/**
 * In cli.cjs, build-report's `import('./vega-svg.js')` becomes a module that loads the ES
 * module dist/bundle/vega-svg.js (vega and vega-lite are ES modules with top-level await,
 * which require() cannot load) through `__ephemeraImport`, the importer bin/cli-loader.js
 * passes in: a classic script run by node:vm cannot call import() itself (Node 20 would want
 * an experimental option). Required normally, cli.cjs uses its own import().
 */
const vegaSvgThroughImporter = {
  name: 'vega-svg-through-importer',
  setup(b) {
    b.onResolve({ filter: /^\.\/vega-svg\.js$/ }, () => ({ path: 'vega-svg', namespace: 'esm-import' }));
    b.onLoad({ filter: /.*/, namespace: 'esm-import' }, () => ({
      loader: 'js',
      contents: `const url = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'vega-svg.js')).href;
/** The report's SVG renderer, from the ES module beside this bundle (build-report uses renderSvg alone). */
export async function renderSvg(spec, prefix) {
  const m = await (typeof __ephemeraImport === 'function' ? __ephemeraImport(url) : import(url));
  return m.renderSvg(spec, prefix);
}
`,
    }));
  },
};

/**
 * In cli.cjs, string-width (which yargs, cliui and wrap-ansi measure help text with) is
 * initialised on its first call instead of at start: its module builds an Intl.Segmenter
 * and a \p{RGI_Emoji} regular expression, some 20 ms of every command's start, though only
 * --help and usage errors lay out text. Each importer still gets the version it resolves.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real === true) return undefined;
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: relative(process.cwd(), real.path), namespace: 'lazy-string-width' }; // relative: no build folder in the bundle
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: `let real;
/** string-width's default export, loaded on the first call. */
export default function stringWidth(string, options) {
  real ??= require(${JSON.stringify(`./${args.path}`)}).default;
  return real(string, options);
}
`,
    }));
  },
};

const cli = await build({
  entryPoints: { cli: 'dist/src/cli/main.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vega', 'vega-lite'],
  plugins: [vegaSvgThroughImporter, lazyStringWidth],
  // The modules find their files (package.json, catalogs/, sweep-worker.js) from import.meta.url.
  define: { 'import.meta.url': '__ephemeraUrl' },
  banner: { js: "const __ephemeraUrl = require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
  logLevel: 'warning',
});

/** The package folder (node_modules/<name> or node_modules/@scope/<name>) an input file belongs to. */
function packageOf(input) {
  if (/^[a-z-]+:/.test(input)) return undefined; // a plugin's module (namespace:path), not a file
  // The last node_modules/<name>/ in the path: a package nested in another's node_modules is its own.
  const m = [...input.matchAll(/(?<=^|\/)node_modules\/(?:@[^/]+\/)?[^/]+\//g)].at(-1);
  return m === undefined ? undefined : input.slice(0, m.index + m[0].length - 1);
}

// Chunk names are content hashes: remove the previous builds' chunks, now that the new ones
// are written (files are overwritten in place, so a command started meanwhile still runs).
const LICENCES = 'THIRD-PARTY-LICENSES.txt';
const CODE_CACHE = 'cli.cjs.cache';
const outputs = new Set([result, cli].flatMap((r) => Object.keys(r.metafile.outputs)).map((o) => relative('dist/bundle', o)));
for (const f of readdirSync('dist/bundle')) if (!outputs.has(f) && f !== LICENCES && f !== CODE_CACHE) rmSync(join('dist/bundle', f), { force: true });

const inputs = [result, cli].flatMap((r) => Object.keys(r.metafile.inputs));
const packages = [...new Set(inputs.map(packageOf).filter((p) => p !== undefined))].sort();
const notices = packages.map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md']
    .map((f) => join(dir, f)).find((f) => existsSync(f));
  const text = licence === undefined ? `(no licence file; package.json says ${pkg.license ?? 'nothing'})` : readFileSync(licence, 'utf8').trim();
  return `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}\n`;
}).filter((n, i, all) => all.findIndex((m) => m.split('\n', 1)[0] === n.split('\n', 1)[0]) === i) // one per name and version
  .sort();
mkdirSync('dist/bundle', { recursive: true });
writeFileSync(join('dist/bundle', LICENCES),
  `ephemera's bundle (dist/bundle/) includes code of these packages, under their licences:\n\n${notices.join(`\n${'-'.repeat(78)}\n\n`)}`);

// Last, V8's code cache of cli.cjs (after a few representative commands, in a process of its
// own: the cache holds what that process compiled).
// Without it (the step failed) the command line compiles cli.cjs at every start: slower, the same results.
rmSync(join('dist/bundle', CODE_CACHE), { force: true }); // a previous build's: V8 would reject it
const cache = spawnSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: 'inherit' });
if (cache.status !== 0) console.warn(`scripts/code-cache.mjs failed (exit ${cache.status ?? cache.signal}): dist/bundle/${CODE_CACHE} not made; the command line will start more slowly`);
