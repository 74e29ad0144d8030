// Password hashing with Node's scrypt (memory-hard, no dependency). Encoded with its
// parameters so they can be raised later (needsRehash) without invalidating stored hashes:
//   scrypt$<logN>$<r>$<p>$<salt base64url>$<hash base64url>
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const CURRENT = { logN: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const options = (logN: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** logN,
  r,
  p,
  // 128 * N * r bytes, plus headroom (Node's default maxmem is 32 MiB: exactly too small).
  maxmem: 256 * 2 ** logN * r + 1024 * 1024,
});

/** A human-readable problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_LENGTH, options(CURRENT.logN, CURRENT.r, CURRENT.p));
  return ["scrypt", CURRENT.logN, CURRENT.r, CURRENT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

type Parsed = { logN: number; r: number; p: number; salt: Buffer; key: Buffer };

function parse(encoded: string): Parsed | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 16 || key.length < 16) return null;
  return { logN, r, p, salt, key };
}

/** Constant-time check; false for a malformed hash (never throws for bad input). */
export async function verifyPassword(password: string, encoded: string | null | undefined): Promise<boolean> {
  const parsed = typeof encoded === "string" ? parse(encoded) : null;
  if (!parsed || password.length > PASSWORD_MAX_LENGTH) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, options(parsed.logN, parsed.r, parsed.p));
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than today's: re-hash after sign-in. */
export function needsRehash(encoded: string): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.logN < CURRENT.logN || parsed.r < CURRENT.r || parsed.p < CURRENT.p;
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, for unknown emails (no timing oracle, threat A7). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("tenantry-dummy-password");
  await verifyPassword(password, await dummy);
}
