/**
 * Loads ephemera's command line, dist/bundle/cli.cjs (one CommonJS bundle, 1.6 MB), as a
 * classic script through node:vm with the V8 code cache made when it was built
 * (dist/bundle/cli.cjs.cache, by scripts/code-cache.mjs after a few representative
 * commands): V8 then neither parses nor compiles what the cache holds, which is most of
 * what a command runs. Node 20 keeps no compile cache for ES modules (that is Node 22's
 * module.enableCompileCache), hence CommonJS here.
 *
 * The cache file is a SHA-256 digest of the bundle's bytes and V8's data, then V8's data: a
 * cache that is not this bundle's (a rebuilt or edited bundle) or is damaged is not given to
 * V8 at all, since V8 checks only the source's length and its own version and flags, not
 * the contents. V8 rejects data of another Node or other V8 flags itself. Either way the
 * bundle is then compiled as usual: the same command, only slower to start. Without a cache
 * file, likewise.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** dist/bundle/cli.cjs of this package. */
export const CLI_BUNDLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle', 'cli.cjs');

const DIGEST_BYTES = 32;

/** The digest a cache file starts with: SHA-256 of the bundle's bytes, then V8's data. */
export function cacheDigest(source, data) {
  return createHash('sha256').update(source).update(data).digest();
}

/** A cache file's contents for `source` (the bundle's bytes) and V8's `data`. */
export function cacheFile(source, data) {
  return Buffer.concat([cacheDigest(source, data), data]);
}

/** V8's data in cache file `file` if it belongs to `source` and is whole; null if it does not; undefined when there is no file. */
function readCache(file, source) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // none
  }
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && cacheDigest(source, data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : null;
}

/**
 * The command line's `main(argv) -> Promise<exit status>`, from `bundle` (default
 * CLI_BUNDLE) with the code cache at `cache` (default: the bundle's path + `.cache`; false:
 * none). Also returns the bundle's bytes and script (for scripts/code-cache.mjs) and
 * `cacheRejected`: undefined when no cache was read, true when the cache was not this
 * bundle's, was damaged, or V8 refused it, false when V8 used it. Throws (ENOENT) when the
 * bundle is missing.
 */
export function loadCli({ bundle = CLI_BUNDLE, cache = `${bundle}.cache` } = {}) {
  const bytes = readFileSync(bundle);
  const data = cache === false ? undefined : readCache(cache, bytes);
  // CommonJS's wrapper, on the bundle's first line (line numbers stay the bundle's), plus the
  // importer: a script run by node:vm cannot call import() (the report loads vega, an ES module).
  const wrapped = `(function (exports, require, module, __filename, __dirname, __ephemeraImport) {${bytes.toString('utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, ...(data ? { cachedData: data } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle), (url) => import(url));
  const cacheRejected = data === undefined ? undefined : data === null || script.cachedDataRejected === true;
  return { main: module.exports.main, bytes, script, cacheRejected };
}
