import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidSlug, RESERVED_SLUGS } from "@/lib/hosts";
import { normalizeSubdomain, subdomainFromName, suggestionCandidates, validateSubdomain } from "@/lib/tenants/subdomain-rules";

describe("validateSubdomain", () => {
  it.each([
    ["acme", "acme"],
    ["  Acme-HQ ", "acme-hq"],
    ["a1b", "a1b"],
    ["x".repeat(63), "x".repeat(63)],
  ])("accepts %j as %j", (raw, name) => {
    expect(validateSubdomain(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["ab", "too-short"],
    ["x".repeat(64), "too-long"],
    ["acme_co", "invalid-characters"],
    ["acme.co", "invalid-characters"],
    ["açme", "invalid-characters"],
    ["ac me", "invalid-characters"],
    ["-acme", "hyphen-edge"],
    ["acme-", "hyphen-edge"],
    ["xn--80ak6aa92e", "double-hyphen"],
    ["ab--cd", "double-hyphen"],
    ["www", "reserved"],
    ["ADMIN", "reserved"],
    ["api", "reserved"],
    ["ns3", "reserved"],
    ["autodiscover", "reserved"],
    ["status", "reserved"],
  ])("refuses %j (%s) with a reason", (raw, problem) => {
    const verdict = validateSubdomain(raw);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.problem).toBe(problem);
      expect(verdict.reason.length).toBeGreaterThan(10);
    }
  });

  it("agrees with routing: every accepted subdomain is routable as a workspace", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-ABC _.".split("")), maxLength: 70 }), (raw) => {
        const verdict = validateSubdomain(raw);
        if (verdict.ok) {
          expect(isValidSlug(verdict.name)).toBe(true);
          expect(verdict.name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
          expect(verdict.name.startsWith("xn--")).toBe(false);
          expect(RESERVED_SLUGS.has(verdict.name)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never accepts a reserved name in any spelling", () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESERVED_SLUGS), fc.boolean(), fc.string({ unit: fc.constantFrom(" ", "\t"), maxLength: 3 }), (name, upper, pad) => {
        expect(validateSubdomain(pad + (upper ? name.toUpperCase() : name) + pad).ok).toBe(false);
      }),
    );
  });

  it("normalises idempotently", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeSubdomain(normalizeSubdomain(s))).toBe(normalizeSubdomain(s));
      }),
    );
  });
});

describe("subdomainFromName and suggestions", () => {
  it("derives a subdomain from a workspace name", () => {
    expect(subdomainFromName("Acme Inc.")).toBe("acme-inc");
    expect(subdomainFromName("  Café Zürich!! ")).toBe("cafe-zurich");
    expect(subdomainFromName("***")).toBe("");
  });

  it("suggests only valid names", () => {
    expect(suggestionCandidates("acme").slice(0, 4)).toEqual(["acme-hq", "acme-app", "acme-team", "acme2"]);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        for (const candidate of suggestionCandidates(s)) expect(validateSubdomain(candidate).ok).toBe(true);
      }),
    );
  });
});
