// Host → internal route tree. Parses the host with lib/hosts (pure) and REWRITES every page
// path: the browser keeps its URL, the app renders app/sites/<kind>/… . It decides nothing
// about access: pages take the slug from their route param and re-validate it, and every
// page, action and route handler authorises on the server (threat model N1/N2).
//
// It also sets the security headers of every page response (CSP with a per-request nonce, see
// lib/security/headers.ts) and refuses state-changing requests (server actions) whose Origin
// is missing or is not the request's own host (threat N4, lib/security/origin.ts).
//
// File name: Next.js 16 renamed `middleware.ts` to `proxy.ts` and prints a deprecation
// warning for the old name. We keep `middleware.ts` on purpose: the product owner asked for
// the conventional name, and Next 16 still runs it unchanged. Renaming later is mechanical
// (`mv middleware.ts proxy.ts` and rename the export to `proxy`).
import { type NextRequest, NextResponse } from "next/server";
import { getHostConfig } from "@/lib/config/hosts";
import { resolveHost, type Site } from "@/lib/hosts";
import { checkActionBody } from "@/lib/security/action-body";
import { checkSameOrigin, needsOriginCheck } from "@/lib/security/origin";
import { createNonce, HSTS, hstsEnabled, pageCsp, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { databaseGate, unavailableHtml, unavailableJson } from "@/lib/db/availability";
import { ORIGINAL_PATH_HEADER } from "@/lib/tenants/original-path";
import { findTenantByDomain } from "@/lib/tenants/lookup";

/** Where a site's pages live in app/. Everything the client asks for is prefixed, including
 *  `/sites/...`, so the internal tree cannot be reached directly (it becomes a 404). */
function internalPath(site: Site, pathname: string): string {
  const rest = pathname === "/" ? "" : pathname;
  switch (site.kind) {
    case "root":
      return `/sites/root${rest}`;
    case "tenant":
      return `/sites/tenant/${site.slug}${rest}`;
    case "admin":
      return `/sites/admin${rest}`;
    case "custom-domain":
      return `/sites/domain/${site.host}${rest}`;
    case "redirect":
      // A route handler answers 308 to the root built from configuration (see its comment for
      // why the redirect is not made here).
      return `/sites/www${rest}`;
    case "unknown":
      return "/sites/unknown";
  }
}

/** Request headers the app must never receive from a client (N1, N2). */
function isStrippedHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("x-tenant-") || n === "x-middleware-subrequest" || n === ORIGINAL_PATH_HEADER;
}

/** The security headers of one response (the static ones repeat next.config.js headers()). */
function withSecurityHeaders(response: NextResponse, csp: string, hsts: boolean): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of STATIC_SECURITY_HEADERS) response.headers.set(name, value);
  if (hsts) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

// A database outage or an exhausted pool: a clear 503 before any page renders (Next.js would
// render the failure as a 500). Free while the database answers; see lib/db/availability.ts.
export function middleware(request: NextRequest) {
  // /api/auth/* is matched for this check only (Auth.js's catch-all route answers 500 for a
  // path it cannot decode); everything else under /api/ passes through untouched.
  if (request.nextUrl.pathname.startsWith("/api/")) return decodablePath(request.nextUrl.pathname) ? NextResponse.next() : badEncoding();
  // A same-origin server action whose text body Next.js could not decode: 400 here, not a 500
  // there. (Cross-origin ones get route()'s 403 whatever their body.)
  if (request.method === "POST" && request.headers.has("next-action") && checkSameOrigin(request.headers, getHostConfig()).ok) {
    return readableActionBody(request).then((ok) => (ok ? gated(request) : badActionBody()));
  }
  return gated(request);
}

/** Multipart (FormData arguments): it must parse as a form; text: lib/security/action-body.ts. */
async function readableActionBody(request: NextRequest): Promise<boolean> {
  const type = request.headers.get("content-type");
  if ((type ?? "").trim().toLowerCase().startsWith("multipart/form-data")) {
    return request
      .clone()
      .formData()
      .then(
        () => true,
        () => false,
      );
  }
  return checkActionBody(type, await request.clone().text()).ok;
}

function badActionBody(): NextResponse {
  const hsts = hstsEnabled({ production: process.env.NODE_ENV === "production", rootDomain: getHostConfig().rootDomain });
  const bad = NextResponse.json({ error: "This request could not be read. Reload the page and try again." }, { status: 400, headers: { "cache-control": "no-store" } });
  return withSecurityHeaders(bad, "default-src 'none'; frame-ancestors 'none'", hsts);
}

function gated(request: NextRequest): NextResponse | Promise<NextResponse> {
  const gate = databaseGate();
  if (gate === true) return route(request);
  return gate.then((open) => {
    if (open) return route(request);
    const hsts = hstsEnabled({ production: process.env.NODE_ENV === "production", rootDomain: getHostConfig().rootDomain });
    const wantsJson = (request.headers.get("accept") ?? "").includes("application/json") || request.headers.has("next-action");
    const unavailable = wantsJson ? unavailableJson() : unavailableHtml();
    return withSecurityHeaders(new NextResponse(unavailable.body, unavailable), "default-src 'none'; frame-ancestors 'none'", hsts);
  });
}

/** False for a path with a broken percent-encoding (`/customers/%F0%`): Next.js would fail
 *  decoding the route param and answer 500 (found by e2e/fuzz.spec.ts). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badEncoding(): NextResponse {
  const hsts = hstsEnabled({ production: process.env.NODE_ENV === "production", rootDomain: getHostConfig().rootDomain });
  const bad = new NextResponse("Bad request: the address is not valid URL encoding.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
  return withSecurityHeaders(bad, "default-src 'none'; frame-ancestors 'none'", hsts);
}

function route(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) return badEncoding();
  const config = getHostConfig();
  const production = process.env.NODE_ENV === "production";
  const hsts = hstsEnabled({ production, rootDomain: config.rootDomain });

  // N4: a server action (or any other POST/PUT/…) to a page only from the page's own origin.
  if (needsOriginCheck(request.method, request.headers)) {
    const verdict = checkSameOrigin(request.headers, config);
    if (!verdict.ok) {
      const refused = new NextResponse("Forbidden: this request must come from this site's own pages.\n", {
        status: 403,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
      return withSecurityHeaders(refused, "default-src 'none'; frame-ancestors 'none'", hsts);
    }
  }

  const site = resolveHost(request.headers.get("host"), request.headers.get("x-forwarded-host"), config);

  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!isStrippedHeader(name)) headers.append(name, value);
  });
  // Without a trusted proxy, X-Forwarded-Host is whatever the client sent. Next.js (server
  // action redirects) and Auth.js's server-side helpers build URLs from it, so it is replaced
  // by the Host header the request was resolved with (N3).
  const host = request.headers.get("host");
  if (!config.trustForwardedHost && host) headers.set("x-forwarded-host", host);

  // CSP with a fresh nonce. Next.js reads the nonce from the REQUEST's Content-Security-Policy
  // header and puts it on its scripts; the page gets the same policy as a response header.
  // Any client-sent value of either header is replaced.
  const nonce = createNonce();
  const csp = pageCsp({
    nonce,
    development: !production,
    https: hsts,
    // The dev mail outbox shows e-mail HTML (inline style attributes) in a sandboxed iframe.
    inlineStyles: site.kind === "root" && /^\/dev\/mail(\/|$)/.test(request.nextUrl.pathname),
  });
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);

  // The workspace layout needs the path the browser asked for: a renamed workspace's old
  // subdomain answers 308 to it (lib/tenants/slug-redirect.ts), and sections it must refuse
  // with a real 403 (lib/workspace/section-guard.ts). Set here only; a client's value was
  // dropped above.
  if (site.kind === "tenant" || site.kind === "custom-domain") headers.set(ORIGINAL_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);

  const url = request.nextUrl.clone();
  const rewrite = (pathname: string) => {
    url.pathname = pathname;
    return withSecurityHeaders(NextResponse.rewrite(url, { request: { headers } }), csp, hsts);
  };
  if (site.kind === "unknown") url.search = "";
  if (site.kind === "custom-domain") return rewriteCustomDomain(site.host, request.nextUrl.pathname, rewrite);
  return rewrite(internalPath(site, request.nextUrl.pathname));
}

/**
 * A verified custom domain serves its workspace's tree (/sites/tenant/<slug>/…); any other
 * host outside the root is the friendly 404 (/sites/domain/<host>). This is routing only: the
 * pages resolve the tenant again from the Host header (requestTenant) and check access. The
 * lookup is the cached directory (key `domain:<host>`), so only this case is asynchronous; if
 * the database cannot answer, the 404 tree renders (and reports) instead of a crash here.
 */
async function rewriteCustomDomain(host: string, pathname: string, rewrite: (path: string) => NextResponse): Promise<NextResponse> {
  const rest = pathname === "/" ? "" : pathname;
  const tenant = await findTenantByDomain(host).catch(() => null);
  if (tenant && tenant.status !== "DELETED") return rewrite(`/sites/tenant/${tenant.slug}${rest}`);
  return rewrite(`/sites/domain/${host}${rest}`);
}

export const config = {
  // Node.js runtime (stable since Next 15.5): the host config is read from process.env at
  // request time, and the same code runs in the unit tests.
  runtime: "nodejs",
  // Not rewritten: Next's own assets (nothing under /_next/ can be an app route), the
  // favicons in public/, and /api/ (route handlers resolve the host themselves; /api/auth/* is
  // matched only to refuse undecodable paths, see middleware()).
  matcher: ["/((?!_next/|api/|favicon\\.ico$|favicon\\.svg$).*)", "/api/auth/:path*"],
};
