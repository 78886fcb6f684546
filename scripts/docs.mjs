#!/usr/bin/env node
// Rewrites README.md's generated blocks (<!-- catalogue:NAME --> ... <!-- /catalogue:NAME -->:
// the column tables of every results table, the kinds of metric) from the metric catalogue
// (src/metrics/). Run as `npm run docs`, which builds first; a test fails when README.md
// differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateCatalogueBlocks } from '../dist/src/metrics/catalogue-markdown.js';

const before = readFileSync('README.md', 'utf8');
const after = updateCatalogueBlocks(before);
if (after === before) console.log('README.md: the catalogue blocks are current');
else {
  writeFileSync('README.md', after);
  console.log('README.md: catalogue blocks rewritten');
}
