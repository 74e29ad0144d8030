// Signup against real PostgreSQL as the app role: the unique index decides races (D4),
// quarantined names are refused (D5), availability and suggestions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossTenant } from "@/lib/db/cross-tenant";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { checkSubdomain } from "@/lib/tenants/subdomain-check";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db, { max: 10 });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const system = { kind: "system", label: "test" } as const;

describe("createWorkspace", () => {
  it("creates tenant, owner, OWNER membership and a tenant audit entry in one go", async () => {
    const result = await createWorkspace({ workspaceName: "Solo Co", subdomain: "Solo-Co", email: "Owner@Solo.test", password: "a long password" }, app.prisma);
    expect(result).toMatchObject({ ok: true, slug: "solo-co", newUser: true });
    if (!result.ok) return;
    const rows = await crossTenant({ actor: system, action: "test.read", reason: "assert" }, async (tx) => ({
      user: await tx.user.findUnique({ where: { id: result.userId } }),
      membership: await tx.membership.findFirst({ where: { tenantId: result.tenantId } }),
      audit: await tx.auditLog.findMany({ where: { tenantId: result.tenantId } }),
    }), app.prisma);
    expect(rows.user?.email).toBe("owner@solo.test");
    expect(rows.user?.passwordHash).toMatch(/^scrypt\$/);
    expect(rows.membership).toMatchObject({ userId: result.userId, role: "OWNER" });
    expect(rows.audit.map((a) => a.action)).toEqual(["workspace.created"]);
  });

  it("50 parallel signups for one name: exactly one workspace, 49 clean 'taken' answers", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createWorkspace({ workspaceName: `Racer ${i}`, subdomain: "racer", email: `racer${i}@race.test`, password: "a long password" }, app.prisma),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const failures = results.filter((r) => !r.ok);
    expect(failures).toHaveLength(49);
    for (const f of failures) expect(f).toMatchObject({ ok: false, error: "taken", message: "This subdomain is already taken." });
    const counts = await crossTenant({ actor: system, action: "test.read", reason: "assert" }, async (tx) => ({
      tenants: await tx.tenant.count({ where: { slug: "racer" } }),
      // Losers' users rolled back with their transaction.
      users: await tx.user.count({ where: { email: { endsWith: "@race.test" } } }),
    }), app.prisma);
    expect(counts).toEqual({ tenants: 1, users: 1 });
  }, 60_000);

  it("refuses a quarantined name until it is released", async () => {
    await crossTenant({ actor: system, action: "test.setup", reason: "quarantine" }, async (tx) => {
      await tx.slugQuarantine.create({ data: { slug: "oldco", reason: "deleted", releasedAt: new Date(Date.now() + 86_400_000) } });
      await tx.slugQuarantine.create({ data: { slug: "freed", reason: "deleted", releasedAt: new Date(Date.now() - 1000) } });
    }, app.prisma);
    expect(await createWorkspace({ workspaceName: "Old", subdomain: "oldco", email: "x@old.test", password: "a long password" }, app.prisma)).toMatchObject({
      ok: false,
      error: "quarantined",
    });
    expect(await createWorkspace({ workspaceName: "Freed", subdomain: "freed", email: "x@freed.test", password: "a long password" }, app.prisma)).toMatchObject({ ok: true });
  });

  it("refuses invalid/reserved names, short passwords, and an existing email (sign in first)", async () => {
    const base = { workspaceName: "X", email: "new@x.test", password: "a long password" };
    expect(await createWorkspace({ ...base, subdomain: "admin" }, app.prisma)).toMatchObject({ ok: false, error: "invalid-subdomain" });
    expect(await createWorkspace({ ...base, subdomain: "xn--abc" }, app.prisma)).toMatchObject({ ok: false, error: "invalid-subdomain" });
    expect(await createWorkspace({ ...base, subdomain: "okname", password: "short" }, app.prisma)).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await createWorkspace({ ...base, subdomain: "okname", email: "OWNER@solo.test" }, app.prisma)).toMatchObject({ ok: false, error: "email-in-use" });
  });
});

describe("createWorkspace for a signed-in user (existingUserId)", () => {
  it("adds the workspace to that user as OWNER: no new user, no password asked, audited", async () => {
    const first = await createWorkspace({ workspaceName: "First Shop", subdomain: "first-shop", email: "maker@shops.test", password: "a long password" }, app.prisma);
    if (!first.ok) throw new Error(first.message);
    const second = await createWorkspace(
      { workspaceName: "Second Shop", subdomain: "second-shop", email: "maker@shops.test", password: null, existingUserId: first.userId },
      app.prisma,
    );
    expect(second).toMatchObject({ ok: true, slug: "second-shop", userId: first.userId, newUser: false });
    if (!second.ok) return;
    const rows = await crossTenant({ actor: system, action: "test.read", reason: "assert" }, async (tx) => ({
      users: await tx.user.count({ where: { email: "maker@shops.test" } }),
      memberships: await tx.membership.findMany({ where: { userId: first.userId }, select: { tenantId: true, role: true }, orderBy: { createdAt: "asc" } }),
      audit: await tx.auditLog.findMany({ where: { tenantId: second.tenantId }, select: { action: true, actorId: true } }),
      platform: await tx.platformAuditEvent.findFirst({ where: { action: "tenant.create", reason: "another workspace for a signed-in user" }, select: { data: true } }),
    }), app.prisma);
    expect(rows.users).toBe(1);
    expect(rows.memberships).toEqual([
      { tenantId: first.tenantId, role: "OWNER" },
      { tenantId: second.tenantId, role: "OWNER" },
    ]);
    expect(rows.audit).toEqual([{ action: "workspace.created", actorId: first.userId }]);
    expect(rows.platform?.data).toMatchObject({ slug: "second-shop" });
  });

  it("a taken subdomain or a user that no longer exists is refused and creates nothing", async () => {
    const owner = await createWorkspace({ workspaceName: "Owner Co", subdomain: "owner-co", email: "owner@owner-co.test", password: "a long password" }, app.prisma);
    if (!owner.ok) throw new Error(owner.message);
    const base = { workspaceName: "Again", email: "owner@owner-co.test", password: null };
    expect(await createWorkspace({ ...base, subdomain: "owner-co", existingUserId: owner.userId }, app.prisma)).toMatchObject({ ok: false, error: "taken" });
    expect(await createWorkspace({ ...base, subdomain: "ghost-co", existingUserId: "0192a1b2-0000-7000-8000-000000000000" }, app.prisma)).toMatchObject({
      ok: false,
      error: "invalid-input",
      message: "Please sign in again.",
    });
    const tenants = await crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) => tx.tenant.count({ where: { slug: { in: ["ghost-co"] } } }), app.prisma);
    expect(tenants).toBe(0);
  });
});

describe("checkSubdomain", () => {
  it("answers available / taken (with available suggestions) / reserved / invalid / quarantined", async () => {
    expect(await checkSubdomain("brand-new", app.prisma)).toEqual({ name: "brand-new", available: true });
    await createWorkspace({ workspaceName: "Acme HQ", subdomain: "acme-hq", email: "hq@acme.test", password: "a long password" }, app.prisma);
    await createWorkspace({ workspaceName: "Acme", subdomain: "acme", email: "a@acme.test", password: "a long password" }, app.prisma);
    const taken = await checkSubdomain("ACME", app.prisma);
    expect(taken).toMatchObject({ name: "acme", available: false, reason: "This subdomain is already taken." });
    expect(taken.suggestions).toEqual(["acme-app", "acme-team", "acme2"]); // acme-hq is taken
    const reserved = await checkSubdomain("admin", app.prisma);
    expect(reserved).toMatchObject({ available: false, reason: expect.stringMatching(/reserved/) });
    expect(reserved.suggestions?.[0]).toBe("admin-hq");
    expect(await checkSubdomain("-bad", app.prisma)).toMatchObject({ available: false, reason: expect.stringMatching(/hyphen/) });
    expect(await checkSubdomain("oldco", app.prisma)).toMatchObject({ available: false, reason: expect.stringMatching(/recently/) });
  });
});
