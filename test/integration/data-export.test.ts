// Workspace data export (lib/workspace/export/, docs/data.md) against real PostgreSQL as the
// app role: requesting (OWNER only, plan feature, one at a time), the worker's archive (unzipped
// and read back, no secrets), progress, claim-once across "instances", crash recovery, and
// that another workspace's archive cannot be fetched.
import crypto from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant, type TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { buildWorkspaceArchive } from "@/lib/workspace/export/archive";
import { exportArchive, listDataExports, requestDataExport, runDataExport, runQueuedDataExports } from "@/lib/workspace/export";
import type { SettingsContext } from "@/lib/workspace/context";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "export-test" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db, { max: 8 });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Workspace = { tenantId: string; db: TenantDb; as(role: Role): SettingsContext };
let counter = 0;
async function workspace({ trial = true, customers = 3 } = {}): Promise<Workspace> {
  const slug = `exp-${++counter}-${crypto.randomBytes(3).toString("hex")}`;
  const roles: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];
  const { tenantId, users } = await crossTenant(
    { actor: system, action: "test.setup", reason: "export test workspace" },
    async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug, name: `Export ${counter}`, trialEndsAt: trial ? new Date(Date.now() + 30 * 86_400_000) : null } });
      const users = [];
      for (const role of roles) {
        users.push(await tx.user.create({ data: { email: `${role.toLowerCase()}@${slug}.test`, name: role, passwordHash: "scrypt$secret-hash", totpSecret: "totp-secret" } }));
      }
      return { tenantId: tenant.id, users };
    },
    app.prisma,
  );
  const tdb = forTenant(tenantId, app.prisma);
  const ctxs = new Map<Role, SettingsContext>();
  for (const [i, role] of roles.entries()) {
    await tdb.membership.create({ data: { tenantId, userId: users[i]!.id, role } });
    ctxs.set(role, { db: tdb, actor: { userId: users[i]!.id, role, label: users[i]!.email } });
  }
  if (customers > 0) {
    await tdb.customer.createMany({ data: Array.from({ length: customers }, (_, i) => ({ tenantId, name: i === 0 ? "=danger()" : `Customer ${i}`, email: `c${i}@${slug}.test` })) });
    const first = await tdb.customer.findFirstOrThrow({ where: { name: "=danger()" } });
    const deal = await tdb.deal.create({ data: { tenantId, customerId: first.id, title: "Big deal", valueCents: 123_456_789_012n, ownerId: users[0]!.id } });
    await tdb.note.create({ data: { tenantId, customerId: first.id, dealId: deal.id, authorId: users[1]!.id, body: "Call back, \"soon\"" } });
  }
  await tdb.invitation.create({ data: { tenantId, email: `new@${slug}.test`, role: "MEMBER", tokenHash: "secret-token-hash", expiresAt: new Date(Date.now() + 86_400_000) } });
  return { tenantId, db: tdb, as: (role) => ctxs.get(role)! };
}

describe("requesting an export", () => {
  it("is for the owner only, on plans with data export, one at a time", async () => {
    const ws = await workspace();
    for (const role of ["ADMIN", "MEMBER", "VIEWER"] as const) {
      await expect(requestDataExport(ws.as(role))).rejects.toThrow(ForbiddenError);
    }
    const { id } = await requestDataExport(ws.as("OWNER"));
    expect((await listDataExports(ws.as("OWNER"))).map((e) => [e.id, e.status, e.downloadable])).toEqual([[id, "QUEUED", false]]);
    await expect(requestDataExport(ws.as("OWNER"))).rejects.toThrow("An export is already being prepared.");
    expect(await ws.db.auditLog.count({ where: { action: "workspace.export_requested", targetId: id } })).toBe(1);

    const free = await workspace({ trial: false });
    await expect(requestDataExport(free.as("OWNER"))).rejects.toThrow("Your Free plan does not include data export.");
  });
});

describe("the worker", () => {
  it("builds a zip with JSON and CSV of every table, without secrets, and marks it done", async () => {
    const ws = await workspace();
    const { id } = await requestDataExport(ws.as("OWNER"));
    expect(await runDataExport(ws.tenantId, id, { client: app.prisma })).toBe(true);
    const [view] = await listDataExports(ws.as("OWNER"));
    expect(view).toMatchObject({ id, status: "DONE", progress: 100, downloadable: true, error: null });
    // 3 customers, 1 deal, 1 note, 4 members, 1 invitation, 1 audit entry (the request).
    expect(view!.rowCount).toBe(11);
    expect(view!.expiresAt!.getTime() - view!.finishedAt!.getTime()).toBe(7 * 86_400_000);

    const archive = await exportArchive(ws.as("OWNER"), id);
    const files = unzipSync(archive!.bytes);
    expect(view!.archiveBytes).toBe(archive!.bytes.byteLength);
    expect(Object.keys(files).sort()).toEqual(
      ["audit_log", "customers", "deals", "invitations", "members", "notes"].flatMap((t) => [`${t}.csv`, `${t}.json`]).concat("workspace.json").sort(),
    );
    const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Record<string, unknown>[];
    expect(json("customers.json")).toHaveLength(3);
    expect(json("deals.json")[0]).toMatchObject({ title: "Big deal", valueCents: "123456789012" });
    const members = json("members.json");
    expect(members.map((m) => m.role).sort()).toEqual(["ADMIN", "MEMBER", "OWNER", "VIEWER"]);
    expect(Object.keys(members[0]!).sort()).toEqual(["createdAt", "email", "id", "name", "role", "userId"]);
    expect(Object.keys(json("invitations.json")[0]!)).not.toContain("tokenHash");
    const everything = Object.values(files).map((f) => strFromU8(f)).join("\n");
    for (const secret of ["secret-hash", "totp-secret", "secret-token-hash"]) expect(everything).not.toContain(secret);
    expect(json("workspace.json" as never)).toMatchObject({ id: ws.tenantId, counts: { customers: 3, members: 4 } });

    const csv = strFromU8(files["customers.csv"]!);
    expect([...files["customers.csv"]!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM (decoding drops it)
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("id,kind,name,email,phone,website,company,address,archivedAt,createdAt,updatedAt");
    expect(csv).toContain(",'=danger(),"); // CSV-injection safe here too
    expect(strFromU8(files["notes.csv"]!)).toContain('"Call back, ""soon"""');
  });

  it("reports progress page by page up to every row", async () => {
    const ws = await workspace({ customers: 2_500 });
    const seen: [number, number][] = [];
    const result = await buildWorkspaceArchive(ws.db, { id: ws.tenantId }, async (done, total) => void seen.push([done, total]));
    const total = 2_500 + 1 + 1 + 4 + 1;
    expect(result.rowCount).toBe(total);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(seen.some(([d]) => d > 0 && d < total)).toBe(true);
    expect(seen.at(-1)![0]).toBe(total);
  });

  it("claims each export once, even with several instances at it", async () => {
    const a = await workspace({ customers: 1 });
    const b = await workspace({ customers: 1 });
    const first = await requestDataExport(a.as("OWNER"));
    const second = await requestDataExport(b.as("OWNER"));
    const direct = await Promise.all([runDataExport(a.tenantId, first.id, { client: app.prisma }), runDataExport(a.tenantId, first.id, { client: app.prisma })]);
    expect(direct.filter(Boolean)).toHaveLength(1);
    const queued = await crossTenant({ actor: system, action: "test.read", reason: "check" }, (tx) => tx.dataExport.count({ where: { status: "QUEUED" } }), app.prisma);
    expect(queued).toBeGreaterThanOrEqual(1); // b's, and any other test's
    const sweeps = await Promise.all([runQueuedDataExports({ client: app.prisma }), runQueuedDataExports({ client: app.prisma })]);
    expect(sweeps[0] + sweeps[1]).toBe(queued); // each built by exactly one of the two
    expect((await listDataExports(b.as("OWNER")))[0]).toMatchObject({ id: second.id, status: "DONE" });
    // The sweep crossed tenants through crossTenant: audited.
    const audited = await crossTenant({ actor: system, action: "test.read", reason: "check" }, (tx) => tx.platformAuditEvent.count({ where: { action: "workspace.export.sweep" } }), app.prisma);
    expect(audited).toBeGreaterThanOrEqual(2);
  });

  it("re-runs an export whose worker died (RUNNING past its lease) and leaves a live one alone", async () => {
    const ws = await workspace({ customers: 1 });
    const { id } = await requestDataExport(ws.as("OWNER"));
    await ws.db.dataExport.updateMany({ where: { id }, data: { status: "RUNNING", startedAt: new Date() } });
    expect(await runDataExport(ws.tenantId, id, { client: app.prisma })).toBe(false);
    await ws.db.dataExport.updateMany({ where: { id }, data: { startedAt: new Date(Date.now() - 60 * 60_000) } });
    expect(await runQueuedDataExports({ client: app.prisma })).toBeGreaterThanOrEqual(1);
    expect((await listDataExports(ws.as("OWNER")))[0]).toMatchObject({ id, status: "DONE" });
  });

  it("never serves another workspace's archive, nor an expired one", async () => {
    const a = await workspace({ customers: 1 });
    const b = await workspace({ customers: 1 });
    const { id } = await requestDataExport(a.as("OWNER"));
    await runDataExport(a.tenantId, id, { client: app.prisma });
    expect(await exportArchive(a.as("OWNER"), id)).not.toBeNull();
    expect(await exportArchive(b.as("OWNER"), id)).toBeNull();
    await expect(exportArchive(a.as("ADMIN"), id)).rejects.toThrow(ForbiddenError);
    expect(await exportArchive(a.as("OWNER"), "not-an-id")).toBeNull();
    const later = { ...a.as("OWNER"), now: () => new Date(Date.now() + 8 * 86_400_000) };
    expect(await exportArchive(later, id)).toBeNull();
    expect((await listDataExports(later))[0]!.downloadable).toBe(false);
    // The sweep drops expired bytes.
    await runQueuedDataExports({ client: app.prisma, now: () => new Date(Date.now() + 8 * 86_400_000) });
    expect((await a.db.dataExport.findFirstOrThrow({ where: { id } })).archive).toBeNull();
  });
});
