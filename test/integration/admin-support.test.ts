// Support access against real PostgreSQL as the app role: the founder's ticket is single use,
// only for that workspace and only while the founder is a platform admin; the session it
// starts carries the read-only support claim; the read-only tenant client (the members
// context's client for such a session) refuses every write; and the start is in the
// workspace's audit log and the platform audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, appClient, closeProcessDatabase, createTestDatabase, useAsProcessDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "support-test" } as const;

// The modules under test use the process's base client, created lazily from APP_DATABASE_URL.
beforeAll(async () => {
  db = await createTestDatabase();
  useAsProcessDatabase(db);
  process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
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
    ...(await import("@/lib/admin/support")),
    ...(await import("@/lib/auth/support-session")),
    ...(await import("@/lib/db/cross-tenant")),
    ...(await import("@/lib/db/tenant")),
    ...(await import("@/lib/members")),
  };
}

describe("support access", () => {
  it("a single-use ticket starts a read-only support session, audited in the workspace and on the platform", async () => {
    const m = await mod();
    const a = await m.createWorkspace({ workspaceName: "Help A", subdomain: "help-a", email: "owner@help-a.test", password: "a long password" });
    const b = await m.createWorkspace({ workspaceName: "Help B", subdomain: "help-b", email: "owner@help-b.test", password: "a long password" });
    if (!a.ok || !b.ok) throw new Error("setup failed");
    const founderRow = await m.crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, (tx) =>
      tx.user.create({ data: { email: "founder@tenantry.test", emailVerified: new Date(), isPlatformAdmin: true } }),
    );
    const founder = { kind: "user" as const, userId: founderRow.id, label: "founder@tenantry.test" };

    const started = await m.startSupportAccess(founder, a.tenantId, "ticket #42");
    if (!started.ok) throw new Error(started.error);
    expect(started.url).toMatch(/^http:\/\/help-a\.localhost:3000\/auth\/handoff\?token=[A-Za-z0-9_-]{43}$/);
    expect(started.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

    // Not redeemable on another workspace; once on its own; never again.
    expect(await m.redeemHandoff(started.token, b.tenantId)).toBeNull();
    const session = await m.redeemHandoff(started.token, a.tenantId);
    expect(session).toMatchObject({
      id: founder.userId,
      email: "founder@tenantry.test",
      support: { adminUserId: founder.userId, tenantId: a.tenantId, mode: "read-only", expiresAt: started.expiresAt.toISOString(), sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    // The claim names the support_session row created with the ticket.
    const live = await m.readLiveSupport(session!.support!, a.tenantId);
    expect(live).toMatchObject({ adminUserId: founder.userId, adminLabel: "founder@tenantry.test", mode: "READ_ONLY", expiresAt: started.expiresAt });
    expect(await m.readLiveSupport(session!.support!, b.tenantId)).toBeNull();
    expect(await m.redeemHandoff(started.token, a.tenantId)).toBeNull();

    // A founder who is no longer a platform admin cannot use a ticket issued before.
    const second = await m.startSupportAccess(founder, a.tenantId);
    if (!second.ok) throw new Error(second.error);
    await m.crossTenant({ actor: system, action: "test.setup", reason: "demote" }, (tx) => tx.user.update({ where: { id: founder.userId }, data: { isPlatformAdmin: false } }));
    expect(await m.redeemHandoff(second.token, a.tenantId)).toBeNull();

    // Writes are refused through the read-only client (the support session's members context);
    // reads work.
    const ro = m.forTenant(a.tenantId, undefined, { readOnly: true });
    expect(ro.readOnly).toBe(true);
    const ctx = { db: ro, actor: { userId: founder.userId, role: "OWNER" as const, label: "Tenantry support (founder@tenantry.test)" } };
    await expect(m.inviteMember(ctx, { email: "new@help-a.test", role: "MEMBER" })).rejects.toThrow(m.READ_ONLY_MESSAGE);
    await expect(ro.customer.create({ data: { tenantId: a.tenantId, name: "Nope" } as never })).rejects.toThrow(m.READ_ONLY_MESSAGE);
    await expect(ro.$transaction((tx) => tx.membership.deleteMany({}))).rejects.toThrow(m.READ_ONLY_MESSAGE);
    expect(await ro.membership.count()).toBe(1);
    expect(await ro.$transaction((tx) => tx.invitation.count())).toBe(0);
    // The normal client still writes (the read-only flag is per client, not per tenant).
    expect(m.forTenant(a.tenantId).readOnly).toBe(false);

    const audit = await m.crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) =>
      tx.auditLog.findMany({ where: { tenantId: a.tenantId, action: "support.started" }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((e) => [e.actorLabel, (e.data as { mode: string }).mode])).toEqual([
      ["Tenantry support", "read-only"],
      ["Tenantry support", "read-only"],
    ]);
    const platform = await m.crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) =>
      tx.platformAuditEvent.findMany({ where: { subjectTenantId: a.tenantId, action: "admin.support.start" }, orderBy: { createdAt: "asc" } }),
    );
    expect(platform.map((e) => [e.actorId, e.reason])).toEqual([
      [founder.userId, "ticket #42"],
      [founder.userId, "support access"],
    ]);
    // No support access to a workspace that is not active.
    await m.crossTenant({ actor: system, action: "test.setup", reason: "suspend" }, (tx) => tx.tenant.update({ where: { id: b.tenantId }, data: { status: "SUSPENDED" } }));
    expect(await m.startSupportAccess(founder, b.tenantId)).toMatchObject({ ok: false });
  });
});

describe("support sessions: widen and end from the console", () => {
  it("widening needs a reason and makes the session read-write; ending signs it out; both audited for the owners", async () => {
    const m = await mod();
    const w = await m.createWorkspace({ workspaceName: "Help W", subdomain: "help-w", email: "owner@help-w.test", password: "a long password" });
    if (!w.ok) throw new Error("setup failed");
    const founderRow = await m.crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, (tx) =>
      tx.user.create({ data: { email: "founder2@tenantry.test", emailVerified: new Date(), isPlatformAdmin: true } }),
    );
    const founder = { kind: "user" as const, userId: founderRow.id, label: "founder2@tenantry.test" };
    const started = await m.startSupportAccess(founder, w.tenantId, "ticket #7");
    if (!started.ok) throw new Error(started.error);
    const session = await m.redeemHandoff(started.token, w.tenantId);
    const claim = session!.support!;
    const sessionId = claim.sessionId;

    // Another workspace's id, a session id that is not there, no reason: refused.
    expect(await m.widenSupportSession(founder, w.tenantId, sessionId, "  ")).toMatchObject({ ok: false, error: expect.stringContaining("Say why") });
    expect(await m.widenSupportSession(founder, w.tenantId, "00000000-0000-7000-8000-000000000000", "customer asked")).toMatchObject({ ok: false });
    expect((await m.readLiveSupport(claim, w.tenantId))?.mode).toBe("READ_ONLY");

    expect(await m.widenSupportSession(founder, w.tenantId, sessionId, "fix the import for the customer")).toEqual({ ok: true });
    expect((await m.readLiveSupport(claim, w.tenantId))?.mode).toBe("READ_WRITE");
    // Widening twice is refused (nothing to widen).
    expect(await m.widenSupportSession(founder, w.tenantId, sessionId, "again please")).toMatchObject({ ok: false });

    expect(await m.endSupportSession(founder, w.tenantId, sessionId, "done")).toEqual({ ok: true });
    expect(await m.readLiveSupport(claim, w.tenantId)).toBeNull();
    expect(await m.endSupportSession(founder, w.tenantId, sessionId)).toMatchObject({ ok: false });
    expect(await m.widenSupportSession(founder, w.tenantId, sessionId, "too late now")).toMatchObject({ ok: false });

    // An expired session is not live either (30 minutes later).
    const second = await m.startSupportAccess(founder, w.tenantId, "ticket #8");
    if (!second.ok) throw new Error(second.error);
    const claim2 = (await m.redeemHandoff(second.token, w.tenantId))!.support!;
    expect(await m.readLiveSupport(claim2, w.tenantId)).not.toBeNull();
    expect(await m.readLiveSupport(claim2, w.tenantId, new Date(second.expiresAt.getTime() + 1))).toBeNull();
    // A ticket whose session was ended before it was redeemed starts nothing.
    const third = await m.startSupportAccess(founder, w.tenantId, "ticket #9");
    if (!third.ok) throw new Error(third.error);
    const rows = await m.crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) =>
      tx.supportSession.findMany({ where: { tenantId: w.tenantId, endedAt: null }, orderBy: { createdAt: "desc" } }),
    );
    expect(await m.endSupportSession(founder, w.tenantId, rows[0]!.id)).toEqual({ ok: true });
    expect(await m.redeemHandoff(third.token, w.tenantId)).toBeNull();

    // The owners see start, widen and end in the workspace audit log, by "Tenantry support".
    const audit = await m.forTenant(w.tenantId).auditLog.findMany({ where: { action: { startsWith: "support." } }, orderBy: { createdAt: "asc" } });
    expect(audit.slice(0, 3).map((e) => [e.action, e.actorLabel, (e.data as { reason?: string }).reason])).toEqual([
      ["support.started", "Tenantry support", "ticket #7"],
      ["support.widened", "Tenantry support", "fix the import for the customer"],
      ["support.ended", "Tenantry support", "done"],
    ]);
    const platform = await m.crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) =>
      tx.platformAuditEvent.findMany({ where: { subjectTenantId: w.tenantId, action: { in: ["admin.support.widen", "admin.support.end"] } }, orderBy: { createdAt: "asc" } }),
    );
    expect(platform.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["admin.support.widen", founder.userId, "fix the import for the customer"],
      ["admin.support.end", founder.userId, "done"],
      ["admin.support.end", founder.userId, "support access ended"],
    ]);
  });
});
