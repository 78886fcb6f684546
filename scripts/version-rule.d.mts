// Types of scripts/version-rule.mjs, for test/golden/version-rule.test.ts.
export declare const GOLDEN_DIR: string;
export declare const RECORD: string;
export interface VersionRecord {
  readonly version: string;
  readonly golden_sha256: string;
}
export declare function goldenHash(dir?: string): string;
export declare function compareVersions(a: string, b: string): number;
export declare function changelogSection(changelog: string, heading: string): string | undefined;
export declare function versionRuleProblems(input: { version: string; record: VersionRecord; hash: string; changelog: string }): string[];
