// Makes dist/bundle/cli.cjs.cache, V8's code cache of the command line's bundle (see
// bin/cli-loader.js): loads the bundle without a cache, runs a few commands a user runs
// (the B2 failure year and one AideRSS month, into a temporary folder that is then removed),
// and writes what V8 compiled meanwhile. npm run build runs it last (scripts/bundle.mjs).
// The cache matches this Node and V8 flags; V8 rejects it elsewhere (the bundle then compiles).
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE, cacheFile, loadCli } from '../bin/cli-loader.js';

const { main, bytes, script } = loadCli({ cache: false });
const dir = mkdtempSync(join(tmpdir(), 'ephemera-code-cache-'));
try {
  const commands = [
    ['run', 'scenarios/host-failures.yaml', '--replications', '1', '--workers', '1', '--quiet', '--out', join(dir, 'b2')],
    ['run', 'scenarios/aiderss.yaml', '--replications', '1', '--workers', '1', '--quiet', '--out', join(dir, 'aiderss')],
  ];
  for (const argv of commands) {
    const status = await main(argv);
    if (status !== 0) throw new Error(`ephemera ${argv.join(' ')} exited ${status}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const target = `${CLI_BUNDLE}.cache`;
writeFileSync(`${target}.tmp`, cacheFile(bytes, script.createCachedData()));
renameSync(`${target}.tmp`, target);
