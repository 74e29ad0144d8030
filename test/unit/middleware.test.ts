// The middleware as a function: which internal path each host/path is rewritten to, and which
// request headers reach the pages. (e2e/hosts.spec.ts covers the same through a real server.)
import { NextRequest, type NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as wwwRedirect } from "../../app/sites/www/[[...path]]/route";
import { config, middleware } from "../../middleware";

// Default host configuration: root localhost:3000, admin admin.localhost:3000.
function call(host: string, path = "/", headers: Record<string, string> = {}) {
  const request = new NextRequest(`http://localhost:3000${path}`, { headers: { host, ...headers } });
  // Synchronous for every host but a custom domain (which needs the directory: tested below).
  return middleware(request) as NextResponse;
}

function rewrittenPath(host: string, path = "/") {
  const target = call(host, path).headers.get("x-middleware-rewrite");
  if (!target) return null;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

describe("middleware rewrites", () => {
  it.each([
    ["localhost:3000", "/", "/sites/root"],
    ["localhost:3000", "/pricing?plan=pro", "/sites/root/pricing?plan=pro"],
    ["acme.localhost:3000", "/", "/sites/tenant/acme"],
    ["ACME.localhost.:3000", "/deals/1", "/sites/tenant/acme/deals/1"],
    ["admin.localhost:3000", "/", "/sites/admin"],
    ["admin.localhost:3000", "/tenants", "/sites/admin/tenants"],
    ["a.b.localhost:3000", "/whatever?q=1", "/sites/unknown"],
    ["127.0.0.1:3000", "/", "/sites/unknown"],
    ["", "/", "/sites/unknown"],
    // the internal tree is never reachable directly: it gets prefixed like any other path
    ["localhost:3000", "/sites/admin", "/sites/root/sites/admin"],
    ["localhost:3000", "/sites/tenant/acme", "/sites/root/sites/tenant/acme"],
    ["acme.localhost:3000", "/sites/tenant/other", "/sites/tenant/acme/sites/tenant/other"],
  ])("%s %s → %s", (host, path, expected) => {
    expect(rewrittenPath(host, path)).toBe(expected);
  });

  it("sends a custom domain that no workspace has verified to the domain 404 tree", async () => {
    // No database in unit tests: the directory lookup fails, which must also mean "not ours".
    const res = await middleware(new NextRequest("http://localhost:3000/x", { headers: { host: "crm.acme-corp.com" } }));
    expect(new URL(res.headers.get("x-middleware-rewrite") ?? "http://x/").pathname).toBe("/sites/domain/crm.acme-corp.com/x");
  });

  it("sends www to the redirect handler, which answers 308 to the configured root", async () => {
    expect(rewrittenPath("www.localhost:3000", "/signup?x=1")).toBe("/sites/www/signup?x=1");
    const res = await wwwRedirect(
      new NextRequest("http://localhost:3000/signup?x=1", {
        headers: { host: "www.localhost:3000", "x-forwarded-host": "evil.example" },
      }),
      { params: Promise.resolve({ path: ["signup"] }) },
    );
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("http://localhost:3000/signup?x=1");
    const home = await wwwRedirect(new NextRequest("http://localhost:3000/", { headers: { host: "evil.example" } }), {
      params: Promise.resolve({}),
    });
    expect(home.headers.get("location")).toBe("http://localhost:3000/");
    const tricky = await wwwRedirect(new NextRequest("http://localhost:3000/x"), {
      params: Promise.resolve({ path: ["", "evil.example", "a b", "c/d"] }),
    });
    expect(tricky.headers.get("location")).toBe("http://localhost:3000//evil.example/a%20b/c%2Fd");
  });

  it("ignores X-Forwarded-Host (not trusted by default)", () => {
    expect(call("localhost:3000", "/", { "x-forwarded-host": "admin.localhost:3000" }).headers.get("x-middleware-rewrite")).toMatch(
      /\/sites\/root$/,
    );
  });

  it("strips x-tenant-* and x-middleware-subrequest from the forwarded request", () => {
    const res = call("acme.localhost:3000", "/", {
      "x-tenant-id": "other",
      "X-Tenant-Slug": "other",
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
      "x-request-id": "kept",
    });
    const forwarded = (res.headers.get("x-middleware-override-headers") ?? "").split(",");
    expect(forwarded).toContain("x-request-id");
    expect(forwarded).toContain("host");
    expect(forwarded.filter((h) => h.startsWith("x-tenant-") || h === "x-middleware-subrequest")).toEqual([]);
    expect(res.headers.get("x-middleware-request-x-tenant-id")).toBeNull();
  });

  it("skips Next assets, favicons and /api/ only", () => {
    const [matcher] = config.matcher;
    const re = new RegExp(`^${matcher}$`);
    for (const p of ["/_next/static/chunks/a.js", "/_next/image", "/favicon.ico", "/favicon.svg", "/api/health"]) {
      expect(re.test(p), p).toBe(false);
    }
    for (const p of ["/", "/api", "/sites/admin", "/favicon.ico.html", "/pricing", "/apix"]) {
      expect(re.test(p), p).toBe(true);
    }
  });
});

describe("middleware and X-Forwarded-Host (N3, A4)", () => {
  it("replaces an untrusted X-Forwarded-Host with the Host the request was resolved with", () => {
    const res = call("acme.localhost:3000", "/", { "x-forwarded-host": "evil.example" });
    expect(res.headers.get("x-middleware-request-x-forwarded-host")).toBe("acme.localhost:3000");
  });
});

describe("middleware security headers", () => {
  it("sets a nonce CSP on the response and on the forwarded request, fresh per request", () => {
    const a = call("acme.localhost:3000", "/", { "content-security-policy": "script-src *", "x-nonce": "forged" });
    const b = call("acme.localhost:3000", "/");
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`script-src 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    // Next.js reads the nonce from the request header: the client's values are replaced.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    // http://localhost root: never HSTS.
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("middleware and server actions from another origin (N4)", () => {
  function post(host: string, headers: Record<string, string>) {
    return middleware(
      new NextRequest("http://localhost:3000/members", { method: "POST", headers: { host, "next-action": "7f00aa", ...headers } }),
    ) as NextResponse;
  }

  it.each([
    ["no Origin", {}],
    ["another tenant", { origin: "http://globex.localhost:3000" }],
    ["the admin host", { origin: "http://admin.localhost:3000" }],
    ["the root", { origin: "http://localhost:3000" }],
    ["an opaque origin", { origin: "null" }],
    ["a forged X-Forwarded-Host matching the foreign Origin", { origin: "http://globex.localhost:3000", "x-forwarded-host": "globex.localhost:3000" }],
  ])("refuses a server action on acme from %s with 403", async (_, headers) => {
    const res = post("acme.localhost:3000", headers);
    expect(res.status).toBe(403);
    expect(res.headers.get("x-middleware-rewrite")).toBeNull();
    expect(await res.text()).toMatch(/^Forbidden/);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("refuses any other POST to a page without a matching Origin, and lets same-origin ones through", async () => {
    const plain = new NextRequest("http://localhost:3000/sign-in", { method: "POST", headers: { host: "localhost:3000" } });
    expect((middleware(plain) as NextResponse).status).toBe(403);
    const same = await middleware(
      new NextRequest("http://localhost:3000/members", {
        method: "POST",
        headers: { host: "ACME.localhost:3000", "next-action": "7f00aa", origin: "http://acme.localhost:3000", "content-type": "text/plain;charset=UTF-8" },
        body: '[{"membershipId":"x"}]',
      }),
    );
    expect(same.headers.get("x-middleware-rewrite")).toMatch(/\/sites\/tenant\/acme\/members$/);
  });

  it("answers 400, not Next's 500, to a same-origin action body React could not decode", async () => {
    for (const [type, body] of [["text/plain;charset=UTF-8", '["$K1"]'], ["text/plain", "not json"], ["application/json", "[]"]] as const) {
      const res = await middleware(
        new NextRequest("http://localhost:3000/members", {
          method: "POST",
          headers: { host: "acme.localhost:3000", "next-action": "7f00aa", origin: "http://acme.localhost:3000", "content-type": type },
          body,
        }),
      );
      expect(res.status, body).toBe(400);
      expect(res.headers.get("x-middleware-rewrite")).toBeNull();
      expect(await res.json()).toEqual({ error: "This request could not be read. Reload the page and try again." });
    }
  });

  it("answers 400 to a multipart action body that is not a form, and lets a real form through", async () => {
    const headers = { host: "acme.localhost:3000", "next-action": "7f00aa", origin: "http://acme.localhost:3000" };
    const broken = await middleware(
      new NextRequest("http://localhost:3000/members", { method: "POST", headers: { ...headers, "content-type": "multipart/form-data; boundary=x" }, body: "0" }),
    );
    expect(broken.status).toBe(400);
    const form = new FormData();
    form.set("1_name", "Ada");
    const ok = await middleware(new NextRequest("http://localhost:3000/members", { method: "POST", headers, body: form }));
    expect(ok.headers.get("x-middleware-rewrite")).toMatch(/\/sites\/tenant\/acme\/members$/);
  });
});
