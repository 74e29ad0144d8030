// The founder console's "second factor verified" flag lives in the admin session's JWT
// (`mfa`). It is set through Auth.js's session update, which a browser can also call with any
// payload (POST /api/auth/session): so the jwt callback sets the flag only when the update
// carries a proof that only the server can make — an HMAC over the user, the admin origin and
// a timestamp, keyed from AUTH_SECRET, valid for 60 seconds. The proof is created by the
// TOTP / recovery-code server actions after a code was accepted and never leaves the server.
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/config/auth";

const MAX_AGE_MS = 60_000;

function mac(userId: string, origin: string, issuedAt: number, secret: string): string {
  return createHmac("sha256", `mfa-proof:${secret}`).update(`${userId}\n${origin}\n${issuedAt}`).digest("base64url");
}

export type MfaProof = { mfaProof: { userId: string; origin: string; issuedAt: number; mac: string } };

export function createMfaProof(userId: string, origin: string, now = Date.now(), secret = authSecret()): MfaProof {
  return { mfaProof: { userId, origin, issuedAt: now, mac: mac(userId, origin, now, secret) } };
}

export function verifyMfaProof(data: unknown, userId: string, origin: string, now = Date.now(), secret = authSecret()): boolean {
  const proof = (data as Partial<MfaProof> | null | undefined)?.mfaProof;
  if (!proof || typeof proof !== "object") return false;
  const { issuedAt } = proof;
  if (proof.userId !== userId || proof.origin !== origin || typeof issuedAt !== "number" || typeof proof.mac !== "string") return false;
  if (issuedAt > now + 5_000 || now - issuedAt > MAX_AGE_MS) return false;
  const expected = Buffer.from(mac(userId, origin, issuedAt, secret));
  const given = Buffer.from(proof.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
