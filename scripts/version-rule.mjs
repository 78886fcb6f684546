#!/usr/bin/env node
// The version rule: a version identifies the model, so a change that changes what a shipped
// scenario writes (its golden files, test/golden/<name>/) gets a new version and a CHANGELOG
// section. test/golden/version.json records which golden files a version pins: the version
// and the SHA-256 of every golden folder. test/golden/version-rule.test.ts fails when the
// goldens differ from the record and the version does not, or the record is not the
// version's, or CHANGELOG.md has no section for it.
//
// After goldens change (UPDATE_GOLDEN=1 npx vitest run test/golden, diff reviewed), one command:
//   npm version minor --no-git-tag-version     (or patch, major)
// bumps package.json, names CHANGELOG.md's "## Unreleased" section after the new version, and
// records the goldens (npm runs this file as the "version" script). After a bump made by hand:
//   npm run stamp
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GOLDEN_DIR = 'test/golden';
export const RECORD = join(GOLDEN_DIR, 'version.json');

/** Every file under the golden folders (not the files beside them), as sorted `/` paths. */
function goldenFiles(dir) {
  const walk = (d, prefix) => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
    .flatMap((e) => walk(join(dir, e.name), `${e.name}/`))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256 (hex) of the golden folders: each file's path, a NUL, its bytes, a NUL, in path order. */
export function goldenHash(dir = GOLDEN_DIR) {
  const h = createHash('sha256');
  for (const f of goldenFiles(dir)) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(dir, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Compares x.y.z versions numerically (a pre-release suffix counts as lower): < 0, 0, > 0. */
export function compareVersions(a, b) {
  const parse = (v) => {
    const m = /^(\d+)\.(\d+)\.(\d+)(-.*)?$/.exec(v);
    return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''];
  };
  const x = parse(a);
  const y = parse(b);
  if (x === undefined || y === undefined) return a === b ? 0 : NaN;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  if (x[3] === y[3]) return 0;
  return x[3] === '' ? 1 : y[3] === '' ? -1 : x[3] < y[3] ? -1 : 1;
}

/** The body of CHANGELOG.md's `## <heading>` section (up to the next `## `), or undefined. */
export function changelogSection(changelog, heading) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

/**
 * The rule, as data: what is wrong (empty when all is well) given the package's version, the
 * record ({ version, golden_sha256 }), the goldens' hash now and CHANGELOG.md's text.
 */
export function versionRuleProblems({ version, record, hash, changelog }) {
  const problems = [];
  if (hash !== record.golden_sha256) {
    if (version === record.version) {
      problems.push(`the golden outputs (${GOLDEN_DIR}/) changed, but the version is still ${version}: a version identifies the model. `
        + 'Bump it and name the Unreleased section of CHANGELOG.md after it: npm version minor --no-git-tag-version (or patch, major)');
    } else if (!(compareVersions(version, record.version) > 0)) {
      problems.push(`the golden outputs changed and the version went from ${record.version} to ${version}: a new model needs a higher version`);
    } else {
      problems.push(`the golden outputs changed with the version bump to ${version}, but ${RECORD} still records ${record.version}: run npm run stamp`);
    }
  } else if (version !== record.version) {
    problems.push(`package.json says ${version} but ${RECORD} records ${record.version} for the same golden outputs: run npm run stamp`);
  }
  const section = changelogSection(changelog, version);
  if (section === undefined || section === '') problems.push(`CHANGELOG.md has no "## ${version}" section saying what changed in this version`);
  return problems;
}

/**
 * `npm run stamp` (and npm's "version" script): names CHANGELOG.md's Unreleased section after
 * the package's version when there is none for it yet, then records the goldens for it.
 * Refuses (exit 1) when the goldens changed but the version did not, or went down.
 */
function stamp() {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const record = JSON.parse(readFileSync(RECORD, 'utf8'));
  const hash = goldenHash();
  let changelog = readFileSync('CHANGELOG.md', 'utf8');
  if (hash !== record.golden_sha256 && !(compareVersions(version, record.version) > 0)) {
    console.error(`stamp: ${versionRuleProblems({ version, record, hash, changelog })[0]}`);
    process.exit(1);
  }
  if (changelogSection(changelog, version) === undefined) {
    const unreleased = changelogSection(changelog, 'Unreleased');
    if (unreleased === undefined || unreleased === '') {
      console.error(`stamp: CHANGELOG.md has neither a "## ${version}" section nor an "## Unreleased" one with lines in it: say what changed first`);
      process.exit(1);
    }
    changelog = changelog.replace(/^## Unreleased[ \t]*$/m, `## Unreleased\n\n## ${version}`);
    writeFileSync('CHANGELOG.md', changelog);
    console.log(`stamp: CHANGELOG.md's Unreleased section is now "## ${version}"`);
  }
  const next = { ...record, version, golden_sha256: hash };
  writeFileSync(RECORD, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`stamp: ${RECORD} records ${version} for golden outputs ${hash.slice(0, 12)}...`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) stamp();
