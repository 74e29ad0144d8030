// Types for scripts/supply-chain-check.mjs (used by test/unit/supply-chain-check.test.ts).
export type Range = { introduced?: string; fixed?: string; last_affected?: string };
export type Advisory = { id: string; package: string; severity: string; summary: string; url: string; ranges: Range[] };
export type Acceptance = { id: string; package: string; version: string; reason: string; expires: string };
export type AdvisoryList = { updated: string; advisories: Advisory[]; accepted?: Acceptance[] };
export type Lockfile = { packages?: Record<string, { version?: string; name?: string; link?: boolean; resolved?: string; integrity?: string }> };
export type PackageJson = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

export function compareVersions(a: string, b: string): -1 | 0 | 1;
export function affected(version: string, ranges: Range[]): boolean;
export function check(input: {
  pkg: PackageJson;
  lock: Lockfile;
  advisories: AdvisoryList;
  now?: Date;
  moduleVersion?: (name: string) => string | undefined;
}): { failures: string[]; notes: string[]; packages: number; ageDays: number };
