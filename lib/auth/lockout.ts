// Password sign-in with lockout (threat A7 and brute force): after LOCK_AFTER failures within
// LOCK_WINDOW the account is locked for LOCK_FOR. Unknown emails, wrong passwords and locked
// accounts all get the same answer (null) after the same amount of work, so the answer does
// not reveal whether an email has an account. Every failure and lockout is audited
// (platform_audit_event, written by crossTenant in the same transaction).
import { crossTenant } from "@/lib/db/cross-tenant";
import { basePrisma } from "@/lib/db/client";
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from "./password";

export const LOCK_AFTER = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;
export const LOCK_FOR_MS = 15 * 60_000;

export type SignedInUser = { id: string; email: string; name: string | null; sessionVersion: number };

const system = { kind: "system", label: "sign-in" } as const;

export async function checkPassword(emailRaw: string, password: string, client = basePrisma): Promise<SignedInUser | null> {
  const email = emailRaw.trim().toLowerCase();
  if (!email || !password || email.length > 254 || password.length > 200) return null;
  const user = await crossTenant(
    { actor: system, action: "auth.password.lookup", reason: "password sign-in looks up the account" },
    (tx) =>
      tx.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true, failedSignInCount: true, lockedUntil: true, updatedAt: true },
      }),
    client,
  );
  const now = Date.now();
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(password);
    await audit("auth.signin.failed", { reason: "unknown-or-no-password" }, null, client);
    return null;
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await burnPasswordCheck(password);
    await audit("auth.signin.locked", { userId: user.id }, user.id, client);
    return null;
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok) {
    await recordFailure(user.id, client);
    return null;
  }
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  await crossTenant(
    { actor: { kind: "user", userId: user.id, label: email }, action: "auth.signin.succeeded", reason: "password sign-in" },
    (tx) =>
      tx.user.update({
        where: { id: user.id },
        data: { failedSignInCount: 0, lockedUntil: null, ...(rehash ? { passwordHash: rehash } : {}) },
      }),
    client,
  );
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** Counts a failure atomically; locks the account on the LOCK_AFTER-th within the window. */
async function recordFailure(userId: string, client: typeof basePrisma) {
  await crossTenant(
    { actor: system, action: "auth.signin.failed", reason: "wrong password", data: { userId } },
    async (tx) => {
      // A failure older than the window starts a new count (the window runs from the last
      // failure, tracked through lockedUntil/updatedAt-free arithmetic in SQL, race-free).
      const rows = await tx.$queryRaw<Array<{ failed_sign_in_count: number; locked_until: Date | null }>>`
        UPDATE app_user SET
          failed_sign_in_count = CASE
            WHEN updated_at < now() - make_interval(secs => ${LOCK_WINDOW_MS / 1000}) THEN 1
            ELSE failed_sign_in_count + 1 END,
          updated_at = now()
        WHERE id = ${userId}::uuid
        RETURNING failed_sign_in_count, locked_until`;
      const count = rows[0]?.failed_sign_in_count ?? 0;
      if (count >= LOCK_AFTER) {
        await tx.$executeRaw`UPDATE app_user SET failed_sign_in_count = 0,
          locked_until = now() + make_interval(secs => ${LOCK_FOR_MS / 1000}) WHERE id = ${userId}::uuid`;
        await tx.platformAuditEvent.create({
          data: { actorLabel: "sign-in", action: "auth.account.locked", reason: `${LOCK_AFTER} failed password attempts`, data: { userId } },
        });
      }
    },
    client,
  );
}

async function audit(action: string, data: Record<string, unknown>, userId: string | null, client: typeof basePrisma) {
  await crossTenant({ actor: system, action, reason: "password sign-in refused", data: { ...data, userId } }, async () => undefined, client);
}
