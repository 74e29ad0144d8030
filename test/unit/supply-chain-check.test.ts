// scripts/supply-chain-check.mjs: the offline advisory check `npm test` runs (docs/security.md).
import { describe, expect, it } from "vitest";
import { affected, check, compareVersions } from "../../scripts/supply-chain-check.mjs";

const advisory = (over: Record<string, unknown> = {}) => ({
  id: "CVE-2025-29927",
  package: "next",
  severity: "critical",
  summary: "middleware bypass",
  url: "u",
  ranges: [{ introduced: "15.0.0", fixed: "15.2.3" }],
  ...over,
});
const lockWith = (version: string) => ({ packages: { "": {}, "node_modules/next": { version, integrity: "sha512-x" } } });
const pkg = { dependencies: { next: "15.2.2" } };

describe("supply-chain check", () => {
  it("orders versions like semver, prereleases included", () => {
    expect(compareVersions("15.2.2", "15.2.3")).toBe(-1);
    expect(compareVersions("16.4.6", "16.2.11")).toBe(1);
    expect(compareVersions("5.0.0-beta.9", "5.0.0-beta.32")).toBe(-1);
    expect(compareVersions("5.0.0-beta.32", "5.0.0")).toBe(-1);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
    expect(affected("5.0.0-beta.32", [{ introduced: "5.0.0-beta.0", last_affected: "5.0.0-beta.32" }])).toBe(true);
    expect(affected("5.0.0", [{ introduced: "5.0.0-beta.0", last_affected: "5.0.0-beta.32" }])).toBe(false);
  });

  it("fails on a critical advisory for an installed version, passes once fixed", () => {
    const advisories = { updated: "2026-11-01", advisories: [advisory()], accepted: [] };
    const now = new Date("2026-11-29");
    const vulnerable = check({ pkg, lock: lockWith("15.2.2"), advisories, now });
    expect(vulnerable.failures).toEqual([expect.stringContaining("CVE-2025-29927 (critical) next@15.2.2")]);
    expect(check({ pkg: { dependencies: { next: "15.2.3" } }, lock: lockWith("15.2.3"), advisories, now }).failures).toEqual([]);
  });

  it("an accepted finding passes until its expiry date, then fails", () => {
    const accepted = [{ id: "CVE-2025-29927", package: "next", version: "15.2.2", reason: "r", expires: "2026-12-01" }];
    const advisories = { updated: "2026-11-01", advisories: [advisory()], accepted };
    expect(check({ pkg, lock: lockWith("15.2.2"), advisories, now: new Date("2026-11-29") }).failures).toEqual([]);
    expect(check({ pkg, lock: lockWith("15.2.2"), advisories, now: new Date("2026-12-02") }).failures).toEqual([expect.stringContaining("acceptance EXPIRED")]);
  });

  it("fails on loose pins, lockfile drift, foreign sources and a stale advisory list", () => {
    const advisories = { updated: "2026-01-01", advisories: [], accepted: [] };
    const lock = { packages: { "": {}, "node_modules/next": { version: "15.2.4", resolved: "https://evil.example/next.tgz", integrity: "sha1-x" } } };
    const { failures } = check({ pkg: { dependencies: { next: "^15.2.3" } }, lock, advisories, now: new Date("2026-11-29") });
    expect(failures.join("\n")).toMatch(/not an exact version/);
    expect(failures.join("\n")).toMatch(/package-lock.json 15.2.4/);
    expect(failures.join("\n")).toMatch(/only the npm registry/);
    expect(failures.join("\n")).toMatch(/not sha512/);
    expect(failures.join("\n")).toMatch(/review the advisories/);
  });
});
