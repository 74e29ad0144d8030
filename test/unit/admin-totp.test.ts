// TOTP (RFC 6238) on Node's crypto, checked against the RFC's own test vectors (Appendix B,
// SHA-1, seed "12345678901234567890"), plus base32, the ±1 step window and single use; and
// the secret box and the MFA proof that set the admin session's second-factor flag.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totp, totpStep, verifyTotp } from "@/lib/admin/totp";
import { openSecret, sealSecret } from "@/lib/admin/secret-box";
import { createMfaProof, verifyMfaProof } from "@/lib/auth/mfa-proof";

const SEED = Buffer.from("12345678901234567890", "ascii");
const SEED_B32 = base32Encode(SEED);

// [unix seconds, 8-digit TOTP] from RFC 6238 Appendix B (SHA-1 column).
const VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("RFC 6238 test vectors", () => {
  for (const [seconds, expected] of VECTORS) {
    it(`T=${seconds} → ${expected}`, () => {
      expect(hotp(SEED, totpStep(seconds * 1000), 8)).toBe(expected);
      // Six digits are the last six of the eight (same truncation, mod 10^6).
      expect(totp(SEED_B32, seconds * 1000)).toBe(expected.slice(2));
    });
  }
  it("RFC 4226 HOTP vectors (counter 0..2)", () => {
    expect([0, 1, 2].map((c) => hotp(SEED, c))).toEqual(["755224", "287082", "359152"]);
  });
});

describe("base32", () => {
  it("round-trips and matches RFC 4648", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw6ytboi======").toString()).toBe("foobar");
    expect(base32Decode(SEED_B32)).toEqual(SEED);
    expect(() => base32Decode("not base32!")).toThrow();
  });
  it("generates 160-bit secrets", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });
});

describe("verifyTotp", () => {
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  it("accepts the current code and ±1 step, not ±2", () => {
    expect(verifyTotp(SEED_B32, totp(SEED_B32, now), now)).toBe(step);
    expect(verifyTotp(SEED_B32, totp(SEED_B32, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(SEED_B32, totp(SEED_B32, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(SEED_B32, totp(SEED_B32, now - 60_000), now)).toBeNull();
    expect(verifyTotp(SEED_B32, totp(SEED_B32, now + 60_000), now)).toBeNull();
  });
  it("refuses a code whose step was already used, and malformed input", () => {
    const code = totp(SEED_B32, now);
    expect(verifyTotp(SEED_B32, code, now, step)).toBeNull();
    expect(verifyTotp(SEED_B32, code, now, step - 1)).toBe(step);
    expect(verifyTotp(SEED_B32, "12345", now)).toBeNull();
    expect(verifyTotp(SEED_B32, "abcdef", now)).toBeNull();
  });
  it("builds an otpauth URI", () => {
    const uri = new URL(otpauthUri(SEED_B32, "founder@tenantry.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(SEED_B32);
    expect(uri.searchParams.get("period")).toBe("30");
    expect(decodeURIComponent(uri.pathname)).toContain("Tenantry:founder@tenantry.test");
  });
});

describe("secret box", () => {
  const key = "k".repeat(40);
  it("seals and opens; another key or a tampered box gives null", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", key);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, key)).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "x".repeat(40))).toBeNull();
    const parts = sealed.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(openSecret(parts.join("."), key)).toBeNull();
    expect(openSecret("garbage", key)).toBeNull();
  });
});

describe("MFA proof", () => {
  const secret = "s".repeat(40);
  const origin = "http://admin.localhost:3000";
  it("is accepted for its user and origin within 60 s only", () => {
    const now = 1_700_000_000_000;
    const proof = createMfaProof("user-1", origin, now, secret);
    expect(verifyMfaProof(proof, "user-1", origin, now + 1_000, secret)).toBe(true);
    expect(verifyMfaProof(proof, "user-2", origin, now, secret)).toBe(false);
    expect(verifyMfaProof(proof, "user-1", "http://acme.localhost:3000", now, secret)).toBe(false);
    expect(verifyMfaProof(proof, "user-1", origin, now + 61_000, secret)).toBe(false);
    expect(verifyMfaProof(proof, "user-1", origin, now, "t".repeat(40))).toBe(false);
  });
  it("rejects client-made payloads", () => {
    expect(verifyMfaProof({ mfa: true }, "user-1", origin, Date.now(), secret)).toBe(false);
    expect(verifyMfaProof({ mfaProof: { userId: "user-1", origin, issuedAt: Date.now(), mac: "x" } }, "user-1", origin, Date.now(), secret)).toBe(false);
    expect(verifyMfaProof(null, "user-1", origin, Date.now(), secret)).toBe(false);
  });
});
