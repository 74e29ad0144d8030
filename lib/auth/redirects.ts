// Where a sign-in / sign-out / handoff may send the browser afterwards (threat A3: open
// redirects). Pure. Only two shapes are accepted:
//   - a same-host relative path: "/x?y" (not "//host", not "/\host", no control characters);
//   - an absolute URL whose origin is one of our configured origins (root, a valid workspace
//     subdomain, admin), exactly — never a prefix/suffix match.
// Anything else becomes the safe default.
import { type HostConfig, adminOrigin, canonicalHost, resolveHost, rootOrigin } from "@/lib/hosts";

/** A same-host path, or null. */
export function safeRelativePath(target: unknown): string | null {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return null;
  if (!target.startsWith("/")) return null;
  // "//evil.com" and "/\evil.com" are protocol-relative to browsers; control chars and
  // whitespace can be stripped by browsers into such a form.
  if (target.startsWith("//") || target.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\\s]/.test(target)) return null;
  try {
    const url = new URL(target, "http://x.invalid");
    if (url.origin !== "http://x.invalid") return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/**
 * A safe place to go: `target` when it is a relative path or an absolute URL on one of our
 * configured hosts, else `fallback`. Absolute results stay absolute; relative ones relative.
 */
export function safeRedirect(target: unknown, config: HostConfig, fallback = "/"): string {
  const relative = safeRelativePath(target);
  if (relative) return relative;
  if (typeof target !== "string" || target.length > 2000 || /[\u0000-\u0020\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return fallback;
  }
  if (url.username || url.password) return fallback;
  const host = canonicalHost(url.host);
  if (!host) return fallback;
  const site = resolveHost(host.host, null, { ...config, trustForwardedHost: false });
  let origin: string | null = null;
  if (site.kind === "root") origin = rootOrigin(config);
  else if (site.kind === "admin") origin = adminOrigin(config);
  else if (site.kind === "tenant") {
    const root = rootOrigin(config);
    origin = root ? root.replace("://", `://${site.slug}.`) : null;
  }
  if (!origin || url.origin !== origin) return fallback;
  return url.toString();
}
