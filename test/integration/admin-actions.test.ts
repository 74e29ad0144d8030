// Founder console actions against real PostgreSQL as the restricted app role: extend trial,
// plan overrides (validated against the plan table), soft delete + slug quarantine + restore,
// users search and account lock (sessions end, sign-in refused). Each change audited on the
// platform and in the workspace; refused changes leave no entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteWorkspace, extendTrial, restoreWorkspace, setPlanOverrides } from "@/lib/admin/tenant-actions";
import { searchUsers, setUserLock } from "@/lib/admin/users";
import { checkPassword } from "@/lib/auth/lockout";
import { forgetSessionVersion, sessionIsCurrent, signInAllowed } from "@/lib/auth/session-version";
import { entitlementsFor } from "@/lib/billing/plans";
import { crossTenant } from "@/lib/db/cross-tenant";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { checkSubdomain } from "@/lib/tenants/subdomain-check";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "admin-actions-test" } as const;
let founder: { kind: "user"; userId: string; label: string };
let tenantId: string;
let ownerId: string;

const read = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "assert" }, fn, app.prisma);
const workspaceAudit = (action: string) =>
  read((tx) => tx.auditLog.findMany({ where: { tenantId, action }, orderBy: { createdAt: "asc" } }));
const platformEvents = (action: string) => read((tx) => tx.platformAuditEvent.findMany({ where: { subjectTenantId: tenantId, action } }));

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  const user = await crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, (tx) =>
    tx.user.create({ data: { email: "founder@tenantry.test", emailVerified: new Date(), isPlatformAdmin: true } }),
  app.prisma);
  founder = { kind: "user", userId: user.id, label: "founder@tenantry.test" };
  const created = await createWorkspace({ workspaceName: "Globex Ops", subdomain: "globex-ops", email: "boss@globex-ops.test", password: "a long password" }, app.prisma);
  if (!created.ok) throw new Error("workspace");
  tenantId = created.tenantId;
  ownerId = (await read((tx) => tx.user.findUniqueOrThrow({ where: { email: "boss@globex-ops.test" } }))).id;
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("extend trial", () => {
  it("adds N days to the trial end, audited twice", async () => {
    const before = (await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }))).trialEndsAt!;
    expect(await extendTrial(founder, tenantId, 0, "", new Date(), app.prisma)).toMatchObject({ ok: false });
    const result = await extendTrial(founder, tenantId, 10, "sales call", new Date(), app.prisma);
    expect(result.ok).toBe(true);
    const after = (await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }))).trialEndsAt!;
    expect(after.getTime() - before.getTime()).toBe(10 * 86_400_000);
    expect((await workspaceAudit("workspace.trial_extended")).map((a) => a.actorLabel)).toEqual(["Tenantry support (founder@tenantry.test)"]);
    expect((await platformEvents("admin.tenant.trial_extend")).map((e) => [e.actorId, e.reason])).toEqual([[founder.userId, "sales call"]]);
  });
});

describe("plan overrides", () => {
  it("validates against the plan table, merges into the entitlements, clears", async () => {
    expect(await setPlanOverrides(founder, tenantId, { limits: { seats: -1 } }, "", app.prisma)).toMatchObject({ ok: false });
    expect(await setPlanOverrides(founder, tenantId, { limits: { rockets: 3 } }, "", app.prisma)).toMatchObject({ ok: false });
    expect(await setPlanOverrides(founder, tenantId, { features: { dataExport: "yes" } }, "", app.prisma)).toMatchObject({ ok: false });
    expect(await setPlanOverrides(founder, tenantId, { limits: { seats: 250, customers: null }, features: { customDomain: false } }, "deal", app.prisma)).toMatchObject({ ok: true });
    const tenant = await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }));
    const ent = entitlementsFor(tenant);
    expect(ent.limits).toEqual({ seats: 250, customers: null });
    expect(ent.features.customDomain).toBe(false);
    expect(await setPlanOverrides(founder, tenantId, {}, "", app.prisma)).toMatchObject({ ok: true });
    expect((await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }))).planOverrides).toBeNull();
    expect(await workspaceAudit("workspace.plan_overrides_changed")).toHaveLength(2);
    expect(await platformEvents("admin.tenant.plan_overrides")).toHaveLength(2);
  });
});

describe("delete and restore", () => {
  it("soft-deletes, quarantines the slug, restores within retention", async () => {
    const now = new Date();
    expect(await restoreWorkspace(founder, tenantId, "", now, app.prisma)).toMatchObject({ ok: false });
    expect(await deleteWorkspace(founder, tenantId, "owner asked", now, app.prisma)).toMatchObject({ ok: true, value: "globex-ops" });
    expect(await deleteWorkspace(founder, tenantId, "again", now, app.prisma)).toMatchObject({ ok: false });
    const tenant = await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }));
    expect(tenant.status).toBe("DELETED");
    expect(tenant.deletedAt?.getTime()).toBe(now.getTime());
    expect(tenant.purgeAfter?.getTime()).toBe(now.getTime() + 30 * 86_400_000);
    const q = await read((tx) => tx.slugQuarantine.findUnique({ where: { slug: "globex-ops" } }));
    expect(q?.releasedAt.getTime()).toBe(tenant.purgeAfter!.getTime() + 90 * 86_400_000);
    expect((await checkSubdomain("globex-ops", app.prisma)).available).toBe(false);
    // The directory (what every workspace request resolves) reports DELETED → 404.
    const rows = await app.prisma.$queryRaw<{ status: string }[]>`SELECT status::text FROM app_tenant_directory(${"globex-ops"})`;
    expect(rows[0]?.status).toBe("DELETED");
    // Past the retention period: no restore.
    expect(await restoreWorkspace(founder, tenantId, "", new Date(now.getTime() + 31 * 86_400_000), app.prisma)).toMatchObject({ ok: false });
    expect(await restoreWorkspace(founder, tenantId, "mistake", now, app.prisma)).toMatchObject({ ok: true });
    const restored = await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }));
    expect([restored.status, restored.deletedAt, restored.purgeAfter]).toEqual(["ACTIVE", null, null]);
    expect(await read((tx) => tx.slugQuarantine.findUnique({ where: { slug: "globex-ops" } }))).toBeNull();
    expect((await workspaceAudit("workspace.deleted")).length).toBe(1);
    expect((await workspaceAudit("workspace.restored")).length).toBe(1);
    expect((await platformEvents("admin.tenant.delete")).length).toBe(1);
    expect((await platformEvents("admin.tenant.restore")).length).toBe(1);
  });
});

describe("users", () => {
  it("finds users across workspaces with their memberships", async () => {
    const rows = await searchUsers(founder, "BOSS@globex", app.prisma);
    expect(rows.map((r) => [r.email, r.memberships.map((m) => [m.tenant.slug, m.role])])).toEqual([["boss@globex-ops.test", [["globex-ops", "OWNER"]]]]);
  });

  it("a locked user's existing session stops working and sign-in is refused; unlock restores sign-in", async () => {
    const signedIn = await checkPassword("boss@globex-ops.test", "a long password", app.prisma);
    expect(signedIn?.id).toBe(ownerId);
    const sv = signedIn!.sessionVersion;
    expect(await sessionIsCurrent(ownerId, sv, app.prisma)).toBe(true);

    expect(await setUserLock(founder, founder.userId, true, "", app.prisma)).toMatchObject({ ok: false });
    expect(await setUserLock(founder, ownerId, true, "fraud", app.prisma)).toEqual({ ok: true });
    forgetSessionVersion(ownerId);
    expect(await sessionIsCurrent(ownerId, sv, app.prisma)).toBe(false);
    expect(await checkPassword("boss@globex-ops.test", "a long password", app.prisma)).toBeNull();
    expect(await signInAllowed(ownerId, app.prisma)).toBe(false);

    expect(await setUserLock(founder, ownerId, false, "", app.prisma)).toEqual({ ok: true });
    expect(await signInAllowed(ownerId, app.prisma)).toBe(true);
    expect((await checkPassword("boss@globex-ops.test", "a long password", app.prisma))?.id).toBe(ownerId);
    const events = await read((tx) => tx.platformAuditEvent.findMany({ where: { action: { in: ["admin.user.lock", "admin.user.unlock"] } }, orderBy: { createdAt: "asc" } }));
    expect(events.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["admin.user.lock", founder.userId, "fraud"],
      ["admin.user.unlock", founder.userId, "account unlocked by the platform"],
    ]);
  });
});
