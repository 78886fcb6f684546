#!/usr/bin/env node
import { CLI_BUNDLE, loadCli } from './cli-loader.js';

let main;
try {
  ({ main } = loadCli()); // only main is kept: the bundle's bytes and the cache data can go
} catch (e) {
  if (e?.code !== 'ENOENT' || e.path !== CLI_BUNDLE) throw e;
  process.stderr.write(`ephemera: ${CLI_BUNDLE} is missing: run npm run build in the package's folder\n`);
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
