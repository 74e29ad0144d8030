// Identity tokens and lockout against real PostgreSQL as the app role: handoff, email
// verification and password reset tokens are single use and expire; lockout after 5 failures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, appClient, closeProcessDatabase, createTestDatabase, useAsProcessDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "test" } as const;

// The modules under test use the process's base client, created lazily from APP_DATABASE_URL.
beforeAll(async () => {
  db = await createTestDatabase();
  useAsProcessDatabase(db);
  delete process.env.RESEND_API_KEY;
  app = appClient(db);
});

afterAll(async () => {
  await closeProcessDatabase();
  await app?.close();
  await db?.drop();
});

async function mod() {
  return {
    ...(await import("@/lib/tenants/create-workspace")),
    ...(await import("@/lib/auth/handoff")),
    ...(await import("@/lib/auth/lockout")),
    ...(await import("@/lib/auth/user-tokens")),
    ...(await import("@/lib/auth/password")),
    ...(await import("@/lib/db/cross-tenant")),
    ...(await import("@/lib/db/tenant")),
  };
}

async function lastLink(to: string, path: string): Promise<string> {
  const { crossTenant } = await mod();
  const message = await crossTenant({ actor: system, action: "test.read", reason: "outbox" }, (tx) =>
    tx.emailMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } }),
  );
  const match = new RegExp(`https?://[^\\s"'<>]*${path}\\?token=([A-Za-z0-9_-]{43})`).exec(message?.text ?? "");
  if (!match?.[1]) throw new Error(`no ${path} link mailed to ${to}: ${message?.text}`);
  return match[1];
}

describe("handoff tokens", () => {
  it("are single use, expire after 60 s, and only work for members of that workspace", async () => {
    const m = await mod();
    const a = await m.createWorkspace({ workspaceName: "Hand A", subdomain: "hand-a", email: "owner@hand-a.test", password: "a long password" });
    const b = await m.createWorkspace({ workspaceName: "Hand B", subdomain: "hand-b", email: "owner@hand-b.test", password: "a long password" });
    if (!a.ok || !b.ok) throw new Error("setup failed");

    const url = await m.issueHandoff(a.userId, "hand-a", "/deals?x=1");
    expect(url).toMatch(/^http:\/\/hand-a\.localhost:3000\/auth\/handoff\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(url!).searchParams.get("token")!;
    // Not redeemable on another workspace (its tenant sees no such token).
    expect(await m.redeemHandoff(token, b.tenantId)).toBeNull();
    const user = await m.redeemHandoff(token, a.tenantId);
    expect(user).toMatchObject({ id: a.userId, email: "owner@hand-a.test" });
    expect(await m.redeemHandoff(token, a.tenantId)).toBeNull(); // single use

    // Parallel redemption: exactly one wins.
    const again = new URL((await m.issueHandoff(a.userId, "hand-a"))!).searchParams.get("token")!;
    const results = await Promise.all(Array.from({ length: 8 }, () => m.redeemHandoff(again, a.tenantId)));
    expect(results.filter(Boolean)).toHaveLength(1);

    // Expired.
    const old = new URL((await m.issueHandoff(a.userId, "hand-a"))!).searchParams.get("token")!;
    await m.forTenant(a.tenantId).handoffToken.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await m.redeemHandoff(old, a.tenantId)).toBeNull();

    // Not a member of B: no ticket at all.
    expect(await m.issueHandoff(a.userId, "hand-b")).toBeNull();
    expect(await m.redeemHandoff("not-a-token", a.tenantId)).toBeNull();
  });
});

describe("email verification and password reset", () => {
  it("verification links work once", async () => {
    const m = await mod();
    const w = await m.createWorkspace({ workspaceName: "Verify", subdomain: "verify-co", email: "v@verify.test", password: "a long password" });
    if (!w.ok) throw new Error("setup");
    await m.sendVerificationEmail(w.userId);
    const token = await lastLink("v@verify.test", "/verify-email");
    expect(await m.verifyEmail(token)).toBe(true);
    expect(await m.verifyEmail(token)).toBe(false);
    const user = await m.crossTenant({ actor: system, action: "test.read", reason: "x" }, (tx) => tx.user.findUnique({ where: { id: w.userId } }));
    expect(user?.emailVerified).not.toBeNull();
  });

  it("reset links set a new password once, within an hour, and end existing sessions", async () => {
    const m = await mod();
    const w = await m.createWorkspace({ workspaceName: "Reset", subdomain: "reset-co", email: "r@reset.test", password: "old password 1" });
    if (!w.ok) throw new Error("setup");
    await m.requestPasswordReset("R@Reset.test");
    const token = await lastLink("r@reset.test", "/reset-password");
    expect(await m.isResetLinkUsable(token)).toBe(true);
    expect(await m.resetPassword(token, "short")).toMatchObject({ ok: false, message: expect.stringMatching(/10 characters/) });
    expect(await m.isResetLinkUsable(token)).toBe(true); // a refused password does not use it up
    expect(await m.resetPassword(token, "new password 2")).toEqual({ ok: true });
    expect(await m.isResetLinkUsable(token)).toBe(false);
    expect(await m.resetPassword(token, "new password 3")).toMatchObject({ ok: false });
    expect(await m.isResetLinkUsable("not-a-token")).toBe(false);
    expect(await m.isResetLinkUsable(undefined)).toBe(false);
    expect(await m.checkPassword("r@reset.test", "old password 1")).toBeNull();
    expect(await m.checkPassword("r@reset.test", "new password 2")).toMatchObject({ id: w.userId, sessionVersion: 1 });

    // Expired link.
    await m.requestPasswordReset("r@reset.test");
    const expired = await lastLink("r@reset.test", "/reset-password");
    await m.crossTenant({ actor: system, action: "test.expire", reason: "x" }, (tx) =>
      tx.userToken.updateMany({ where: { userId: w.userId, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } }),
    );
    expect(await m.isResetLinkUsable(expired)).toBe(false);
    expect(await m.resetPassword(expired, "new password 4")).toMatchObject({ ok: false });

    // Unknown address: nothing mailed, same (void) answer.
    await expect(m.requestPasswordReset("nobody@reset.test")).resolves.toBeUndefined();
  });
});

describe("lockout", () => {
  it("locks after 5 failures for 15 minutes, answers the same for unknown emails, and audits", async () => {
    const m = await mod();
    const w = await m.createWorkspace({ workspaceName: "Lock", subdomain: "lock-co", email: "l@lock.test", password: "right password" });
    if (!w.ok) throw new Error("setup");
    expect(await m.checkPassword("nobody@lock.test", "whatever-pass")).toBeNull();
    for (let i = 0; i < 5; i++) expect(await m.checkPassword("l@lock.test", "wrong password")).toBeNull();
    // Locked: even the right password is refused, with the same answer.
    expect(await m.checkPassword("l@lock.test", "right password")).toBeNull();
    const { user, events } = await m.crossTenant({ actor: system, action: "test.read", reason: "x" }, async (tx) => ({
      user: await tx.user.findUnique({ where: { id: w.userId } }),
      events: await tx.platformAuditEvent.findMany({ where: { action: { in: ["auth.signin.failed", "auth.account.locked", "auth.signin.locked"] } } }),
    }));
    expect(user!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(events.filter((e) => e.action === "auth.account.locked")).toHaveLength(1);
    expect(events.filter((e) => e.action === "auth.signin.failed").length).toBeGreaterThanOrEqual(6);
    expect(events.filter((e) => e.action === "auth.signin.locked")).toHaveLength(1);

    // After the lock expires, the right password works and resets the counter.
    await m.crossTenant({ actor: system, action: "test.unlock", reason: "x" }, (tx) =>
      tx.user.update({ where: { id: w.userId }, data: { lockedUntil: new Date(Date.now() - 1) } }),
    );
    expect(await m.checkPassword("L@lock.test", "right password")).toMatchObject({ id: w.userId });
  });
});
