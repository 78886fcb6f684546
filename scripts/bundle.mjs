// Bundles tsc's output (dist/src/) into dist/bundle/, the one copy of ephemera's code that
// the package ships. Three entry points share their code through chunks:
//   ephemera.js      the CLI (bin/ephemera.js loads it)
//   index.js         the library (the package's main and its "." export)
//   sweep-worker.js  the worker thread of `sweep --workers N`
// Node then reads a few files instead of some 200 of ours. Dependencies stay external:
// they are installed with the package (with their own licences), and a library user's zod
// is the one ephemera uses. The report's code is split into a chunk loaded on demand.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names are content hashes: clear out the previous build's chunks first.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
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
  packages: 'external',
  logLevel: 'warning',
});
