// Encrypts the founders' TOTP secrets at rest: AES-256-GCM with a key derived from AUTH_SECRET
// by HKDF-SHA256 (info "tenantry/admin-totp/v1"), so no extra variable is needed. A database
// dump alone does not reveal the secrets. Rotating AUTH_SECRET invalidates them: founders then
// sign in with a recovery code and enroll again (docs/admin.md).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/config/auth";

const INFO = "tenantry/admin-totp/v1";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));
}

export function sealSecret(plain: string, secret: string = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain text, or null when the box is malformed or was sealed with another key. */
export function openSecret(sealed: string, secret: string = authSecret()): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
