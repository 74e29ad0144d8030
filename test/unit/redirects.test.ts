import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect, safeRelativePath } from "@/lib/auth/redirects";

const config = { rootDomain: "localhost:3000", adminHost: "admin.localhost:3000", trustForwardedHost: false };
const prod = { rootDomain: "app.example.com", adminHost: "admin.example.com", trustForwardedHost: false };

describe("safeRedirect (threat A3)", () => {
  it.each([
    ["/", "/"],
    ["/customers?page=2#top", "/customers?page=2#top"],
    ["http://localhost:3000/pricing", "http://localhost:3000/pricing"],
    ["http://acme.localhost:3000/deals", "http://acme.localhost:3000/deals"],
    ["http://admin.localhost:3000/", "http://admin.localhost:3000/"],
  ])("keeps %j", (target, expected) => {
    expect(safeRedirect(target, config)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "//evil.com/path",
    "/\\evil.com",
    "https:\\\\evil.com",
    "https://evil.com",
    "https://evil-example.com",
    "http://acme.localhost:3000.evil.com/",
    "https://acme.app.example.com.evil.com/",
    "http://localhost:3001/",
    "https://localhost:3000/", // wrong scheme
    "http://a.b.localhost:3000/",
    "http://www.localhost:3000/",
    "http://user:pass@localhost:3000/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "/\t/evil.com",
    " //evil.com",
    "evil.com",
    "",
    undefined,
    42,
  ])("replaces %j with the safe default", (target) => {
    expect(safeRedirect(target, config, "/safe")).toBe("/safe");
  });

  it("production hosts: exact origins only", () => {
    expect(safeRedirect("https://acme.app.example.com/x", prod)).toBe("https://acme.app.example.com/x");
    expect(safeRedirect("http://acme.app.example.com/x", prod)).toBe("/");
    expect(safeRedirect("https://acme.app.example.com.evil.com/", prod)).toBe("/");
    expect(safeRedirect("https://app.example.com@evil.com/", prod)).toBe("/");
  });

  it("never returns a URL off our hosts, for any input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath().map((p) => `/${p}`), fc.string().map((s) => `//${s}`)), (target) => {
        const out = safeRedirect(target, config, "/");
        const resolved = new URL(out, "http://localhost:3000");
        expect(["localhost:3000"].includes(resolved.host) || resolved.host.endsWith(".localhost:3000")).toBe(true);
        if (out.startsWith("/")) expect(safeRelativePath(out)).toBe(out);
      }),
      { numRuns: 3000 },
    );
  });
});
