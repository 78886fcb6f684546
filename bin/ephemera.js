#!/usr/bin/env node
import { main } from '../dist/bundle/ephemera.js';
process.exitCode = await main(process.argv.slice(2));
