/** The built-in catalogs, read as the loader reads them. */
import type { PriceCatalog } from '../../src/billing/catalog.js';
import { builtinCatalogDir, parseCatalog } from '../../src/scenario/billing-resolve.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function builtin(name: string): PriceCatalog {
  const r = parseCatalog(readFileSync(join(builtinCatalogDir()!, `${name}.yaml`), 'utf8'), `catalogs/${name}.yaml`, name);
  if (!('catalog' in r)) throw new Error(r.problems.join('\n'));
  return r.catalog;
}
