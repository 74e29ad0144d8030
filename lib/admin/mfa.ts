// Platform admins and their second factor (docs/admin.md). Database work only; the server
// actions in ./actions.ts call these after the guard / the password check. Every write runs
// through crossTenant (identity tables are platform tables) and is therefore audited.
import { createHash, randomBytes } from "node:crypto";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { founderEmails } from "@/lib/config/admin";
import { openSecret, sealSecret } from "./secret-box";
import { generateTotpSecret, verifyTotp } from "./totp";

type Client = typeof basePrisma;
export const RECOVERY_CODE_COUNT = 10;

const hashCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
export const normalizeRecoveryCode = (code: string) => code.replace(/[^a-z0-9]/gi, "").toLowerCase();

/** A recovery code: 10 random base32-ish characters shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const raw = randomBytes(10).toString("base64url").replace(/[^a-z0-9]/gi, "").toLowerCase().padEnd(10, "x").slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/**
 * At admin sign-in: a user whose VERIFIED email is in FOUNDER_EMAILS becomes a platform admin
 * (once; audited as admin.bootstrap). Returns whether the user is a platform admin now.
 */
export async function bootstrapPlatformAdmin(userId: string, client: Client = basePrisma, founders = founderEmails()): Promise<boolean> {
  const user = await crossTenant(
    { actor: { kind: "system", label: "admin-sign-in" }, action: "admin.signin.lookup", reason: "admin sign-in checks platform admin status" },
    (tx) => tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true, isPlatformAdmin: true } }),
    client,
  );
  if (!user) return false;
  if (user.isPlatformAdmin) return true;
  if (!user.emailVerified || !founders.has(user.email.toLowerCase())) return false;
  await crossTenant(
    {
      actor: { kind: "system", label: "FOUNDER_EMAILS" },
      action: "admin.bootstrap",
      reason: "verified email listed in FOUNDER_EMAILS: granted platform admin",
      data: { userId, email: user.email },
    },
    (tx) => tx.user.update({ where: { id: userId }, data: { isPlatformAdmin: true } }),
    client,
  );
  return true;
}

/**
 * The pending TOTP secret of an admin who has not enrolled yet (created on first call), to
 * show once for enrollment. Null when TOTP is already enabled: the secret is never shown again.
 */
export async function pendingTotpSecret(userId: string, client: Client = basePrisma): Promise<string | null> {
  return crossTenant(
    { actor: { kind: "user", userId, label: "founder" }, action: "admin.totp.pending", reason: "TOTP enrollment shows the pending secret" },
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { isPlatformAdmin: true, totpSecret: true, totpEnabledAt: true } });
      if (!user?.isPlatformAdmin || user.totpEnabledAt) return null;
      const existing = user.totpSecret ? openSecret(user.totpSecret) : null;
      if (existing) return existing;
      const secret = generateTotpSecret();
      await tx.user.update({ where: { id: userId }, data: { totpSecret: sealSecret(secret), totpLastStep: null } });
      return secret;
    },
    client,
  );
}

/** Confirms enrollment with a first code. Returns the 10 recovery codes (shown once) or null. */
export async function confirmTotpEnrollment(userId: string, code: string, now = Date.now(), client: Client = basePrisma): Promise<string[] | null> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return crossTenant(
    { actor: { kind: "user", userId, label: "founder" }, action: "admin.totp.enroll", reason: "founder enrolls a TOTP second factor" },
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { isPlatformAdmin: true, totpSecret: true, totpEnabledAt: true } });
      if (!user?.isPlatformAdmin || user.totpEnabledAt || !user.totpSecret) return null;
      const secret = openSecret(user.totpSecret);
      const step = secret ? verifyTotp(secret, code, now) : null;
      if (step === null) return null;
      const done = await tx.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpEnabledAt: new Date(now), totpLastStep: step } });
      if (done.count !== 1) return null;
      await tx.adminRecoveryCode.deleteMany({ where: { userId } });
      await tx.adminRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) });
      await tx.platformAuditEvent.create({
        data: { actorId: userId, actorLabel: "founder", action: "admin.totp.enrolled", reason: "TOTP enabled, 10 recovery codes issued" },
      });
      return codes;
    },
    client,
  );
}

/**
 * Verifies a TOTP code (each 30-second code once: the step must be newer than the last one
 * accepted, decided by a conditional UPDATE) or, failing that, a single-use recovery code.
 */
export async function verifySecondFactor(
  userId: string,
  input: string,
  now = Date.now(),
  client: Client = basePrisma,
): Promise<"totp" | "recovery-code" | null> {
  const result = await crossTenant(
    { actor: { kind: "user", userId, label: "founder" }, action: "admin.mfa.attempt", reason: "founder verifies the second factor" },
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { isPlatformAdmin: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
      if (!user?.isPlatformAdmin || !user.totpEnabledAt) return null;
      const secret = user.totpSecret ? openSecret(user.totpSecret) : null;
      const step = secret ? verifyTotp(secret, input, now, user.totpLastStep) : null;
      if (step !== null) {
        const won = await tx.user.updateMany({
          where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
          data: { totpLastStep: step },
        });
        return won.count === 1 ? ("totp" as const) : null;
      }
      if (normalizeRecoveryCode(input).length !== 10) return null;
      const used = await tx.adminRecoveryCode.updateMany({
        where: { userId, codeHash: hashCode(input), usedAt: null },
        data: { usedAt: new Date(now) },
      });
      return used.count === 1 ? ("recovery-code" as const) : null;
    },
    client,
  );
  await crossTenant(
    {
      actor: { kind: "user", userId, label: "founder" },
      action: result ? "admin.mfa.verified" : "admin.mfa.failed",
      reason: result ? `second factor verified (${result})` : "wrong or reused second-factor code",
    },
    async () => undefined,
    client,
  );
  return result;
}

/** Unused recovery codes left. */
export async function remainingRecoveryCodes(userId: string, client: Client = basePrisma): Promise<number> {
  return crossTenant(
    { actor: { kind: "user", userId, label: "founder" }, action: "admin.recovery-codes.count", reason: "console shows remaining recovery codes" },
    (tx) => tx.adminRecoveryCode.count({ where: { userId, usedAt: null } }),
    client,
  );
}
