// A user deletes their own account (lib/account/delete-account.ts, docs/data.md) against real
// PostgreSQL: typed confirmation and password, refused while the only owner of a live
// workspace, memberships gone, notes and deals kept without an author/owner, sessions over,
// audited in every workspace and platform-wide.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount, soleOwnerships } from "@/lib/account/delete-account";
import { hashPassword } from "@/lib/auth/password";
import { currentSessionVersion } from "@/lib/auth/session-version";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "account-test" } as const;
const PASSWORD = "correct horse battery";
let hash: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const platform = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "test" }, fn, app.prisma);
let counter = 0;
const newUser = (withPassword = true) =>
  platform((tx) => tx.user.create({ data: { email: `u${++counter}-${crypto.randomBytes(3).toString("hex")}@acct.test`, passwordHash: withPassword ? hash : null } }));
async function workspace(members: [string, Role][], status: "ACTIVE" | "DELETED" = "ACTIVE") {
  return platform(async (tx) => {
    const tenant = await tx.tenant.create({ data: { slug: `acct-${++counter}-${crypto.randomBytes(3).toString("hex")}`, name: `Account ${counter}`, status } });
    for (const [userId, role] of members) await tx.membership.create({ data: { tenantId: tenant.id, userId, role } });
    return tenant;
  });
}

describe("deleting your own account", () => {
  it("needs the e-mail typed and the right password", async () => {
    const user = await newUser();
    expect(await deleteAccount(user.id, { confirmation: "someone@else.test", password: PASSWORD }, { client: app.prisma })).toMatchObject({ ok: false, field: "confirmation" });
    expect(await deleteAccount(user.id, { confirmation: user.email, password: "wrong password!" }, { client: app.prisma })).toEqual({
      ok: false,
      message: "That password is not correct.",
      field: "password",
    });
    expect(await platform((tx) => tx.user.count({ where: { id: user.id } }))).toBe(1);
  });

  it("is refused while the user is the only owner of a live workspace, with what to do", async () => {
    const user = await newUser();
    const other = await newUser();
    const mine = await workspace([[user.id, "OWNER"], [other.id, "MEMBER"]]);
    expect((await soleOwnerships(user.id, app.prisma)).map((w) => w.slug)).toEqual([mine.slug]);
    const refused = await deleteAccount(user.id, { confirmation: user.email, password: PASSWORD }, { client: app.prisma });
    expect(refused).toEqual({ ok: false, message: `You are the only owner of “${mine.name}”. Make another member an owner (Members → Transfer ownership) or delete the workspace first.`, field: undefined });
    expect(await platform((tx) => tx.user.count({ where: { id: user.id } }))).toBe(1);
    // With a second owner it goes through; a deleted workspace does not block either.
    await platform((tx) => tx.membership.updateMany({ where: { tenantId: mine.id, userId: other.id }, data: { role: "OWNER" } }));
    await workspace([[user.id, "OWNER"]], "DELETED");
    expect(await soleOwnerships(user.id, app.prisma)).toEqual([]);
    expect(await deleteAccount(user.id, { confirmation: user.email, password: PASSWORD }, { client: app.prisma })).toEqual({ ok: true });
  });

  it("removes the memberships, keeps notes and deals without author/owner, ends sessions, and audits everywhere", async () => {
    const user = await newUser();
    const owner = await newUser();
    const a = await workspace([[owner.id, "OWNER"], [user.id, "ADMIN"]]);
    const b = await workspace([[owner.id, "OWNER"], [user.id, "VIEWER"]]);
    const tdb = forTenant(a.id, app.prisma);
    const customer = await tdb.customer.create({ data: { tenantId: a.id, name: "Kept" } });
    const deal = await tdb.deal.create({ data: { tenantId: a.id, customerId: customer.id, title: "Kept deal", ownerId: user.id } });
    const note = await tdb.note.create({ data: { tenantId: a.id, customerId: customer.id, authorId: user.id, body: "Kept note" } });
    await tdb.handoffToken.create({ data: { tenantId: a.id, userId: user.id, tokenHash: "h", expiresAt: new Date(Date.now() + 60_000) } });
    expect(await currentSessionVersion(user.id, app.prisma)).toBe(0);

    expect(await deleteAccount(user.id, { confirmation: ` ${user.email.toUpperCase()} `, password: PASSWORD }, { client: app.prisma })).toEqual({ ok: true });

    expect(await platform((tx) => tx.user.count({ where: { id: user.id } }))).toBe(0);
    expect(await platform((tx) => tx.membership.count({ where: { userId: user.id } }))).toBe(0);
    expect(await tdb.deal.findFirst({ where: { id: deal.id }, select: { ownerId: true, title: true } })).toEqual({ ownerId: null, title: "Kept deal" });
    expect(await tdb.note.findFirst({ where: { id: note.id }, select: { authorId: true, body: true } })).toEqual({ authorId: null, body: "Kept note" });
    expect(await tdb.handoffToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await currentSessionVersion(user.id, app.prisma)).toBeNull(); // every session check now fails
    for (const ws of [a, b]) {
      const entries = await forTenant(ws.id, app.prisma).auditLog.findMany({ where: { action: "member.account_deleted" } });
      expect(entries).toEqual([expect.objectContaining({ actorLabel: user.email, targetId: user.id })]);
    }
    expect(await platform((tx) => tx.platformAuditEvent.count({ where: { action: "account.delete", actorId: user.id } }))).toBe(1);
  });

  it("an account without a password (magic link / OAuth) needs only the typed confirmation", async () => {
    const user = await newUser(false);
    expect(await deleteAccount(user.id, { confirmation: user.email }, { client: app.prisma })).toEqual({ ok: true });
    expect(await deleteAccount(user.id, { confirmation: user.email }, { client: app.prisma })).toEqual({ ok: false, message: "This account no longer exists." });
  });
});
