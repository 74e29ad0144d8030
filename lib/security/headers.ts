// Security response headers (issue 9, "Security headers"). Pure: the caller passes the
// environment in. Two layers set them:
//   - middleware.ts, on every page response it handles (rewrites, 404s, redirects, its own
//     403s): the per-request nonce CSP, HSTS decided at request time, and the static headers;
//   - next.config.js headers(), for what the middleware matcher skips (/api/*, /_next/*,
//     favicons): the static headers, HSTS, and a strict static CSP for the JSON API.
// next.config.js cannot import TypeScript, so it repeats STATIC_SECURITY_HEADERS and
// API_CSP; test/unit/security-headers.test.ts keeps the two copies identical.
import { canonicalHost, schemeFor } from "@/lib/hosts";

/** Headers that are the same on every response. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  // Pages that must not leak their URL (invitation links) set no-referrer themselves with a
  // <meta name="referrer">, which wins over this header in the browser.
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
];

/** CSP for route handlers (JSON, redirects): nothing may load, nobody may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const HSTS = "max-age=63072000; includeSubDomains";

/** HSTS only in production and only when the configured root is served over https (never on
 *  http://localhost: the browser would pin the whole localhost to https). */
export function hstsEnabled(env: { production: boolean; rootDomain: string }): boolean {
  const root = canonicalHost(env.rootDomain);
  return env.production && root !== null && schemeFor(root) === "https";
}

/** A fresh CSP nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

export type PageCspOptions = {
  nonce: string;
  /** `next dev`: React needs eval for its debugging stacks, HMR needs a websocket. */
  development: boolean;
  /** Add `upgrade-insecure-requests` (https root). */
  https: boolean;
  /** Pages that show third-party HTML with inline styles (the dev mail outbox renders e-mails
   *  in a sandboxed srcdoc iframe, which inherits this policy). */
  inlineStyles?: boolean;
};

/**
 * The page CSP. Scripts: only those carrying this request's nonce (Next.js reads the nonce
 * from the request's Content-Security-Policy header and puts it on its own scripts), and,
 * through 'strict-dynamic', the chunks those scripts load. No 'unsafe-inline' for scripts,
 * no host allow-list ('strict-dynamic' ignores it anyway).
 * Styles: 'self' (the compiled Tailwind stylesheet, next/font) and the nonce (inline <style>
 * Next.js emits); 'unsafe-inline' only where inlineStyles is asked for, because a nonce
 * cannot cover style attributes.
 */
export function pageCsp({ nonce, development, https, inlineStyles = false }: PageCspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    // Form POSTs go to our own origin only (server actions). Stripe Checkout and the portal
    // are reached by a client-side navigation after the action answers, not by a form target.
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The nonce in a CSP value, or null. */
export function nonceOf(csp: string | null | undefined): string | null {
  const match = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp ?? "");
  return match?.[1] ?? null;
}
