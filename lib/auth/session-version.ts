// Is a session's sessionVersion still the user's current one? Bumping app_user.session_version
// (password reset, lockout, "sign out everywhere") ends every session of that user. Checked on
// every session read, cached for a few seconds per user so a page costs no extra query.
import { LRUCache } from "lru-cache";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";

const CACHE_MS = 5_000;
const cache = new LRUCache<string, { version: number } | "missing">({ max: 10_000, ttl: CACHE_MS });

export async function currentSessionVersion(userId: string, client = basePrisma): Promise<number | null> {
  const hit = cache.get(userId);
  if (hit !== undefined) return hit === "missing" ? null : hit.version;
  const user = await crossTenant(
    { actor: { kind: "system", label: "session" }, action: "auth.session.check", reason: "session version check (cached 5 s)" },
    (tx) => tx.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }),
    client,
  );
  cache.set(userId, user ? { version: user.sessionVersion } : "missing");
  return user ? user.sessionVersion : null;
}

/** Forget the cached version now (this instance; others within CACHE_MS). */
export function forgetSessionVersion(userId: string): void {
  cache.delete(userId);
}

/** Is a session with version `sv` of this user still valid (the jwt callback's check)? */
export async function sessionIsCurrent(userId: string, sv: unknown, client = basePrisma): Promise<boolean> {
  const version = await currentSessionVersion(userId, client);
  return version !== null && version === sv;
}

/** New sessions (any provider) are refused for an account locked by the platform. */
export async function signInAllowed(userId: string, client = basePrisma): Promise<boolean> {
  const user = await crossTenant(
    { actor: { kind: "system", label: "session" }, action: "auth.session.lock_check", reason: "refuse sessions of locked accounts" },
    (tx) => tx.user.findUnique({ where: { id: userId }, select: { lockedUntil: true } }),
    client,
  );
  return !!user && !(user.lockedUntil && user.lockedUntil.getTime() > Date.now() + 366 * 86_400_000);
}
