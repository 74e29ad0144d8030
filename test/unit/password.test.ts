import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password!")).not.toBe(await hashPassword("same password!"));
  });

  it("refuses malformed or missing hashes without throwing", async () => {
    for (const bad of [null, undefined, "", "scrypt$15$8$1$x$y", "bcrypt$...", "scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"]) {
      expect(await verifyPassword("whatever-password", bad)).toBe(false);
    }
  });

  it("reads hashes made with older (weaker) parameters and flags them for upgrade", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync("old password 1", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const old = `scrypt$14$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("old password 1", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it("explains a too-short password", () => {
    expect(passwordProblem("short")).toMatch(/at least 10 characters/);
    expect(passwordProblem("long enough!")).toBeNull();
  });
});
