// Lost second factor, against real PostgreSQL: the CLI (`npm run admin:reset-mfa -- <email>`,
// run here as a real child process against the test database) and a founder resetting ANOTHER
// founder's factor in the console (with their own fresh TOTP code). Both clear the secret and
// the recovery codes, end the user's sessions (sessionVersion + 1), and are audited; neither
// touches a user who is not a platform admin.
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmTotpEnrollment, pendingTotpSecret } from "@/lib/admin/mfa";
import { resetOtherFoundersFactor, resetSecondFactor } from "@/lib/admin/mfa-reset";
import { totp } from "@/lib/admin/totp";
import { crossTenant } from "@/lib/db/cross-tenant";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
const run = promisify(execFile);

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "mfa-reset-test" } as const;
const read = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "assert" }, fn, app.prisma);

/** A platform admin with TOTP enrolled and 10 recovery codes; returns id and secret. */
async function enrolledAdmin(email: string, now: number) {
  const user = await read((tx) => tx.user.create({ data: { email, emailVerified: new Date(), isPlatformAdmin: true } }));
  const secret = (await pendingTotpSecret(user.id, app.prisma))!;
  const codes = await confirmTotpEnrollment(user.id, totp(secret, now), now, app.prisma);
  expect(codes).toHaveLength(10);
  return { id: user.id, secret };
}

const factorState = (id: string) =>
  read(async (tx) => ({
    user: await tx.user.findUniqueOrThrow({ where: { id }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true, sessionVersion: true } }),
    codes: await tx.adminRecoveryCode.count({ where: { userId: id } }),
  }));

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("admin:reset-mfa (command line)", () => {
  it("clears the factor of a platform admin, ends their sessions, audits the OS user; refuses others", async () => {
    const now = Date.now() - 120_000;
    const admin = await enrolledAdmin("lost@tenantry.test", now);
    await read((tx) => tx.user.create({ data: { email: "customer@example.test", emailVerified: new Date() } }));
    const before = await factorState(admin.id);
    expect(before.user.totpEnabledAt).not.toBeNull();
    expect(before.codes).toBe(10);

    const env = { ...process.env, DATABASE_URL: db.ownerUrl, APP_DATABASE_URL: db.appUrl };
    const cli = (email: string) => run("npx", ["tsx", "scripts/admin-reset-mfa.ts", email], { env, cwd: process.cwd() }).catch((e: { code: number; stdout: string; stderr: string }) => e);

    const refused = await cli("customer@example.test");
    expect("code" in refused && refused.code).toBe(1);
    expect(`${refused.stdout}${refused.stderr}`).toContain("Not a platform admin");
    const unknown = await cli("nobody@example.test");
    expect("code" in unknown && unknown.code).toBe(1);

    const done = await cli("LOST@tenantry.test");
    expect("code" in done ? done.code : 0).toBe(0);
    const out = `${done.stdout}${done.stderr}`;
    expect(out).toContain("reset the second factor of lost@tenantry.test");
    expect(out).toContain("10 recovery code(s) deleted");

    const after = await factorState(admin.id);
    expect(after.user).toEqual({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: before.user.sessionVersion + 1 });
    expect(after.codes).toBe(0);
    const events = await read((tx) => tx.platformAuditEvent.findMany({ where: { action: { startsWith: "admin.mfa.reset" } }, orderBy: { createdAt: "asc" } }));
    // Refused attempts roll back: only the successful reset is on the trail.
    expect(events.map((e) => [e.action, e.actorId, e.actorLabel])).toEqual([
      ["admin.mfa.reset", null, `cli (${os.userInfo().username})`],
      ["admin.mfa.reset.done", null, `cli (${os.userInfo().username})`],
    ]);
    expect(events[1]!.data).toMatchObject({ userId: admin.id, email: "lost@tenantry.test", hadTotp: true, recoveryCodesDeleted: 10 });
    // The admin enrolls again at the next sign-in: a new pending secret is offered.
    expect(await pendingTotpSecret(admin.id, app.prisma)).toMatch(/^[A-Z2-7]+$/);
  }, 60_000);
});

describe("console: a founder resets another founder's factor", () => {
  it("needs the acting founder's fresh TOTP code and a reason; never their own factor", async () => {
    const now = Date.now();
    const actorAdmin = await enrolledAdmin("alice@tenantry.test", now - 60_000);
    const other = await enrolledAdmin("bob@tenantry.test", now - 60_000);
    const nonAdmin = await read((tx) => tx.user.create({ data: { email: "eve@example.test" } }));
    const actor = { kind: "user" as const, userId: actorAdmin.id, label: "alice@tenantry.test" };
    const code = totp(actorAdmin.secret, now);

    expect(await resetOtherFoundersFactor(actor, actorAdmin.id, code, "my own", now, app.prisma)).toMatchObject({ ok: false, error: expect.stringContaining("your own") });
    expect(await resetOtherFoundersFactor(actor, other.id, code, "", now, app.prisma)).toMatchObject({ ok: false, error: expect.stringContaining("Say why") });
    expect(await resetOtherFoundersFactor(actor, other.id, "000000" === code ? "111111" : "000000", "lost phone", now, app.prisma)).toMatchObject({ ok: false, error: expect.stringContaining("did not work") });
    // Bob's own code is not Alice's.
    expect(await resetOtherFoundersFactor(actor, other.id, totp(other.secret, now + 30_000), "lost phone", now + 30_000, app.prisma)).toMatchObject({ ok: false });
    expect((await factorState(other.id)).user.totpEnabledAt).not.toBeNull();

    const ok = await resetOtherFoundersFactor(actor, other.id, code, "Bob lost his phone and codes", now, app.prisma);
    expect(ok).toMatchObject({ ok: true, email: "bob@tenantry.test", hadTotp: true, recoveryCodesDeleted: 10 });
    expect((await factorState(other.id)).user.totpEnabledAt).toBeNull();
    // The same 30-second code is not accepted twice.
    expect(await resetOtherFoundersFactor(actor, other.id, code, "once more", now, app.prisma)).toMatchObject({ ok: false });
    // Not a platform admin: refused even with a valid code.
    const next = now + 30_000;
    expect(await resetOtherFoundersFactor(actor, nonAdmin.id, totp(actorAdmin.secret, next), "not an admin", next, app.prisma)).toMatchObject({
      ok: false,
      error: expect.stringContaining("Not a platform admin"),
    });
    const events = await read((tx) => tx.platformAuditEvent.findMany({ where: { action: "admin.mfa.reset", actorId: actorAdmin.id } }));
    expect(events.map((e) => e.reason)).toEqual(["Bob lost his phone and codes"]);
    // The core refuses an unknown email without writing anything.
    expect(await resetSecondFactor({ email: "ghost@tenantry.test" }, system, "test", app.prisma)).toMatchObject({ ok: false });
  });
});
