import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WORKER = 'dist/src/experiment/sweep-worker.js';
const BUNDLE = 'dist/bundle/cli.cjs';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    newest = Math.max(newest, d.isDirectory() ? newestMtime(p) : d.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return newest;
}

/**
 * Worker threads run the compiled JavaScript in dist/ (they cannot load TypeScript), and
 * bin/ephemera.js runs the bundle made from it, so a test of either first rebuilds dist/
 * (`tsc -p tsconfig.build.json`, then scripts/bundle.mjs) when any file under src/ is newer (test/global-setup.ts calls it once before
 * any test runs, so a fresh clone is built first; then this costs nothing). Type errors do not stop tsc from emitting; a missing worker fails loudly.
 */
export function ensureDist(): void {
  const newest = newestMtime('src');
  if (existsSync(WORKER) && statSync(WORKER).mtimeMs >= newest && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newest) return;
  const started = Date.now() - 2000; // mtimes may be coarse
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (!existsSync(WORKER) || statSync(WORKER).mtimeMs < started) {
    throw new Error(`could not build dist/ for the worker-thread tests:\n${r.stdout}${r.stderr}`);
  }
  // The CLI's bundle (what bin/ephemera.js runs) is made from tsc's output.
  const b = spawnSync(process.execPath, ['scripts/bundle.mjs'], { encoding: 'utf8' });
  if (b.status !== 0 || !existsSync(BUNDLE)) throw new Error(`could not bundle the CLI:\n${b.stdout}${b.stderr}`);
}
