// Email verification and password reset: single-use tokens mailed to the user (user_token,
// only the SHA-256 stored). Verification: 24 h. Reset: 1 h; setting the new password bumps
// sessionVersion, which ends every existing session of the user.
import { crossTenant } from "@/lib/db/cross-tenant";
import { basePrisma } from "@/lib/db/client";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";
import { sendEmail } from "@/lib/email";
import { hashPassword, passwordProblem } from "./password";
import { forgetSessionVersion } from "./session-version";
import { hashToken, isTokenShape, newToken } from "./tokens";

export const VERIFY_TTL_MS = 24 * 60 * 60_000;
export const RESET_TTL_MS = 60 * 60_000;

const system = { kind: "system", label: "auth" } as const;

function link(path: string, token: string): string {
  const url = new URL(path, rootOrigin(getHostConfig()) ?? "http://localhost:3000");
  url.searchParams.set("token", token);
  return url.toString();
}

/** Mails a verification link to the user's address; false (nothing sent) if already verified. */
export async function sendVerificationEmail(userId: string, client = basePrisma): Promise<boolean> {
  const { token, hash } = newToken();
  const email = await crossTenant({ actor: system, action: "auth.verify-email.issue", reason: "email verification link" }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
    if (!user || user.emailVerified) return null;
    await tx.userToken.create({ data: { userId, purpose: "VERIFY_EMAIL", tokenHash: hash, expiresAt: new Date(Date.now() + VERIFY_TTL_MS) } });
    return user.email;
  }, client);
  if (email) await sendEmail({ to: email, template: "verify-email", props: { url: link("/verify-email", token) } });
  return email !== null;
}

/** Consumes a verification token; true when the address is now verified. */
export async function verifyEmail(token: string, client = basePrisma): Promise<boolean> {
  if (!isTokenShape(token)) return false;
  return crossTenant({ actor: system, action: "auth.verify-email.consume", reason: "email verification link used" }, async (tx) => {
    const row = await consume(tx, token, "VERIFY_EMAIL");
    if (!row) return false;
    await tx.user.update({ where: { id: row.userId }, data: { emailVerified: new Date() } });
    return true;
  }, client);
}

/** Mails a reset link if the address has an account; says nothing either way (A7). */
export async function requestPasswordReset(emailRaw: string, client = basePrisma): Promise<void> {
  const email = emailRaw.trim().toLowerCase();
  const { token, hash } = newToken();
  const found = await crossTenant({ actor: system, action: "auth.password-reset.request", reason: "password reset requested" }, async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) return false;
    await tx.userToken.create({ data: { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: hash, expiresAt: new Date(Date.now() + RESET_TTL_MS) } });
    return true;
  }, client);
  if (found) await sendEmail({ to: email, template: "password-reset", props: { url: link("/reset-password", token) } });
}

export type ResetResult = { ok: true } | { ok: false; message: string };

/** True while a reset link can still be used (the page asks before showing its form). */
export async function isResetLinkUsable(token: unknown, client = basePrisma): Promise<boolean> {
  if (!isTokenShape(token)) return false;
  return crossTenant({ actor: system, action: "auth.password-reset.check", reason: "password reset link opened" }, async (tx) => {
    const row = await tx.userToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { purpose: true, usedAt: true, expiresAt: true } });
    return row !== null && row.purpose === "PASSWORD_RESET" && row.usedAt === null && row.expiresAt > new Date();
  }, client);
}

/** Sets a new password with a reset token (single use, 1 h) and ends every session. */
export async function resetPassword(token: string, password: string, client = basePrisma): Promise<ResetResult> {
  const problem = passwordProblem(password);
  if (problem) return { ok: false, message: problem };
  if (!isTokenShape(token)) return { ok: false, message: "This reset link is invalid or has expired. Ask for a new one." };
  const passwordHash = await hashPassword(password);
  const userId = await crossTenant({ actor: system, action: "auth.password-reset.consume", reason: "password reset link used" }, async (tx) => {
    const row = await consume(tx, token, "PASSWORD_RESET");
    if (!row) return null;
    await tx.user.update({
      where: { id: row.userId },
      // A mailed link proves the address too; the lock is lifted.
      data: { passwordHash, sessionVersion: { increment: 1 }, failedSignInCount: 0, lockedUntil: null, emailVerified: new Date() },
    });
    // Other outstanding reset links die with this one.
    await tx.userToken.updateMany({ where: { userId: row.userId, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    return row.userId;
  }, client);
  if (!userId) return { ok: false, message: "This reset link is invalid or has expired. Ask for a new one." };
  forgetSessionVersion(userId);
  return { ok: true };
}

type Tx = Parameters<Parameters<typeof crossTenant>[1]>[0];

async function consume(tx: Tx, token: string, purpose: "VERIFY_EMAIL" | "PASSWORD_RESET") {
  const now = new Date();
  const row = await tx.userToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, purpose: true } });
  if (!row || row.purpose !== purpose) return null;
  const used = await tx.userToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return used.count === 1 ? row : null;
}
