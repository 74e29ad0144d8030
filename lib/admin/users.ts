// Founder console: users across workspaces (search, memberships) and account lock / unlock.
// A lock sets lockedUntil far in the future (ADMIN_LOCK_UNTIL) and bumps sessionVersion, so
// every existing session ends at its next read and password sign-in is refused; the jwt
// callback refuses new sessions of an admin-locked user by any provider (lib/auth/index.ts).
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = typeof basePrisma;
type Founder = Extract<PlatformActor, { kind: "user" }>;

/** An admin lock: far beyond any lockout (which lasts minutes). */
export const ADMIN_LOCK_UNTIL = new Date("9999-12-31T00:00:00Z");
export const isAdminLocked = (lockedUntil: Date | null | undefined) => !!lockedUntil && lockedUntil.getTime() >= ADMIN_LOCK_UNTIL.getTime();

export async function searchUsers(actor: PlatformActor, qRaw: string, client: Client = basePrisma) {
  const q = qRaw.trim().slice(0, 100);
  const where: Prisma.UserWhereInput = q
    ? { OR: [{ email: { contains: q.toLowerCase() } }, { name: { contains: q, mode: "insensitive" } }] }
    : {};
  return crossTenant(
    { actor, action: "admin.users.search", reason: "founder console user search", data: { q } },
    (tx) =>
      tx.user.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 50,
        select: {
          id: true,
          email: true,
          name: true,
          lockedUntil: true,
          isPlatformAdmin: true,
          createdAt: true,
          memberships: { select: { role: true, tenant: { select: { id: true, slug: true, name: true, status: true } } } },
        },
      }),
    client,
  );
}

/** Locks (or unlocks) an account, audited on the platform. Refuses to lock yourself. */
export async function setUserLock(actor: Founder, userId: string, lock: boolean, reason = "", client: Client = basePrisma) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return { ok: false as const, error: "Invalid user." };
  if (lock && userId === actor.userId) return { ok: false as const, error: "You cannot lock your own account." };
  const because = reason.trim().slice(0, 500) || (lock ? "account locked by the platform" : "account unlocked by the platform");
  const done = await crossTenant(
    { actor, action: lock ? "admin.user.lock" : "admin.user.unlock", reason: because, data: { userId } },
    async (tx) => {
      const updated = await tx.user.updateMany({
        where: { id: userId },
        data: lock
          ? { lockedUntil: ADMIN_LOCK_UNTIL, sessionVersion: { increment: 1 } }
          : { lockedUntil: null, failedSignInCount: 0 },
      });
      return updated.count === 1;
    },
    client,
  );
  if (!done) return { ok: false as const, error: "User not found." };
  try {
    const { forgetSessionVersion } = await import("@/lib/auth/session-version");
    forgetSessionVersion(userId);
  } catch {
    // best effort: the version cache lives 5 s
  }
  return { ok: true as const };
}
