// Founder console against real PostgreSQL as the restricted app role: the guard's decision
// (non-admins never get console access), FOUNDER_EMAILS bootstrap, TOTP enrollment and
// single-use verification, and audited suspend / reactivate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapPlatformAdmin, confirmTotpEnrollment, pendingTotpSecret, verifySecondFactor } from "@/lib/admin/mfa";
import { resolveAdminState } from "@/lib/admin/access";
import { changeTenantStatus, listTenants, platformAudit } from "@/lib/admin/tenants";
import { totp } from "@/lib/admin/totp";
import { crossTenant } from "@/lib/db/cross-tenant";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "admin-test" } as const;
const FOUNDERS = new Set(["founder@tenantry.test", "unverified@tenantry.test"]);
const ids: Record<string, string> = {};

const read = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "assert" }, fn, app.prisma);

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  for (const [key, email, verified] of [
    ["founder", "founder@tenantry.test", true],
    ["unverified", "unverified@tenantry.test", false],
    ["owner", "owner@acme-admin.test", true],
  ] as const) {
    const user = await crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, (tx) =>
      tx.user.create({ data: { email, emailVerified: verified ? new Date() : null } }),
    app.prisma);
    ids[key] = user.id;
  }
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const session = (key: string, email: string, mfa = false) => ({ user: { id: ids[key], email }, mfa });

describe("guard", () => {
  it("refuses anonymous visitors, other hosts and non-admins", async () => {
    expect(await resolveAdminState("admin", null, app.prisma)).toEqual({ kind: "signed-out" });
    expect((await resolveAdminState("admin", session("owner", "owner@acme-admin.test", true), app.prisma)).kind).toBe("not-admin");
    // Even a platform admin's session counts for nothing on a tenant host.
    await bootstrapPlatformAdmin(ids.founder!, app.prisma, FOUNDERS);
    expect((await resolveAdminState("tenant", session("founder", "founder@tenantry.test", true), app.prisma)).kind).toBe("not-admin");
  });

  it("bootstraps only verified FOUNDER_EMAILS, audited", async () => {
    expect(await bootstrapPlatformAdmin(ids.owner!, app.prisma, FOUNDERS)).toBe(false);
    expect(await bootstrapPlatformAdmin(ids.unverified!, app.prisma, FOUNDERS)).toBe(false);
    expect(await bootstrapPlatformAdmin(ids.founder!, app.prisma, FOUNDERS)).toBe(true);
    const rows = await read((tx) => tx.user.findMany({ where: { isPlatformAdmin: true }, select: { email: true } }));
    expect(rows.map((r) => r.email)).toEqual(["founder@tenantry.test"]);
    const events = await read((tx) => tx.platformAuditEvent.findMany({ where: { action: "admin.bootstrap" } }));
    expect(events).toHaveLength(1);
  });

  it("requires TOTP enrollment, then TOTP per session", async () => {
    const founder = session("founder", "founder@tenantry.test");
    expect((await resolveAdminState("admin", founder, app.prisma)).kind).toBe("enroll");
    const secret = (await pendingTotpSecret(ids.founder!, app.prisma))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Stored encrypted, never in clear.
    const stored = await read((tx) => tx.user.findUnique({ where: { id: ids.founder! }, select: { totpSecret: true } }));
    expect(stored?.totpSecret).not.toContain(secret);
    const now = Date.now();
    expect(await confirmTotpEnrollment(ids.founder!, "000000", now, app.prisma)).toBeNull();
    const codes = (await confirmTotpEnrollment(ids.founder!, totp(secret, now), now, app.prisma))!;
    expect(codes).toHaveLength(10);
    expect(await pendingTotpSecret(ids.founder!, app.prisma)).toBeNull(); // never shown again
    const hashes = await read((tx) => tx.adminRecoveryCode.findMany({ where: { userId: ids.founder! } }));
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => codes.includes(h.codeHash))).toBe(false);

    expect((await resolveAdminState("admin", founder, app.prisma)).kind).toBe("verify");
    expect((await resolveAdminState("admin", { ...founder, mfa: true }, app.prisma)).kind).toBe("admin");

    // The enrollment code's step is used: the same code is refused; the next step's code works once.
    expect(await verifySecondFactor(ids.founder!, totp(secret, now), now, app.prisma)).toBeNull();
    const later = now + 30_000;
    expect(await verifySecondFactor(ids.founder!, totp(secret, later), later, app.prisma)).toBe("totp");
    expect(await verifySecondFactor(ids.founder!, totp(secret, later), later, app.prisma)).toBeNull();
    // Recovery codes: single use.
    expect(await verifySecondFactor(ids.founder!, codes[0]!.toUpperCase(), now, app.prisma)).toBe("recovery-code");
    expect(await verifySecondFactor(ids.founder!, codes[0]!, now, app.prisma)).toBeNull();
    const failed = await read((tx) => tx.platformAuditEvent.count({ where: { action: "admin.mfa.failed", actorId: ids.founder! } }));
    expect(failed).toBe(3);
  });
});

describe("suspend and reactivate", () => {
  it("changes the status, audits on the platform and in the workspace", async () => {
    const created = await createWorkspace({ workspaceName: "Acme Admin", subdomain: "acme-admin", email: "boss@acme-admin.test", password: "a long password" }, app.prisma);
    if (!created.ok) throw new Error("workspace");
    const actor = { kind: "user" as const, userId: ids.founder!, label: "founder@tenantry.test" };

    expect(await changeTenantStatus(actor, created.tenantId, "reactivate", "", app.prisma)).toMatchObject({ ok: false });
    expect(await changeTenantStatus(actor, created.tenantId, "suspend", "chargeback", app.prisma)).toEqual({ ok: true, slug: "acme-admin" });
    expect(await changeTenantStatus(actor, created.tenantId, "suspend", "again", app.prisma)).toMatchObject({ ok: false });
    let tenant = await read((tx) => tx.tenant.findUnique({ where: { id: created.tenantId } }));
    expect(tenant?.status).toBe("SUSPENDED");
    expect(await changeTenantStatus(actor, created.tenantId, "reactivate", "resolved", app.prisma)).toMatchObject({ ok: true });
    tenant = await read((tx) => tx.tenant.findUnique({ where: { id: created.tenantId } }));
    expect(tenant?.status).toBe("ACTIVE");

    const platform = await read((tx) =>
      tx.platformAuditEvent.findMany({ where: { subjectTenantId: created.tenantId, action: { startsWith: "admin.tenant." } }, orderBy: { createdAt: "asc" } }),
    );
    // Refused attempts roll back with their audit row: only the two real changes remain.
    expect(platform.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["admin.tenant.suspend", ids.founder, "chargeback"],
      ["admin.tenant.reactivate", ids.founder, "resolved"],
    ]);
    const audit = await read((tx) => tx.auditLog.findMany({ where: { tenantId: created.tenantId, action: { startsWith: "workspace." } }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((a) => [a.action, a.actorId, a.actorLabel])).toEqual([
      ["workspace.created", expect.anything(), expect.any(String)],
      ["workspace.suspended", ids.founder, "Tenantry support (founder@tenantry.test)"],
      ["workspace.reactivated", ids.founder, "Tenantry support (founder@tenantry.test)"],
    ]);

    const list = await listTenants(actor, { q: "boss@acme" }, app.prisma);
    expect(list.rows.map((r) => [r.slug, r.ownerEmail])).toEqual([["acme-admin", "boss@acme-admin.test"]]);
    expect((await listTenants(actor, { q: "ACME ADM" }, app.prisma)).total).toBe(1);
    expect((await listTenants(actor, { q: "nothing-like-this" }, app.prisma)).total).toBe(0);

    const log = await platformAudit(actor, { tenant: "acme-admin", action: "admin.tenant" }, app.prisma);
    expect(log.rows.map((r) => r.action)).toEqual(["admin.tenant.reactivate", "admin.tenant.suspend"]);
  });
});

describe("platform audit: time range", () => {
  it("filters by UTC days (to inclusive), validates the range, records it with the view", async () => {
    const actor = { kind: "user" as const, userId: ids.founder!, label: "founder@tenantry.test" };
    // Three events on known days.
    await read((tx) =>
      tx.platformAuditEvent.createMany({
        data: [
          { actorLabel: "range-test", action: "range.test.a", reason: "day 1", createdAt: new Date("2026-03-01T00:00:00Z") },
          { actorLabel: "range-test", action: "range.test.b", reason: "day 2", createdAt: new Date("2026-03-02T23:59:59.999Z") },
          { actorLabel: "range-test", action: "range.test.c", reason: "day 3", createdAt: new Date("2026-03-03T00:00:00Z") },
        ],
      }),
    );
    const actions = async (from: string, to: string) => {
      const log = await platformAudit(actor, { action: "range.test", from, to }, app.prisma);
      return { actions: log.rows.map((r) => r.action), error: log.rangeError, from: log.from, to: log.to };
    };
    expect(await actions("2026-03-01", "2026-03-02")).toEqual({ actions: ["range.test.b", "range.test.a"], error: null, from: "2026-03-01", to: "2026-03-02" });
    expect((await actions("2026-03-02", "")).actions).toEqual(["range.test.c", "range.test.b"]);
    expect((await actions("", "2026-03-01")).actions).toEqual(["range.test.a"]);
    expect((await actions("2026-03-03", "2026-03-03")).actions).toEqual(["range.test.c"]);
    // Invalid or reversed: reported, and the range is not applied.
    expect(await actions("2026-03-03", "2026-03-01")).toMatchObject({ actions: ["range.test.c", "range.test.b", "range.test.a"], error: "“From” must be on or before “to”." });
    expect((await actions("2026-02-30", "")).error).toBe("Dates must be valid days (YYYY-MM-DD).");
    expect((await actions("yesterday", "")).error).toBe("Dates must be valid days (YYYY-MM-DD).");
    // The range asked for is recorded with the view in the platform audit (as typed).
    const views = await read((tx) => tx.platformAuditEvent.findMany({ where: { action: "admin.audit.view", actorId: ids.founder! }, orderBy: { createdAt: "desc" }, take: 1 }));
    expect(views[0]!.data).toMatchObject({ from: "yesterday", to: "", action: "range.test" });
  });
});
