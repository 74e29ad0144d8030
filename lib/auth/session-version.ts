// Is a session's sessionVersion still the user's current one? Bumping app_user.session_version
// (password reset, lockout, "sign out everywhere") ends every session of that user. Checked on
// every session read, cached for a few seconds per user so a page costs no extra query.
import { LRUCache } from "lru-cache";
import { crossTenant } from "@/lib/db/cross-tenant";

const CACHE_MS = 5_000;
const cache = new LRUCache<string, { version: number } | "missing">({ max: 10_000, ttl: CACHE_MS });

export async function currentSessionVersion(userId: string): Promise<number | null> {
  const hit = cache.get(userId);
  if (hit !== undefined) return hit === "missing" ? null : hit.version;
  const user = await crossTenant(
    { actor: { kind: "system", label: "session" }, action: "auth.session.check", reason: "session version check (cached 5 s)" },
    (tx) => tx.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }),
  );
  cache.set(userId, user ? { version: user.sessionVersion } : "missing");
  return user ? user.sessionVersion : null;
}

/** Forget the cached version now (this instance; others within CACHE_MS). */
export function forgetSessionVersion(userId: string): void {
  cache.delete(userId);
}
