// Pure decisions of the workspace settings: which custom domains may be claimed, the DNS records
// shown, the origin of a verified domain, where a renamed workspace's old host redirects, and
// which logo bytes are accepted.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveHost } from "@/lib/hosts";
import { customDomainOrigin } from "@/lib/tenants/domain-origin";
import { slugRedirectUrl } from "@/lib/tenants/slug-redirect";
import { dnsRecordsFor, validateCustomDomain } from "@/lib/workspace/custom-domain";
import { sniffLogo } from "@/lib/workspace/logo";
import { decodeCursor, encodeCursor, summarize } from "@/lib/workspace/audit";
import { sectionPermission } from "@/lib/workspace/section-guard";

const dev = { rootDomain: "localhost:3000", adminHost: "admin.localhost:3000" };
const prod = { rootDomain: "app.tenantry.com", adminHost: "admin.tenantry.com" };

describe("validateCustomDomain", () => {
  it.each([
    ["crm.acme-corp.com", "crm.acme-corp.com"],
    ["CRM.Acme-Corp.COM.", "crm.acme-corp.com"],
    ["  https://crm.acme-corp.com/ ", "crm.acme-corp.com"],
    ["acme.co.uk", "acme.co.uk"],
    ["tenantry.com", "tenantry.com"], // not under the root or the admin host
  ])("accepts %j as %j", (raw, domain) => {
    expect(validateCustomDomain(raw, prod)).toEqual({ ok: true, domain });
  });

  it.each([
    ["", prod],
    ["   ", prod],
    ["localhost", dev],
    ["acme.localhost", dev],
    ["app.tenantry.com", prod],
    ["acme.app.tenantry.com", prod],
    ["a.b.app.tenantry.com", prod],
    ["admin.tenantry.com", prod],
    ["x.admin.tenantry.com", prod],
    ["127.0.0.1", prod],
    ["10.0.0.1", prod],
    ["[::1]", prod],
    ["crm.example.com:8443", prod],
    ["crm.example.com/x", prod],
    ["user@crm.example.com", prod],
    ["com", prod],
    ["printer.local", prod],
    ["db.internal", prod],
    ["1.0.0.127.in-addr.arpa", prod],
    ["-bad-.example.com", prod],
    ["crm..example.com", prod],
    ["ex ample.com", prod],
    ["bücher.example", prod],
    [`${"a".repeat(64)}.example.com`, prod],
    [42, prod],
  ] as const)("refuses %j", (raw, config) => {
    expect(validateCustomDomain(raw, config).ok).toBe(false);
  });

  it("anything it accepts is routed as a custom domain (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.domain()), (raw) => {
        const verdict = validateCustomDomain(raw, prod);
        if (!verdict.ok) return;
        expect(verdict.domain).toBe(verdict.domain.toLowerCase());
        expect(resolveHost(verdict.domain, null, { ...prod, trustForwardedHost: false })).toEqual({ kind: "custom-domain", host: verdict.domain });
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("DNS records and origins", () => {
  it("asks for the TXT token and a CNAME to the root host (without port)", () => {
    expect(dnsRecordsFor("crm.acme.com", "tok", dev)).toEqual({
      txt: { type: "TXT", name: "_tenantry.crm.acme.com", value: "tenantry-verify=tok" },
      cname: { type: "CNAME", name: "crm.acme.com", value: "localhost" },
    });
    expect(dnsRecordsFor("crm.acme.com", "tok", prod).cname.value).toBe("app.tenantry.com");
  });

  it("builds a verified domain's origin with the root's scheme, never a port", () => {
    expect(customDomainOrigin("crm.acme.com", prod)).toBe("https://crm.acme.com");
    expect(customDomainOrigin("CRM.acme.com", dev)).toBe("http://crm.acme.com");
    expect(customDomainOrigin("crm.acme.com:444", prod)).toBeNull();
    expect(customDomainOrigin("not a host", prod)).toBeNull();
  });
});

describe("renamed workspace redirect", () => {
  it("keeps the path and query on the new configured host", () => {
    expect(slugRedirectUrl("new-name", "/customers?q=a#x", dev)).toBe("http://new-name.localhost:3000/customers?q=a#x");
    expect(slugRedirectUrl("new-name", "/", prod)).toBe("https://new-name.app.tenantry.com/");
  });

  it.each([null, undefined, "", "//evil.example/x", "/\\evil.example", "https://evil.example/", "/a\nb"])("never leaves the new host for path %j", (path) => {
    expect(slugRedirectUrl("new-name", path, dev)).toBe("http://new-name.localhost:3000/");
  });

  it("has no target for a slug that is not a valid workspace name", () => {
    expect(slugRedirectUrl("admin", "/", dev)).toBeNull();
    expect(slugRedirectUrl("a.b", "/", dev)).toBeNull();
  });
});

describe("logo bytes", () => {
  it("recognises PNG, JPEG and WebP by magic bytes only", () => {
    expect(sniffLogo(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ok: true, contentType: "image/png" });
    expect(sniffLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb]))).toEqual({ ok: true, contentType: "image/jpeg" });
    expect(sniffLogo(new Uint8Array([...Buffer.from("RIFF"), 1, 2, 3, 4, ...Buffer.from("WEBP")]))).toEqual({ ok: true, contentType: "image/webp" });
    expect(sniffLogo(new Uint8Array([...Buffer.from("RIFF"), 1, 2, 3, 4, ...Buffer.from("WAVE")])).ok).toBe(false);
    expect(sniffLogo(new TextEncoder().encode("<svg onload=alert(1)>")).ok).toBe(false);
    expect(sniffLogo(new TextEncoder().encode("<?xml version='1.0'?><svg/>")).ok).toBe(false);
    expect(sniffLogo(new Uint8Array()).ok).toBe(false);
  });
});

describe("audit log helpers", () => {
  it("round-trips a keyset cursor and rejects forged ones", () => {
    const at = new Date("2026-11-29T10:00:00.123Z");
    const id = "0190a000-0000-7000-8000-00000000000a";
    expect(decodeCursor(encodeCursor({ createdAt: at, id }))).toEqual({ createdAt: at, id });
    expect(decodeCursor("bm9wZQ")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-01-01T00:00:00Z|1 OR 1=1").toString("base64url"))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it("prefers the entry's own summary", () => {
    expect(summarize("customer.created", { summary: "Added Acme" })).toBe("Added Acme");
    expect(summarize("customer.created", {})).toBe("Customer created");
    expect(summarize("workspace.subdomain_changed", null)).toBe("Workspace subdomain changed");
  });
});

describe("section guard", () => {
  it.each([
    ["/settings/audit", { resource: "auditLog", action: "read" }],
    ["/settings/audit/?cursor=x", { resource: "auditLog", action: "read" }],
    ["/Settings/Domain", { resource: "workspace", action: "update" }],
    ["/settings/danger", { resource: "workspace", action: "delete" }],
    ["/settings/data/exports/1", { resource: "workspace", action: "export" }],
    ["/settings", null],
    ["/settings/auditor", null],
    ["/customers", null],
    [null, null],
  ])("%j needs %j", (path, expected) => {
    expect(sectionPermission(path)).toEqual(expected);
  });
});
