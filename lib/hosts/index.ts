// Host header → site. Pure: no I/O, no process.env, never throws.
//
// Every request is served by one Next.js app; which "site" it belongs to is decided only by
// the host the browser asked for:
//
//   localhost:3000              → root (marketing, sign-up)        APP_ROOT_DOMAIN
//   acme.localhost:3000         → tenant "acme"                    one DNS label below the root
//   admin.localhost:3000        → admin (founder console)          ADMIN_HOST
//   www.localhost:3000          → redirect to the bare root        built from config, not headers
//   crm.acme-corp.com           → custom domain (looked up later)  any other real hostname
//   anything else               → unknown                          a.b.localhost:3000, 127.0.0.1, garbage
//
// The result says WHICH site was asked for, nothing about access: pages re-validate the slug
// and check membership themselves.

export type HostConfig = {
  /** Canonical or raw root host, e.g. "localhost:3000" or "app.example.com". */
  rootDomain: string;
  /** Canonical or raw founder-console host, e.g. "admin.localhost:3000". */
  adminHost: string;
  /** Use X-Forwarded-Host instead of Host. Only behind a proxy that sets it. */
  trustForwardedHost: boolean;
};

export type Site =
  | { kind: "root" }
  | { kind: "tenant"; slug: string }
  | { kind: "admin" }
  | { kind: "custom-domain"; host: string }
  | { kind: "redirect"; to: string }
  | { kind: "unknown" };

/** Subdomains of the root that are never tenant workspaces. Shared by routing (a reserved
 *  subdomain is never served as a workspace) and signup (lib/tenants/subdomain-rules.ts). */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  // infrastructure and mail
  "www", "admin", "api", "app", "assets", "cdn", "static", "media", "files", "img", "images",
  "mail", "email", "smtp", "imap", "pop", "pop3", "mx", "ns", "ns1", "ns2", "ns3", "ns4", "dns",
  "ftp", "sftp", "ssh", "vpn", "proxy", "autoconfig", "autodiscover", "webmail", "wpad",
  // product surfaces
  "auth", "login", "logout", "signin", "sign-in", "signup", "sign-up", "register", "account",
  "accounts", "oauth", "sso", "id", "billing", "pay", "payments", "checkout", "invoice",
  "status", "docs", "help", "support", "blog", "news", "about", "pricing", "legal", "terms",
  "privacy", "security", "console", "dashboard", "internal", "system", "root", "owner",
  // environments
  "dev", "development", "staging", "stage", "test", "testing", "qa", "demo-admin", "sandbox",
  "preview", "beta", "alpha", "prod", "production", "localhost",
]);
// A DNS label: lowercase letters, digits and hyphens, 1–63 characters, no hyphen at either end.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_HOSTNAME = 253;

/** A syntactically valid workspace slug (a single DNS label that is not reserved). */
export function isValidSlug(slug: unknown): slug is string {
  return (
    typeof slug === "string" &&
    LABEL.test(slug) &&
    // Punycode labels would display as look-alike Unicode names in the address bar.
    !slug.startsWith("xn--") &&
    // "--" in positions 3–4 is reserved for IDNA-style prefixes (xn--, and future ones).
    slug.slice(2, 4) !== "--" &&
    !RESERVED_SLUGS.has(slug)
  );
}

export type CanonicalHost = {
  /** Lowercase, no trailing dot, e.g. "acme.localhost". */
  hostname: string;
  /** Explicit non-default port, or null (none, :80 or :443). */
  port: number | null;
  /** hostname[:port] — the form compared and returned everywhere. */
  host: string;
};

/**
 * Canonicalises a Host header value: ASCII only, case-folded, one trailing dot removed,
 * :80/:443 dropped, every label a valid DNS label. Returns null for anything else
 * (IP-literal brackets, userinfo, paths, spaces, empty labels, overlong names, bad ports).
 */
export function canonicalHost(raw: unknown): CanonicalHost | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_HOSTNAME + 7) return null;
  // Printable ASCII only, checked BEFORE case folding: toLowerCase() maps some non-ASCII
  // characters (e.g. the Kelvin sign) onto ASCII letters.
  if (!/^[\x21-\x7e]+$/.test(value)) return null;

  const match = /^([a-z0-9.-]+?)(?::([0-9]{1,5}))?$/.exec(value.toLowerCase());
  if (!match) return null;
  let hostname = match[1] ?? "";
  const portText = match[2];

  if (hostname.endsWith(".")) hostname = hostname.slice(0, -1);
  if (hostname.length === 0 || hostname.length > MAX_HOSTNAME) return null;
  if (!hostname.split(".").every((label) => LABEL.test(label))) return null;

  let port: number | null = null;
  if (portText !== undefined) {
    // No leading zeros: one spelling per port.
    if (portText.length > 1 && portText.startsWith("0")) return null;
    const n = Number(portText);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return null;
    port = n === 80 || n === 443 ? null : n;
  }
  return { hostname, port, host: port === null ? hostname : `${hostname}:${port}` };
}

/** The host to resolve: X-Forwarded-Host only when trusted and present, else Host. */
export function effectiveHost(
  hostHeader: string | null | undefined,
  forwardedHost: string | null | undefined,
  trustForwardedHost: boolean,
): string | null {
  if (trustForwardedHost && typeof forwardedHost === "string" && forwardedHost.trim() !== "") {
    // A proxy appends to an incoming list; the last entry is the one our proxy added.
    const parts = forwardedHost.split(",");
    return (parts[parts.length - 1] ?? "").trim();
  }
  return typeof hostHeader === "string" ? hostHeader : null;
}

/** http for localhost development roots, https for everything else. */
export function schemeFor(host: CanonicalHost): "http" | "https" {
  return host.hostname === "localhost" || host.hostname.endsWith(".localhost") ? "http" : "https";
}

/** Absolute origin of the root site, from configuration only (never from request headers). */
export function rootOrigin(config: Pick<HostConfig, "rootDomain">): string | null {
  const root = canonicalHost(config.rootDomain);
  return root ? `${schemeFor(root)}://${root.host}` : null;
}

/** Absolute origin of a tenant workspace, from configuration only. */
export function tenantOrigin(slug: string, config: Pick<HostConfig, "rootDomain">): string | null {
  const root = canonicalHost(config.rootDomain);
  if (!root || !isValidSlug(slug)) return null;
  return `${schemeFor(root)}://${slug}.${root.host}`;
}

/** Absolute origin of the founder console, from configuration only. */
export function adminOrigin(config: Pick<HostConfig, "adminHost">): string | null {
  const admin = canonicalHost(config.adminHost);
  return admin ? `${schemeFor(admin)}://${admin.host}` : null;
}

export function resolveHost(
  hostHeader: string | null | undefined,
  forwardedHost: string | null | undefined,
  config: HostConfig,
): Site {
  try {
    const host = canonicalHost(effectiveHost(hostHeader, forwardedHost, config.trustForwardedHost === true));
    const root = canonicalHost(config.rootDomain);
    const admin = canonicalHost(config.adminHost);
    if (!host || !root) return { kind: "unknown" };

    if (admin && host.host === admin.host) return { kind: "admin" };
    if (host.host === root.host) return { kind: "root" };

    const suffix = `.${root.hostname}`;
    if (host.hostname.endsWith(suffix)) {
      // Under the root domain: the port must be the root's port (dev roots carry one).
      if (host.port !== root.port) return { kind: "unknown" };
      const sub = host.hostname.slice(0, -suffix.length);
      if (sub === "www") return { kind: "redirect", to: rootOrigin(config) ?? "/" };
      // Exactly one label below the root; a.b.<root> is nobody.
      return isValidSlug(sub) ? { kind: "tenant", slug: sub } : { kind: "unknown" };
    }

    // Not under the root: a customer's own domain, if it looks like a public hostname.
    return isCustomDomainCandidate(host) ? { kind: "custom-domain", host: host.hostname } : { kind: "unknown" };
  } catch {
    return { kind: "unknown" };
  }
}

function isCustomDomainCandidate(host: CanonicalHost): boolean {
  if (host.port !== null) return false;
  const labels = host.hostname.split(".");
  const tld = labels[labels.length - 1] ?? "";
  return (
    labels.length >= 2 &&
    // Excludes IPv4 literals (numeric last label) and loopback names.
    /^[a-z][a-z0-9-]*$/.test(tld) &&
    tld !== "localhost"
  );
}
