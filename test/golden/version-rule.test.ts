import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogSection, compareVersions, goldenHash, RECORD, versionRuleProblems, type VersionRecord } from '../../scripts/version-rule.mjs';

// The version rule (scripts/version-rule.mjs; README, Versions): the golden outputs of the
// shipped scenarios pin the model, so when they change the version must change, and
// CHANGELOG.md must say what changed. After a reviewed golden update, one command fixes it:
//   npm version minor --no-git-tag-version      (or patch, major; `npm run stamp` after a bump by hand)
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const record = JSON.parse(readFileSync(RECORD, 'utf8')) as VersionRecord;
const changelog = readFileSync('CHANGELOG.md', 'utf8');

describe('the version rule', () => {
  it('holds here: the goldens are the recorded ones for this version, and CHANGELOG.md has its section', () => {
    expect(versionRuleProblems({ version, record, hash: goldenHash(), changelog })).toEqual([]);
  });

  it('fails when a golden file changes and the version does not, and passes once both are done', () => {
    const copy = mkdtempSync(join(tmpdir(), 'ephemera-golden-'));
    cpSync('test/golden', copy, { recursive: true });
    expect(goldenHash(copy)).toBe(goldenHash());
    const summary = join(copy, 'seed-walkthrough', 'summary.csv');
    writeFileSync(summary, `${readFileSync(summary, 'utf8')}seed-walkthrough,3,1\n`);
    const changed = goldenHash(copy);
    expect(changed).not.toBe(record.golden_sha256);
    const [problem] = versionRuleProblems({ version: record.version, record, hash: changed, changelog });
    expect(problem).toContain(`the golden outputs (test/golden/) changed, but the version is still ${record.version}`);
    expect(problem).toContain('npm version minor --no-git-tag-version');
    const bumped = '99.0.0';
    expect(versionRuleProblems({ version: bumped, record, hash: changed, changelog })).toEqual([
      `the golden outputs changed with the version bump to ${bumped}, but test/golden/version.json still records ${record.version}: run npm run stamp`,
      `CHANGELOG.md has no "## ${bumped}" section saying what changed in this version`,
    ]);
    const stamped = { ...record, version: bumped, golden_sha256: changed };
    expect(versionRuleProblems({ version: bumped, record: stamped, hash: changed, changelog: `${changelog}\n## ${bumped}\n\n- summary.csv changed\n` })).toEqual([]);
    expect(versionRuleProblems({ version: '0.0.1', record, hash: changed, changelog })[0]).toContain('a new model needs a higher version');
  });

  it('a renamed or added golden file changes the hash too', () => {
    const copy = mkdtempSync(join(tmpdir(), 'ephemera-golden-'));
    cpSync('test/golden', copy, { recursive: true });
    writeFileSync(join(copy, 'seed-walkthrough', 'extra.csv'), '');
    expect(goldenHash(copy)).not.toBe(goldenHash());
  });

  it('compares versions as numbers, and finds CHANGELOG sections', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBeGreaterThan(0);
    expect(compareVersions('0.2.0', '0.2.0')).toBe(0);
    expect(changelogSection('# C\n\n## 0.2.0\n\n- a\n\n## 0.1.0\n\n- b\n', '0.2.0')).toBe('- a');
    expect(changelogSection('# C\n\n## 0.2.0\n\n## 0.1.0\n- b\n', '0.2.0')).toBe('');
    expect(changelogSection('# C\n', '0.2.0')).toBeUndefined();
  });
});
