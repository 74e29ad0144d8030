// Server actions and other state-changing requests to pages must come from the page's own
// origin (threat N4). Next.js compares Origin with Host itself, but lets a request WITHOUT an
// Origin through (with a warning), and every browser sends Origin on a POST, so the middleware
// refuses: a missing or opaque Origin, and one whose canonical host differs from the
// request's canonical host (another tenant, the admin console, the root, anything else).
// Pure: the caller passes the host configuration.
import { canonicalHost, effectiveHost, type HostConfig } from "@/lib/hosts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Does this request need the same-origin check? A server action (`next-action` header, any
 *  method) or any unsafe method. */
export function needsOriginCheck(method: string, headers: Headers): boolean {
  return headers.has("next-action") || !SAFE_METHODS.has(method.toUpperCase());
}

export type OriginVerdict = { ok: true } | { ok: false; reason: "no-origin" | "bad-origin" | "bad-host" | "cross-origin" };

/** Same canonical host on both sides (scheme-insensitive: TLS may end at a proxy). X-Forwarded-Host
 *  counts only when TRUST_FORWARDED_HOST is set, exactly as for routing. */
export function checkSameOrigin(headers: Headers, config: Pick<HostConfig, "trustForwardedHost">): OriginVerdict {
  const origin = headers.get("origin");
  if (origin === null || origin.trim() === "" || origin.trim() === "null") return { ok: false, reason: "no-origin" };
  let originHost: string;
  try {
    const url = new URL(origin.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "bad-origin" };
    originHost = url.host;
  } catch {
    return { ok: false, reason: "bad-origin" };
  }
  const fromOrigin = canonicalHost(originHost);
  if (!fromOrigin) return { ok: false, reason: "bad-origin" };
  const requestHost = canonicalHost(effectiveHost(headers.get("host"), headers.get("x-forwarded-host"), config.trustForwardedHost));
  if (!requestHost) return { ok: false, reason: "bad-host" };
  return fromOrigin.host === requestHost.host ? { ok: true } : { ok: false, reason: "cross-origin" };
}
