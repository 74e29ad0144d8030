// Security headers and the same-origin check, as pure functions (issue 9; threat N4).
// e2e/security.spec.ts checks the same through a real server and browser.
import { describe, expect, it } from "vitest";
import { API_CSP, createNonce, hstsEnabled, nonceOf, pageCsp, STATIC_SECURITY_HEADERS } from "../../lib/security/headers";
import { checkSameOrigin, needsOriginCheck } from "../../lib/security/origin";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe("page CSP", () => {
  it("allows scripts only by nonce and strict-dynamic, never unsafe-inline", () => {
    const csp = pageCsp({ nonce: "abc123==", development: false, https: false });
    const d = directives(csp);
    expect(d.get("script-src")).toEqual(["'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(nonceOf(csp)).toBe("abc123==");
  });

  it("development adds eval and websockets; https adds upgrade-insecure-requests; the outbox gets inline styles only", () => {
    const dev = directives(pageCsp({ nonce: "n", development: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
    expect(directives(pageCsp({ nonce: "n", development: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
    const outbox = directives(pageCsp({ nonce: "n", development: false, https: false, inlineStyles: true }));
    expect(outbox.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(outbox.get("script-src")).toEqual(["'nonce-n'", "'strict-dynamic'"]);
  });

  it("nonces are 16 random bytes and never repeat", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => createNonce()));
    expect(seen.size).toBe(1000);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("HSTS", () => {
  it.each([
    [true, "app.example.com", true],
    [true, "app.example.com:8443", true],
    [false, "app.example.com", false],
    [true, "localhost:3000", false],
    [true, "app.localhost", false],
    [true, "not a host", false],
  ])("production=%s root=%s → %s", (production, rootDomain, expected) => {
    expect(hstsEnabled({ production, rootDomain })).toBe(expected);
  });
});

describe("next.config.js repeats the static headers", () => {
  it("has the same static headers and API CSP as lib/security/headers.ts", async () => {
    const path = "../../next.config.js";
    const { default: nextConfig } = (await import(path)) as {
      default: { headers: () => Promise<Array<{ source: string; headers: Array<{ key: string; value: string }> }>> };
    };
    const rules = await nextConfig.headers();
    const all = rules.find((r) => r.source === "/:path*");
    const api = rules.find((r) => r.source === "/api/:path*");
    expect(all?.headers.map((h) => [h.key, h.value])).toEqual(STATIC_SECURITY_HEADERS.map(([k, v]) => [k, v]));
    expect(api?.headers).toEqual([{ key: "Content-Security-Policy", value: API_CSP }]);
  });
});

describe("same-origin check (N4)", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  const plain = { trustForwardedHost: false };

  it("checks server actions and unsafe methods only", () => {
    expect(needsOriginCheck("GET", h({}))).toBe(false);
    expect(needsOriginCheck("HEAD", h({}))).toBe(false);
    expect(needsOriginCheck("POST", h({}))).toBe(true);
    expect(needsOriginCheck("delete", h({}))).toBe(true);
    expect(needsOriginCheck("GET", h({ "next-action": "x" }))).toBe(true);
  });

  it.each([
    ["http://acme.localhost:3000", "acme.localhost:3000", true],
    ["http://ACME.localhost.:3000", "acme.localhost:3000", true],
    ["https://app.example.com", "app.example.com:443", true],
    ["http://globex.localhost:3000", "acme.localhost:3000", false],
    ["http://admin.localhost:3000", "acme.localhost:3000", false],
    ["http://localhost:3000", "acme.localhost:3000", false],
    ["http://acme.localhost:3001", "acme.localhost:3000", false],
    ["http://acme.localhost:3000.evil.example", "acme.localhost:3000", false],
    ["null", "acme.localhost:3000", false],
    ["", "acme.localhost:3000", false],
    ["javascript:alert(1)", "acme.localhost:3000", false],
    ["http://acme.localhost:3000", "", false],
  ])("Origin %j, Host %j → %s", (origin, host, ok) => {
    const headers: Record<string, string> = {};
    if (origin !== "") headers.origin = origin;
    if (host !== "") headers.host = host;
    expect(checkSameOrigin(h(headers), plain).ok).toBe(ok);
  });

  it("refuses a missing Origin", () => {
    expect(checkSameOrigin(h({ host: "acme.localhost:3000" }), plain)).toEqual({ ok: false, reason: "no-origin" });
  });

  it("uses X-Forwarded-Host only when trusted, like routing", () => {
    const headers = h({ host: "internal:3000", "x-forwarded-host": "acme.example.com", origin: "https://acme.example.com" });
    expect(checkSameOrigin(headers, { trustForwardedHost: true }).ok).toBe(true);
    expect(checkSameOrigin(headers, plain).ok).toBe(false);
    // An untrusted X-Forwarded-Host cannot make a foreign Origin match.
    const forged = h({ host: "acme.localhost:3000", "x-forwarded-host": "globex.localhost:3000", origin: "http://globex.localhost:3000" });
    expect(checkSameOrigin(forged, plain).ok).toBe(false);
  });
});
