// Deleting a workspace (lib/workspace/deletion.ts, purge.ts; docs/data.md) against real
// PostgreSQL: the owner's typed confirmation, members told by e-mail, restore within the grace
// period (owner deletes only), the purge after it — founder deletes included — and the
// subdomain's quarantine throughout and after.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteWorkspace as founderDelete } from "@/lib/admin/tenant-actions";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { deleteWorkspaceAsOwner, listDeletedWorkspaces, restoreWorkspaceAsOwner, retentionDays } from "@/lib/workspace/deletion";
import { purgeDeletedWorkspaces } from "@/lib/workspace/purge";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "deletion-test" } as const;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const platform = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "test" }, fn, app.prisma);

type Sent = { to: string; template: string; props: Record<string, unknown> };
let counter = 0;
async function workspace() {
  const slug = `del-${++counter}-${crypto.randomBytes(3).toString("hex")}`;
  const roles: Role[] = ["OWNER", "ADMIN", "MEMBER"];
  const { tenantId, users } = await crossTenant(
    { actor: system, action: "test.setup", reason: "deletion test workspace" },
    async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug, name: `Deletion ${counter}` } });
      const users = [];
      for (const role of roles) users.push(await tx.user.create({ data: { email: `${role.toLowerCase()}@${slug}.test` } }));
      for (const [i, role] of roles.entries()) await tx.membership.create({ data: { tenantId: tenant.id, userId: users[i]!.id, role } });
      await tx.customer.create({ data: { tenantId: tenant.id, name: "Kept until the purge" } });
      return { tenantId: tenant.id, users };
    },
    app.prisma,
  );
  const who = (role: Role) => {
    const u = users[roles.indexOf(role)]!;
    return { userId: u.id, label: u.email };
  };
  const sent: Sent[] = [];
  const mail = async (input: { to: string; template: string; props: unknown }) => void sent.push(input as Sent);
  return { slug, tenantId, who, sent, mail: mail as never };
}

const tenantRow = (id: string) => platform((tx) => tx.tenant.findUnique({ where: { id } }));
const quarantine = (slug: string) => platform((tx) => tx.slugQuarantine.findUnique({ where: { slug } }));

describe("the owner deletes a workspace", () => {
  it("needs the subdomain typed and the OWNER role", async () => {
    const ws = await workspace();
    const opts = { client: app.prisma, mail: ws.mail };
    expect(await deleteWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, "nope", opts)).toEqual({ ok: false, message: `Type the subdomain “${ws.slug}” to confirm.` });
    expect(await deleteWorkspaceAsOwner(ws.who("ADMIN"), ws.tenantId, ws.slug, opts)).toEqual({ ok: false, message: "Only owners can delete or restore this workspace." });
    expect((await tenantRow(ws.tenantId))!.status).toBe("ACTIVE");
    expect(ws.sent).toEqual([]);
  });

  it("soft-deletes with a grace period, quarantines the name, tells every member, and audits", async () => {
    const ws = await workspace();
    const now = new Date();
    const result = await deleteWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, ` ${ws.slug.toUpperCase()} `, { client: app.prisma, mail: ws.mail, now });
    expect(result.ok).toBe(true);
    const row = await tenantRow(ws.tenantId);
    expect(row).toMatchObject({ status: "DELETED", deletedBy: "owner", deletedAt: now, purgeAfter: new Date(now.getTime() + retentionDays() * DAY) });
    expect((await quarantine(ws.slug))!.releasedAt.getTime()).toBeGreaterThan(row!.purgeAfter!.getTime());
    expect(ws.sent.map((m) => [m.to, m.template]).sort()).toEqual(
      ["admin", "member", "owner"].map((r) => [`${r}@${ws.slug}.test`, "workspace-deleted"]),
    );
    expect(ws.sent[0]!.props).toMatchObject({ workspaceName: row!.name, deletedBy: ws.who("OWNER").label, url: expect.stringMatching(/\/account$/) });
    const audit = await forTenant(ws.tenantId, app.prisma).auditLog.findMany({ where: { action: "workspace.deleted" } });
    expect(audit).toHaveLength(1);
    const platformEvents = await platform((tx) => tx.platformAuditEvent.count({ where: { action: "workspace.delete", subjectTenantId: ws.tenantId } }));
    expect(platformEvents).toBe(1);
    // Deleting twice is refused.
    expect(await deleteWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, ws.slug, { client: app.prisma, mail: ws.mail })).toEqual({ ok: false, message: "This workspace is already deleted." });
  });

  it("a paying workspace deleted by its owner leaves MRR, and comes back with it when restored", async () => {
    const ws = await workspace();
    await platform((tx) =>
      tx.tenant.update({ where: { id: ws.tenantId }, data: { plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: 2 } }),
    );
    const history = () => platform((tx) => tx.subscriptionChange.findMany({ where: { subjectTenantId: ws.tenantId }, orderBy: { at: "asc" } }));
    expect((await deleteWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, ws.slug, { client: app.prisma, mail: ws.mail })).ok).toBe(true);
    const afterDelete = await history();
    expect(afterDelete.at(-2)!.mrrCents).toBeGreaterThan(0); // the state before, backfilled
    expect(afterDelete.at(-1)!.mrrCents).toBe(0);
    expect((await restoreWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, { client: app.prisma })).ok).toBe(true);
    expect((await history()).at(-1)!.mrrCents).toBe(afterDelete.at(-2)!.mrrCents);
  });

  it("can be restored by an owner during the grace period (not by others, not after it)", async () => {
    const ws = await workspace();
    await deleteWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, ws.slug, { client: app.prisma, mail: ws.mail });
    const listed = await listDeletedWorkspaces(ws.who("OWNER").userId, { client: app.prisma });
    expect(listed).toEqual([expect.objectContaining({ id: ws.tenantId, slug: ws.slug, restorable: true })]);
    expect(await listDeletedWorkspaces(ws.who("ADMIN").userId, { client: app.prisma })).toEqual([]);
    expect((await restoreWorkspaceAsOwner(ws.who("ADMIN"), ws.tenantId, { client: app.prisma })).ok).toBe(false);
    const late = new Date(Date.now() + (retentionDays() + 1) * DAY);
    expect((await restoreWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, { client: app.prisma, now: late })).ok).toBe(false);

    expect(await restoreWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, { client: app.prisma })).toEqual({ ok: true, message: `The workspace ${ws.slug} is back.` });
    expect(await tenantRow(ws.tenantId)).toMatchObject({ status: "ACTIVE", deletedAt: null, purgeAfter: null, deletedBy: null });
    expect(await quarantine(ws.slug)).toBeNull();
    expect(await forTenant(ws.tenantId, app.prisma).customer.count()).toBe(1);
  });

  it("an owner cannot undo a founder's delete", async () => {
    const ws = await workspace();
    const founder = { kind: "user", userId: ws.who("OWNER").userId, label: "founder@tenantry.test" } as const;
    expect((await founderDelete(founder, ws.tenantId, "abuse", new Date(), app.prisma)).ok).toBe(true);
    expect((await tenantRow(ws.tenantId))!.deletedBy).toBe("founder");
    expect((await listDeletedWorkspaces(ws.who("OWNER").userId, { client: app.prisma }))[0]).toMatchObject({ restorable: false });
    expect((await restoreWorkspaceAsOwner(ws.who("OWNER"), ws.tenantId, { client: app.prisma })).ok).toBe(false);
  });
});

describe("the purge", () => {
  it("hard-deletes owner- and founder-deleted workspaces past their grace period, once, keeping the name quarantined", async () => {
    const owner = await workspace();
    const founderDeleted = await workspace();
    const alive = await workspace();
    const recent = await workspace();
    const then = new Date(Date.now() - (retentionDays() + 1) * DAY);
    await deleteWorkspaceAsOwner(owner.who("OWNER"), owner.tenantId, owner.slug, { client: app.prisma, mail: owner.mail, now: then });
    const founder = { kind: "user", userId: founderDeleted.who("OWNER").userId, label: "founder@tenantry.test" } as const;
    await founderDelete(founder, founderDeleted.tenantId, "", then, app.prisma);
    await deleteWorkspaceAsOwner(recent.who("OWNER"), recent.tenantId, recent.slug, { client: app.prisma, mail: recent.mail });

    const runs = await Promise.all([purgeDeletedWorkspaces(new Date(), { client: app.prisma }), purgeDeletedWorkspaces(new Date(), { client: app.prisma })]);
    expect(runs.flat().sort()).toEqual([owner.slug, founderDeleted.slug].sort()); // each purged by exactly one run

    for (const gone of [owner, founderDeleted]) {
      expect(await tenantRow(gone.tenantId)).toBeNull();
      expect(await platform((tx) => tx.customer.count({ where: { tenantId: gone.tenantId } }))).toBe(0);
      expect(await platform((tx) => tx.membership.count({ where: { tenantId: gone.tenantId } }))).toBe(0);
      expect((await quarantine(gone.slug))!.releasedAt.getTime()).toBeGreaterThan(Date.now());
      // The users themselves stay (they may belong to other workspaces).
      expect(await platform((tx) => tx.user.count({ where: { id: gone.who("OWNER").userId } }))).toBe(1);
    }
    expect((await tenantRow(alive.tenantId))!.status).toBe("ACTIVE");
    expect((await tenantRow(recent.tenantId))!.status).toBe("DELETED");
    const audited = await platform((tx) => tx.platformAuditEvent.count({ where: { action: "workspace.purge", subjectTenantId: owner.tenantId } }));
    expect(audited).toBeGreaterThanOrEqual(1);
    expect(await purgeDeletedWorkspaces(new Date(), { client: app.prisma })).toEqual([]);
  });
});
