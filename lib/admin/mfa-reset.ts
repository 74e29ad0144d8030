// Reset of a platform admin's second factor (docs/admin.md "Lost second factor"): clears the
// TOTP secret, its enrollment and last step, deletes the recovery codes and bumps
// sessionVersion (every session of that user ends at its next read). At the next sign-in on the
// admin host the admin enrolls again. Two callers:
//   - `npm run admin:reset-mfa -- <email>` on the server (scripts/admin-reset-mfa.ts), for a
//     founder who lost the authenticator AND the recovery codes: actor "cli (<os user>)";
//   - the console, for ANOTHER founder, after the acting founder enters a fresh TOTP code.
// Only platform admins are reset: anyone else has no second factor to lose here.
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import { verifySecondFactor } from "./mfa";

type Client = typeof basePrisma;
type Founder = Extract<PlatformActor, { kind: "user" }>;

export type MfaResetResult =
  | { ok: true; userId: string; email: string; hadTotp: boolean; recoveryCodesDeleted: number; sessionVersion: number }
  | { ok: false; error: string };

class Refused extends Error {}

/** The core: one audited platform transaction (action `admin.mfa.reset`). */
export async function resetSecondFactor(
  target: { email: string } | { userId: string },
  actor: PlatformActor,
  reason: string,
  client: Client = basePrisma,
): Promise<MfaResetResult> {
  const where = "email" in target ? { email: target.email.trim().toLowerCase() } : { id: target.userId };
  if ("email" in target && !where.email) return { ok: false, error: "Give the admin's email address." };
  if ("userId" in target && !/^[0-9a-f-]{36}$/i.test(target.userId)) return { ok: false, error: "Invalid user." };
  try {
    const result = await crossTenant(
      { actor, action: "admin.mfa.reset", reason, data: { target: "email" in where ? where.email : where.id } },
      async (tx) => {
        const user = await tx.user.findUnique({ where: where as { email: string }, select: { id: true, email: true, isPlatformAdmin: true, totpEnabledAt: true } });
        if (!user || !user.isPlatformAdmin) throw new Refused("Not a platform admin: only platform admins have a second factor to reset.");
        const codes = await tx.adminRecoveryCode.deleteMany({ where: { userId: user.id } });
        const updated = await tx.user.update({
          where: { id: user.id },
          data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
          select: { sessionVersion: true },
        });
        // Who was reset, on the same platform event trail (subject: the user, not a tenant).
        await tx.platformAuditEvent.create({
          data: {
            actorId: actor.kind === "user" ? actor.userId : null,
            actorLabel: actor.label,
            action: "admin.mfa.reset.done",
            reason,
            data: { userId: user.id, email: user.email, hadTotp: !!user.totpEnabledAt, recoveryCodesDeleted: codes.count },
          },
        });
        return { userId: user.id, email: user.email, hadTotp: !!user.totpEnabledAt, recoveryCodesDeleted: codes.count, sessionVersion: updated.sessionVersion };
      },
      client,
    );
    forget(result.userId);
    return { ok: true, ...result };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}

function forget(userId: string) {
  void import("@/lib/auth/session-version")
    .then(({ forgetSessionVersion }) => forgetSessionVersion(userId))
    .catch(() => {
      // best effort: the version cache lives 5 s (and a CLI process has none)
    });
}

/**
 * Console: a founder resets ANOTHER founder's factor, proving their own presence with a fresh
 * TOTP code (6 digits; a recovery code is not accepted here, so none is spent by a typo).
 */
export async function resetOtherFoundersFactor(actor: Founder, targetUserId: string, ownCode: string, reason: string, now = Date.now(), client: Client = basePrisma): Promise<MfaResetResult> {
  if (targetUserId === actor.userId) return { ok: false, error: "You cannot reset your own second factor here (use your recovery codes, or `npm run admin:reset-mfa` on the server)." };
  const because = reason.trim().slice(0, 500);
  if (because.length < 5) return { ok: false, error: "Say why (at least 5 characters): it is recorded in the audit log." };
  if (!/^\d{6}$/.test(ownCode.trim())) return { ok: false, error: "Enter the current 6-digit code from YOUR authenticator app." };
  const how = await verifySecondFactor(actor.userId, ownCode.trim(), now, client);
  if (how !== "totp") return { ok: false, error: "That code did not work. Enter the current code from your authenticator app." };
  return resetSecondFactor({ userId: targetUserId }, actor, because, client);
}
