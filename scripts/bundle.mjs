// Bundles the CLI into dist/bundle/ephemera.js, which bin/ephemera.js loads: Node then reads
// and compiles a few modules instead of some 200 (yargs, zod, yaml and ours). Code that only
// some commands need (the report and vega) is split into chunks loaded on demand; sweep
// workers run dist/src (tsc's output).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/cli/main.js'],
  outdir: 'dist/bundle',
  entryNames: 'ephemera',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vega', 'vega-lite'],
  // seedrandom and other CommonJS dependencies call require(): give the bundle one.
  banner: { js: "import { createRequire as __ephemeraRequire } from 'node:module'; const require = __ephemeraRequire(import.meta.url);" },
  logLevel: 'warning',
});
