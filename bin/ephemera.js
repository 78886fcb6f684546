#!/usr/bin/env node
import { CLI_BUNDLE, loadCli } from './cli-loader.js';

let cli;
try {
  cli = loadCli();
} catch (e) {
  if (e?.code !== 'ENOENT' || e.path !== CLI_BUNDLE) throw e;
  process.stderr.write(`ephemera: ${CLI_BUNDLE} is missing: run npm run build in the package's folder\n`);
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
