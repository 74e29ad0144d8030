import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type HostConfig,
  type Site,
  canonicalHost,
  isValidSlug,
  resolveHost,
  rootOrigin,
  tenantOrigin,
} from "../../lib/hosts/index";

const DEV: HostConfig = { rootDomain: "localhost:3000", adminHost: "admin.localhost:3000", trustForwardedHost: false };
const PROD: HostConfig = { rootDomain: "app.example.com", adminHost: "admin.example.com", trustForwardedHost: false };
const CONFIGS = [DEV, PROD, { ...DEV, trustForwardedHost: true }, { ...PROD, trustForwardedHost: true }];

const resolve = (host: string | null | undefined, config: HostConfig = DEV, forwarded?: string | null) =>
  resolveHost(host, forwarded, config);

describe("resolveHost: examples (dev root localhost:3000)", () => {
  const cases: Array<[string, Site]> = [
    ["localhost:3000", { kind: "root" }],
    ["LOCALHOST:3000", { kind: "root" }],
    ["localhost.:3000", { kind: "root" }],
    ["acme.localhost:3000", { kind: "tenant", slug: "acme" }],
    ["AcMe.LocalHost.:3000", { kind: "tenant", slug: "acme" }],
    ["acme-2.localhost:3000", { kind: "tenant", slug: "acme-2" }],
    ["admin.localhost:3000", { kind: "admin" }],
    ["ADMIN.localhost.:3000", { kind: "admin" }],
    ["www.localhost:3000", { kind: "redirect", to: "http://localhost:3000" }],
    ["WWW.localhost.:3000", { kind: "redirect", to: "http://localhost:3000" }],
    // wrong or missing port for a *.localhost dev host
    ["localhost", { kind: "unknown" }],
    ["localhost:3001", { kind: "unknown" }],
    ["acme.localhost", { kind: "unknown" }],
    ["acme.localhost:3001", { kind: "unknown" }],
    ["acme.localhost:80", { kind: "unknown" }],
    // only one label below the root
    ["a.b.localhost:3000", { kind: "unknown" }],
    ["admin.acme.localhost:3000", { kind: "unknown" }],
    // invalid slugs
    ["-acme.localhost:3000", { kind: "unknown" }],
    ["acme-.localhost:3000", { kind: "unknown" }],
    ["ac_me.localhost:3000", { kind: "unknown" }],
    [`${"a".repeat(64)}.localhost:3000`, { kind: "unknown" }],
    ["xn--80ak6aa92e.localhost:3000", { kind: "unknown" }],
    ["api.localhost:3000", { kind: "unknown" }],
    [".localhost:3000", { kind: "unknown" }],
    ["acme..localhost:3000", { kind: "unknown" }],
    ["acme.localhost..:3000", { kind: "unknown" }],
    // garbage
    ["", { kind: "unknown" }],
    ["   ", { kind: "unknown" }],
    ["localhost:", { kind: "unknown" }],
    ["localhost:03000", { kind: "unknown" }],
    ["localhost:99999", { kind: "unknown" }],
    ["localhost:0", { kind: "unknown" }],
    ["user@localhost:3000", { kind: "unknown" }],
    ["localhost:3000/path", { kind: "unknown" }],
    ["acme.localhost:3000 evil.com", { kind: "unknown" }],
    ["[::1]:3000", { kind: "unknown" }],
    ["[::ffff:127.0.0.1]", { kind: "unknown" }],
    ["::1", { kind: "unknown" }],
    ["127.0.0.1:3000", { kind: "unknown" }],
    ["127.0.0.1", { kind: "unknown" }],
    ["acmé.localhost:3000", { kind: "unknown" }],
    ["\u212Acme.localhost:3000", { kind: "unknown" }], // Kelvin sign folds to "k"
    ["acme.localhost:3000\u0000", { kind: "unknown" }],
    [`${"a.".repeat(130)}localhost:3000`, { kind: "unknown" }],
    // not under the root
    ["crm.acme-corp.com", { kind: "custom-domain", host: "crm.acme-corp.com" }],
    ["CRM.Acme-Corp.com.", { kind: "custom-domain", host: "crm.acme-corp.com" }],
    ["crm.acme-corp.com:443", { kind: "custom-domain", host: "crm.acme-corp.com" }],
    ["crm.acme-corp.com:8443", { kind: "unknown" }],
    ["intranet", { kind: "unknown" }],
    ["foo.localhost:4000", { kind: "unknown" }],
  ];
  it.each(cases)("%j", (host, expected) => {
    expect(resolve(host)).toEqual(expected);
  });

  it("handles null, undefined and non-strings", () => {
    expect(resolve(null)).toEqual({ kind: "unknown" });
    expect(resolve(undefined)).toEqual({ kind: "unknown" });
    expect(resolveHost(42 as unknown as string, [] as unknown as string, DEV)).toEqual({ kind: "unknown" });
  });
});

describe("resolveHost: examples (prod root app.example.com)", () => {
  const cases: Array<[string, Site]> = [
    ["app.example.com", { kind: "root" }],
    ["app.example.com:443", { kind: "root" }],
    ["app.example.com:80", { kind: "root" }],
    ["app.example.com:8080", { kind: "unknown" }],
    ["acme.app.example.com", { kind: "tenant", slug: "acme" }],
    ["acme.app.example.com:443", { kind: "tenant", slug: "acme" }],
    ["acme.app.example.com:3000", { kind: "unknown" }],
    ["www.app.example.com", { kind: "redirect", to: "https://app.example.com" }],
    ["admin.example.com", { kind: "admin" }],
    // the admin host is outside the root here; its look-alike under the root is reserved
    ["admin.app.example.com", { kind: "unknown" }],
    ["example.com", { kind: "custom-domain", host: "example.com" }],
    ["acme.localhost:3000", { kind: "unknown" }],
    ["localhost", { kind: "unknown" }],
  ];
  it.each(cases)("%j", (host, expected) => {
    expect(resolve(host, PROD)).toEqual(expected);
  });
});

describe("X-Forwarded-Host", () => {
  it("is ignored unless trusted", () => {
    expect(resolve("localhost:3000", DEV, "admin.localhost:3000")).toEqual({ kind: "root" });
    expect(resolve("acme.localhost:3000", DEV, "other.localhost:3000")).toEqual({ kind: "tenant", slug: "acme" });
  });
  it("replaces Host when trusted", () => {
    const trusted = { ...DEV, trustForwardedHost: true };
    expect(resolve("localhost:3000", trusted, "acme.localhost:3000")).toEqual({ kind: "tenant", slug: "acme" });
    expect(resolve("localhost:3000", trusted, "evil.localhost:3000, acme.localhost:3000")).toEqual({
      kind: "tenant",
      slug: "acme",
    });
    expect(resolve("acme.localhost:3000", trusted, "")).toEqual({ kind: "tenant", slug: "acme" });
    expect(resolve("acme.localhost:3000", trusted, null)).toEqual({ kind: "tenant", slug: "acme" });
    expect(resolve("acme.localhost:3000", trusted, "garbage host")).toEqual({ kind: "unknown" });
  });
});

describe("origins are built from configuration", () => {
  it("root and tenant origins", () => {
    expect(rootOrigin(DEV)).toBe("http://localhost:3000");
    expect(rootOrigin(PROD)).toBe("https://app.example.com");
    expect(tenantOrigin("acme", DEV)).toBe("http://acme.localhost:3000");
    expect(tenantOrigin("acme", PROD)).toBe("https://acme.app.example.com");
    expect(tenantOrigin("Not A Slug", DEV)).toBeNull();
    expect(tenantOrigin("www", DEV)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const slugArb = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
  .filter((s) => isValidSlug(s));
const configArb = fc.constantFrom(...CONFIGS);

/** Random ASCII case for every letter. */
function randomCase(s: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(""));
}

/** Spellings of the same host: case, one trailing dot, explicit default port, surrounding spaces. */
function variantOf(host: string): fc.Arbitrary<string> {
  const c = canonicalHost(host);
  if (!c) return fc.constant(host);
  return fc
    .record({
      name: randomCase(c.hostname),
      dot: fc.boolean(),
      defaultPort: fc.constantFrom(null, 80, 443),
      pad: fc.constantFrom("", " ", "\t"),
    })
    .map(({ name, dot, defaultPort, pad }) => {
      const port = c.port ?? defaultPort;
      return `${pad}${name}${dot ? "." : ""}${port === null ? "" : `:${port}`}${pad}`;
    });
}

const interestingHost = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]:3000`),
  fc.tuple(slugArb, configArb).map(([slug, cfg]) => `${slug}.${cfg.rootDomain}`),
  fc.tuple(slugArb, slugArb, configArb).map(([a, b, cfg]) => `${a}.${b}.${cfg.rootDomain}`),
  configArb.map((cfg) => cfg.adminHost),
  configArb.map((cfg) => `www.${cfg.rootDomain}`),
  fc.tuple(fc.domain(), fc.integer({ min: -5, max: 70000 })).map(([d, p]) => `${d}:${p}`),
);

describe("properties", () => {
  it("never throws, always returns a known kind", () => {
    fc.assert(
      fc.property(
        fc.option(interestingHost, { nil: undefined }),
        fc.option(interestingHost, { nil: null }),
        configArb,
        (host, forwarded, cfg) => {
          const site = resolveHost(host, forwarded, cfg);
          expect(["root", "tenant", "admin", "custom-domain", "redirect", "unknown"]).toContain(site.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws for non-string or broken configuration either", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (h, f, r, a) => {
        const cfg = { rootDomain: r, adminHost: a, trustForwardedHost: true } as unknown as HostConfig;
        expect(() => resolveHost(h as string, f as string, cfg)).not.toThrow();
      }),
    );
  });

  it("case, trailing-dot, default-port and whitespace variants resolve identically", () => {
    fc.assert(
      fc.property(
        configArb.chain((cfg) => fc.tuple(fc.constant(cfg), interestingHost.chain((h) => fc.tuple(fc.constant(h), variantOf(h))))),
        ([cfg, [host, variant]]) => {
          expect(resolveHost(variant, null, cfg)).toEqual(resolveHost(host, null, cfg));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("every valid slug one label below the root is that tenant", () => {
    fc.assert(
      fc.property(slugArb, configArb, (slug, cfg) => {
        expect(resolveHost(`${slug}.${cfg.rootDomain}`, null, cfg)).toEqual({ kind: "tenant", slug });
      }),
    );
  });

  it("two or more labels below the root are unknown", () => {
    fc.assert(
      fc.property(slugArb, fc.array(slugArb, { minLength: 1, maxLength: 3 }), configArb, (slug, more, cfg) => {
        expect(resolveHost(`${[...more, slug].join(".")}.${cfg.rootDomain}`, null, cfg)).toEqual({ kind: "unknown" });
      }),
    );
  });

  it("a tenant result is always a valid, lowercase, reserved-free slug", () => {
    fc.assert(
      fc.property(interestingHost, fc.option(interestingHost, { nil: null }), configArb, (host, fwd, cfg) => {
        const site = resolveHost(host, fwd, cfg);
        if (site.kind === "tenant") {
          expect(isValidSlug(site.slug)).toBe(true);
          expect(site.slug).toBe(site.slug.toLowerCase());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a forwarded host is ignored unless trusted", () => {
    fc.assert(
      fc.property(interestingHost, interestingHost, fc.constantFrom(DEV, PROD), (host, forwarded, cfg) => {
        expect(resolveHost(host, forwarded, cfg)).toEqual(resolveHost(host, null, cfg));
      }),
      { numRuns: 1000 },
    );
  });

  it("a trusted forwarded host wins over Host", () => {
    fc.assert(
      fc.property(interestingHost, slugArb, fc.constantFrom(DEV, PROD), (host, slug, base) => {
        const cfg = { ...base, trustForwardedHost: true };
        expect(resolveHost(host, `${slug}.${cfg.rootDomain}`, cfg)).toEqual({ kind: "tenant", slug });
        expect(resolveHost(host, cfg.adminHost, cfg)).toEqual({ kind: "admin" });
      }),
    );
  });

  it("the admin host (any spelling) is the admin site, never a tenant", () => {
    fc.assert(
      fc.property(
        configArb.chain((cfg) => fc.tuple(fc.constant(cfg), variantOf(cfg.adminHost))),
        ([cfg, spelling]) => {
          expect(resolveHost(spelling, null, cfg)).toEqual({ kind: "admin" });
        },
      ),
    );
    fc.assert(
      fc.property(interestingHost, configArb, (host, cfg) => {
        const site = resolveHost(host, null, cfg);
        if (site.kind === "tenant") expect(`${site.slug}.${canonicalHost(cfg.rootDomain)?.host}`).not.toBe(cfg.adminHost);
      }),
    );
  });

  it("www redirects to the configured root whatever the request looked like", () => {
    fc.assert(
      fc.property(
        configArb.chain((cfg) => fc.tuple(fc.constant(cfg), variantOf(`www.${cfg.rootDomain}`))),
        ([cfg, spelling]) => {
          expect(resolveHost(spelling, null, cfg)).toEqual({ kind: "redirect", to: rootOrigin(cfg) });
        },
      ),
    );
  });

  it("a wrong port under a dev root is unknown", () => {
    fc.assert(
      fc.property(fc.option(slugArb, { nil: null }), fc.integer({ min: 1, max: 65535 }), (slug, port) => {
        fc.pre(port !== 3000);
        const host = `${slug ? `${slug}.` : ""}localhost:${port}`;
        expect(resolveHost(host, null, DEV)).toEqual({ kind: "unknown" });
      }),
    );
  });

  it("custom-domain results are canonical and stable", () => {
    fc.assert(
      fc.property(interestingHost, configArb, (host, cfg) => {
        const site = resolveHost(host, null, cfg);
        if (site.kind === "custom-domain") {
          expect(canonicalHost(site.host)?.host).toBe(site.host);
          expect(resolveHost(site.host, null, cfg)).toEqual(site);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("non-ASCII input is never resolved to a site", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: "grapheme", minLength: 1 }), configArb, (a, b, cfg) => {
        fc.pre(/[^\x00-\x7f]/.test(b));
        expect(resolveHost(`${a}${b}.${cfg.rootDomain}`, null, cfg)).toEqual({ kind: "unknown" });
      }),
    );
  });

  it("non-ASCII characters that case-fold to ASCII are rejected, not folded", () => {
    // U+212A KELVIN SIGN lowercases to "k", U+017F LONG S uppercases to "S".
    fc.assert(
      fc.property(slugArb, fc.nat(), fc.constantFrom("\u212A", "\u017F"), configArb, (slug, at, ch, cfg) => {
        const i = at % (slug.length + 1);
        const host = `${slug.slice(0, i)}${ch}${slug.slice(i)}.${cfg.rootDomain}`;
        expect(resolveHost(host, null, cfg)).toEqual({ kind: "unknown" });
      }),
    );
  });
});
