// Members, roles and invitations (lib/members/), read as a specification. Real PostgreSQL as
// the restricted app role, through forTenant() — the same code the members page calls.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant, type TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  changeMemberRole,
  inviteMember,
  leaveWorkspace,
  listMembers,
  lookupInvitation,
  MembersError,
  removeMember,
  resendInvitation,
  revokeInvitation,
  transferOwnership,
  type InvitationEmail,
  type MembersContext,
} from "@/lib/members";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "members-test" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const DAY = 24 * 60 * 60 * 1000;
let now = new Date("2030-01-01T12:00:00Z");
const clock = () => now;
const outbox: InvitationEmail[] = [];
const mailer = async (mail: InvitationEmail) => {
  outbox.push(mail);
};
const tokenOf = (mail: InvitationEmail | undefined) => mail!.url.split("/invite/")[1]!;
const lastMailTo = (email: string) => outbox.filter((m) => m.to === email).at(-1);
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

type Person = { userId: string; email: string; membershipId: string; role: Role; ctx: MembersContext };
type Workspace = { tenantId: string; slug: string; db: TenantDb; people: Person[]; person(role: Role, n?: number): Person };

let counter = 0;
/** A fresh workspace with one member per role given (emails role<n>@<slug>.test). */
async function workspace(roles: Role[]): Promise<Workspace> {
  const slug = `mem-${++counter}-${crypto.randomBytes(3).toString("hex")}`;
  const { tenantId, users } = await crossTenant(
    { actor: system, action: "test.setup", reason: "members test workspace" },
    async (tx) => {
      // On the card-less trial (Pro, 100 seats) like a new signup: seat limits are billing.test.ts's.
      const tenant = await tx.tenant.create({ data: { slug, name: `Workspace ${counter}`, trialEndsAt: new Date(Date.now() + 30 * 86_400_000) } });
      const users = [];
      for (const [i, role] of roles.entries()) {
        users.push(await tx.user.create({ data: { email: `${role.toLowerCase()}${i}@${slug}.test`, name: `${role} ${i}` } }));
      }
      return { tenantId: tenant.id, users };
    },
    app.prisma,
  );
  const tdb = forTenant(tenantId, app.prisma);
  const people: Person[] = [];
  for (const [i, role] of roles.entries()) {
    const user = users[i]!;
    const m = await tdb.membership.create({ data: { tenantId, userId: user.id, role } });
    people.push({ userId: user.id, email: user.email, membershipId: m.id, role, ctx: { db: tdb, actor: { userId: user.id, role, label: user.email }, now: clock, mailer } });
  }
  return {
    tenantId,
    slug,
    db: tdb,
    people,
    person(role, n = 0) {
      return people.filter((p) => p.role === role)[n]!;
    },
  };
}

async function newUser(email: string) {
  return crossTenant({ actor: system, action: "test.user", reason: "test user" }, (tx) => tx.user.create({ data: { email } }), app.prisma);
}

async function auditActions(w: Workspace) {
  return (await w.db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((a) => a.action);
}

async function rejects(promise: Promise<unknown>, type: typeof MembersError | typeof ForbiddenError, message?: string | RegExp, code?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a rejection").toBeInstanceOf(type);
  if (message) expect((error as Error).message).toMatch(message);
  if (code) expect((error as MembersError).code).toBe(code);
}

describe("listing", () => {
  it("shows members with their email and name, owners first, and pending invitations", async () => {
    const w = await workspace(["VIEWER", "OWNER", "ADMIN", "MEMBER"]);
    await inviteMember(w.person("ADMIN").ctx, { email: "new@list.test", role: "MEMBER" });
    const { members, invitations } = await listMembers(w.person("VIEWER").ctx);
    expect(members.map((m) => m.role)).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    expect(members[0]).toMatchObject({ email: w.person("OWNER").email, name: "OWNER 1", isYou: false });
    expect(members.find((m) => m.isYou)?.email).toBe(w.person("VIEWER").email);
    expect(invitations).toEqual([expect.objectContaining({ email: "new@list.test", role: "MEMBER", expired: false })]);
    expect(invitations[0]).not.toHaveProperty("tokenHash");
  });

  it("shows only this workspace's members", async () => {
    const a = await workspace(["OWNER"]);
    const b = await workspace(["OWNER", "MEMBER"]);
    expect((await listMembers(a.person("OWNER").ctx)).members).toHaveLength(1);
    expect((await listMembers(b.person("OWNER").ctx)).members).toHaveLength(2);
  });
});

describe("invite", () => {
  it("normalises the email, stores only the token's hash, expires in 7 days, mails the link, returns no token", async () => {
    const w = await workspace(["OWNER"]);
    const result = await inviteMember(w.person("OWNER").ctx, { email: "  Ada.Lovelace@Example.COM ", role: "ADMIN" });
    expect(Object.keys(result).sort()).toEqual(["email", "expiresAt", "id", "role"]);
    expect(result.email).toBe("ada.lovelace@example.com");
    expect(result.expiresAt.getTime()).toBe(now.getTime() + 7 * DAY);

    const mail = lastMailTo("ada.lovelace@example.com")!;
    expect(mail).toMatchObject({ workspaceName: "Workspace " + w.slug.split("-")[1], inviterName: w.person("OWNER").email, role: "ADMIN" });
    expect(mail.url).toMatch(new RegExp(`^http://${w.slug}\\.localhost:3000/invite/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(mail);
    const stored = await w.db.invitation.findFirstOrThrow({ where: { id: result.id } });
    expect(stored.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.invitedById).toBe(w.person("OWNER").userId);

    const log = await w.db.auditLog.findFirstOrThrow({ where: { action: "invitation.create" } });
    expect(log).toMatchObject({ actorId: w.person("OWNER").userId, targetId: result.id, data: { email: "ada.lovelace@example.com", role: "ADMIN" } });
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it("members and viewers cannot invite; admins cannot invite owners; nobody invites above themselves", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    await rejects(inviteMember(w.person("MEMBER").ctx, { email: "x@y.test", role: "VIEWER" }), ForbiddenError, "Only owners and admins can invite members.");
    await rejects(inviteMember(w.person("VIEWER").ctx, { email: "x@y.test", role: "VIEWER" }), ForbiddenError, "Only owners and admins can invite members.");
    await rejects(inviteMember(w.person("ADMIN").ctx, { email: "x@y.test", role: "OWNER" }), ForbiddenError, "Only owners can invite owners.");
    await inviteMember(w.person("ADMIN").ctx, { email: "admin2@y.test", role: "ADMIN" });
    await inviteMember(w.person("OWNER").ctx, { email: "owner2@y.test", role: "OWNER" });
    expect(await w.db.invitation.count()).toBe(2);
  });

  it("refuses an existing member (case-insensitive) and invalid input", async () => {
    const w = await workspace(["OWNER", "MEMBER"]);
    const ctx = w.person("OWNER").ctx;
    await rejects(inviteMember(ctx, { email: w.person("MEMBER").email.toUpperCase(), role: "VIEWER" }), MembersError, "already a member", "already-member");
    await rejects(inviteMember(ctx, { email: "not-an-email", role: "VIEWER" }), MembersError, "Enter a valid email address.", "invalid");
    await rejects(inviteMember(ctx, { email: "a@b.test", role: "SUPERUSER" }), MembersError, /Choose a role/, "invalid");
    await rejects(inviteMember(ctx, { email: 42, role: "VIEWER" }), MembersError, undefined, "invalid");
    expect(await w.db.invitation.count()).toBe(0);
  });

  it("a re-invite replaces the pending invitation: one row, new role, the old link dies", async () => {
    const w = await workspace(["OWNER", "MEMBER"]);
    const ctx = w.person("OWNER").ctx;
    const first = await inviteMember(ctx, { email: "twice@x.test", role: "VIEWER" });
    const oldToken = tokenOf(lastMailTo("twice@x.test"));
    const second = await inviteMember(ctx, { email: "TWICE@x.test", role: "MEMBER" });
    const newToken = tokenOf(lastMailTo("twice@x.test"));
    expect(second.id).toBe(first.id);
    expect(newToken).not.toBe(oldToken);
    expect(await w.db.invitation.count({ where: { email: "twice@x.test", acceptedAt: null, revokedAt: null } })).toBe(1);
    expect(await lookupInvitation(w.db, oldToken)).toBeNull();
    const user = await newUser("twice@x.test");
    await rejects(acceptInvitation({ db: w.db, user, now: clock }, oldToken), MembersError, "not valid", "not-found");
    expect(await acceptInvitation({ db: w.db, user, now: clock }, newToken)).toMatchObject({ role: "MEMBER", alreadyMember: false });
    expect(await auditActions(w)).toEqual(["invitation.create", "invitation.resend", "invitation.accept"]);
  });

  it("concurrent invites of one address leave a single pending invitation", async () => {
    const w = await workspace(["OWNER", "ADMIN"]);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => inviteMember(w.person(i % 2 ? "ADMIN" : "OWNER").ctx, { email: "race@x.test", role: i % 3 ? "MEMBER" : "VIEWER" })),
    );
    expect(await w.db.invitation.count({ where: { email: "race@x.test", revokedAt: null } })).toBe(1);
  });

  it("an email that cannot be sent is a clear error; the invitation stays for a resend", async () => {
    const w = await workspace(["OWNER"]);
    const ctx = { ...w.person("OWNER").ctx, mailer: async () => Promise.reject(new Error("smtp down")) };
    const logged = console.error;
    console.error = () => {};
    try {
      await rejects(inviteMember(ctx, { email: "lost@x.test", role: "MEMBER" }), MembersError, /could not be sent/, "email-failed");
    } finally {
      console.error = logged;
    }
    expect(await w.db.invitation.count({ where: { email: "lost@x.test" } })).toBe(1);
  });

  it("a stale session role does not help: the role is re-read in the transaction", async () => {
    const w = await workspace(["OWNER", "ADMIN"]);
    const admin = w.person("ADMIN");
    await changeMemberRole(w.person("OWNER").ctx, { membershipId: admin.membershipId, role: "VIEWER" });
    await rejects(inviteMember(admin.ctx /* still says ADMIN */, { email: "x@y.test", role: "VIEWER" }), ForbiddenError, "Only owners and admins can invite members.");
    await removeMember(w.person("OWNER").ctx, { membershipId: admin.membershipId });
    await rejects(inviteMember(admin.ctx, { email: "x@y.test", role: "VIEWER" }), MembersError, "no longer a member");
  });
});

describe("resend and revoke", () => {
  it("resend issues a new token and expiry; the old token is dead", async () => {
    const w = await workspace(["OWNER", "ADMIN"]);
    const invited = await inviteMember(w.person("OWNER").ctx, { email: "r@x.test", role: "MEMBER" });
    const oldToken = tokenOf(lastMailTo("r@x.test"));
    now = new Date(now.getTime() + 3 * DAY);
    const resent = await resendInvitation(w.person("ADMIN").ctx, { invitationId: invited.id });
    const newToken = tokenOf(lastMailTo("r@x.test"));
    expect(newToken).not.toBe(oldToken);
    expect(resent.expiresAt.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(await lookupInvitation(w.db, oldToken, { now: clock })).toBeNull();
    expect(await lookupInvitation(w.db, newToken, { now: clock })).toMatchObject({ email: "r@x.test", status: "pending" });
  });

  it("an expired invitation can be resent and then accepted", async () => {
    const w = await workspace(["OWNER"]);
    const invited = await inviteMember(w.person("OWNER").ctx, { email: "late@x.test", role: "VIEWER" });
    now = new Date(now.getTime() + 8 * DAY);
    expect(await lookupInvitation(w.db, tokenOf(lastMailTo("late@x.test")), { now: clock })).toMatchObject({ status: "expired" });
    await resendInvitation(w.person("OWNER").ctx, { invitationId: invited.id });
    const user = await newUser("late@x.test");
    expect(await acceptInvitation({ db: w.db, user, now: clock }, tokenOf(lastMailTo("late@x.test")))).toMatchObject({ role: "VIEWER" });
  });

  it("revoke ends the invitation: its link fails, it cannot be resent or revoked again", async () => {
    const w = await workspace(["OWNER"]);
    const ctx = w.person("OWNER").ctx;
    const invited = await inviteMember(ctx, { email: "rev@x.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("rev@x.test"));
    await revokeInvitation(ctx, { invitationId: invited.id });
    expect(await lookupInvitation(w.db, token, { now: clock })).toMatchObject({ status: "revoked" });
    const user = await newUser("rev@x.test");
    await rejects(acceptInvitation({ db: w.db, user, now: clock }, token), MembersError, "revoked", "invitation-revoked");
    await rejects(resendInvitation(ctx, { invitationId: invited.id }), MembersError, "revoked", "invitation-revoked");
    await rejects(revokeInvitation(ctx, { invitationId: invited.id }), MembersError, "revoked", "invitation-revoked");
    expect((await listMembers(ctx)).invitations).toEqual([]);
    expect(await auditActions(w)).toEqual(["invitation.create", "invitation.revoke"]);
  });

  it("members cannot resend or revoke; admins cannot touch an owner's invitation; unknown ids are not found", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER"]);
    const forOwner = await inviteMember(w.person("OWNER").ctx, { email: "o2@x.test", role: "OWNER" });
    const forMember = await inviteMember(w.person("OWNER").ctx, { email: "m2@x.test", role: "MEMBER" });
    await rejects(resendInvitation(w.person("MEMBER").ctx, { invitationId: forMember.id }), ForbiddenError, "Only owners and admins can resend invitations.");
    await rejects(revokeInvitation(w.person("MEMBER").ctx, { invitationId: forMember.id }), ForbiddenError, "Only owners and admins can revoke invitations.");
    await rejects(revokeInvitation(w.person("ADMIN").ctx, { invitationId: forOwner.id }), ForbiddenError, /Only owners/);
    await rejects(resendInvitation(w.person("ADMIN").ctx, { invitationId: forOwner.id }), ForbiddenError, /Only owners/);
    await rejects(revokeInvitation(w.person("ADMIN").ctx, { invitationId: crypto.randomUUID() }), MembersError, "does not exist", "not-found");
    await rejects(revokeInvitation(w.person("ADMIN").ctx, { invitationId: "'; drop table x" }), MembersError, undefined, "invalid");
  });
});

describe("accept", () => {
  it("creates the membership with the invited role and marks the invitation accepted, once", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "joiner@x.test", role: "ADMIN" });
    const token = tokenOf(lastMailTo("joiner@x.test"));
    expect(await lookupInvitation(w.db, token, { now: clock })).toMatchObject({ email: "joiner@x.test", role: "ADMIN", status: "pending", workspaceName: expect.stringMatching(/^Workspace /) });

    const user = await newUser("joiner@x.test");
    const result = await acceptInvitation({ db: w.db, user: { id: user.id, email: "Joiner@X.test" }, now: clock }, token);
    expect(result).toMatchObject({ role: "ADMIN", alreadyMember: false });
    const membership = await w.db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ id: result.membershipId, role: "ADMIN" });
    const invitation = await w.db.invitation.findFirstOrThrow({ where: { email: "joiner@x.test" } });
    expect(invitation.acceptedAt).toEqual(now);
    expect(await lookupInvitation(w.db, token, { now: clock })).toMatchObject({ status: "accepted" });

    await rejects(acceptInvitation({ db: w.db, user, now: clock }, token), MembersError, "already been used", "invitation-used");
    const log = await w.db.auditLog.findFirstOrThrow({ where: { action: "invitation.accept" } });
    expect(log).toMatchObject({ actorId: user.id, actorLabel: "Joiner@X.test", targetId: invitation.id });
  });

  it("only the invited address may accept", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "right@x.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("right@x.test"));
    const wrong = await newUser("wrong@x.test");
    await rejects(acceptInvitation({ db: w.db, user: wrong, now: clock }, token), MembersError, /sent to right@x\.test.*signed in as wrong@x\.test/, "wrong-email");
    expect(await w.db.membership.count({ where: { userId: wrong.id } })).toBe(0);
    expect(await lookupInvitation(w.db, token, { now: clock })).toMatchObject({ status: "pending" });
  });

  it("an expired link is refused with a clear error (injected clock)", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "exp@x.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("exp@x.test"));
    const user = await newUser("exp@x.test");
    const justBefore = new Date(now.getTime() + 7 * DAY - 1);
    expect(await lookupInvitation(w.db, token, { now: () => justBefore })).toMatchObject({ status: "pending" });
    const at = new Date(now.getTime() + 7 * DAY);
    await rejects(acceptInvitation({ db: w.db, user, now: () => at }, token), MembersError, "expired", "invitation-expired");
    expect(await w.db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("unknown and malformed tokens are 'not valid' and lookups return null", async () => {
    const w = await workspace(["OWNER"]);
    const user = await newUser(`nobody-${counter}@x.test`);
    for (const token of ["", "short", crypto.randomBytes(32).toString("base64url"), 42, null]) {
      expect(await lookupInvitation(w.db, token)).toBeNull();
      await rejects(acceptInvitation({ db: w.db, user, now: clock }, token), MembersError, "not valid", "not-found");
    }
  });

  it("works for an existing user who belongs to another workspace", async () => {
    const a = await workspace(["OWNER"]);
    const b = await workspace(["OWNER", "MEMBER"]);
    const bMember = b.person("MEMBER");
    await inviteMember(a.person("OWNER").ctx, { email: bMember.email, role: "VIEWER" });
    const result = await acceptInvitation({ db: a.db, user: { id: bMember.userId, email: bMember.email }, now: clock }, tokenOf(lastMailTo(bMember.email)));
    expect(result.role).toBe("VIEWER");
    expect((await listMembers(a.person("OWNER").ctx)).members.map((m) => m.email)).toContain(bMember.email);
    expect((await b.db.membership.findFirstOrThrow({ where: { userId: bMember.userId } })).role).toBe("MEMBER");
  });

  it("a user who is already a member keeps their role and the link is used up", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "both@x.test", role: "ADMIN" });
    const token = tokenOf(lastMailTo("both@x.test"));
    const user = await newUser("both@x.test");
    await w.db.membership.create({ data: { tenantId: w.tenantId, userId: user.id, role: "VIEWER" } }); // joined another way meanwhile
    expect(await acceptInvitation({ db: w.db, user, now: clock }, token)).toMatchObject({ role: "VIEWER", alreadyMember: true });
    expect(await lookupInvitation(w.db, token, { now: clock })).toMatchObject({ status: "accepted" });
  });

  it("the same link accepted concurrently succeeds exactly once", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "dup@x.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("dup@x.test"));
    const user = await newUser("dup@x.test");
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => acceptInvitation({ db: w.db, user, now: clock }, token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as MembersError).code).toBe("invitation-used");
    expect(await w.db.membership.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("changing roles", () => {
  it("owners and admins change roles below or at their own; the change is audited", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    await changeMemberRole(w.person("ADMIN").ctx, { membershipId: w.person("VIEWER").membershipId, role: "ADMIN" });
    await changeMemberRole(w.person("OWNER").ctx, { membershipId: w.person("MEMBER").membershipId, role: "VIEWER" });
    const roles = Object.fromEntries((await listMembers(w.person("OWNER").ctx)).members.map((m) => [m.id, m.role]));
    expect(roles[w.person("VIEWER").membershipId]).toBe("ADMIN");
    expect(roles[w.person("MEMBER").membershipId]).toBe("VIEWER");
    const log = await w.db.auditLog.findFirstOrThrow({ where: { action: "member.role_change", targetId: w.person("VIEWER").membershipId } });
    expect(log.data).toMatchObject({ from: "VIEWER", to: "ADMIN" });
  });

  it("members cannot change roles; admins cannot make owners or change an owner", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    await rejects(changeMemberRole(w.person("MEMBER").ctx, { membershipId: w.person("VIEWER").membershipId, role: "MEMBER" }), ForbiddenError, "Only owners and admins can change member roles.");
    await rejects(changeMemberRole(w.person("ADMIN").ctx, { membershipId: w.person("MEMBER").membershipId, role: "OWNER" }), ForbiddenError, "Only owners can make someone an owner.");
    await rejects(changeMemberRole(w.person("ADMIN").ctx, { membershipId: w.person("OWNER").membershipId, role: "VIEWER" }), ForbiddenError, /Only owners can change the role of owners/);
  });

  it("nobody raises their own role", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER"]);
    await rejects(changeMemberRole(w.person("ADMIN").ctx, { membershipId: w.person("ADMIN").membershipId, role: "OWNER" }), ForbiddenError, "You cannot raise your own role.");
    await rejects(changeMemberRole(w.person("MEMBER").ctx, { membershipId: w.person("MEMBER").membershipId, role: "ADMIN" }), ForbiddenError);
    // lowering your own role is fine
    await changeMemberRole(w.person("ADMIN").ctx, { membershipId: w.person("ADMIN").membershipId, role: "MEMBER" });
  });

  it("the last owner cannot be demoted; with two owners one can step down", async () => {
    const w = await workspace(["OWNER", "OWNER"]);
    const [o1, o2] = [w.person("OWNER", 0), w.person("OWNER", 1)];
    await changeMemberRole(o1.ctx, { membershipId: o2.membershipId, role: "ADMIN" });
    await rejects(changeMemberRole(o1.ctx, { membershipId: o1.membershipId, role: "ADMIN" }), MembersError, "last owner cannot be demoted", "last-owner");
  });

  it("two owners demoting each other at the same time leave one owner", async () => {
    const w = await workspace(["OWNER", "OWNER"]);
    const [o1, o2] = [w.person("OWNER", 0), w.person("OWNER", 1)];
    const results = await Promise.allSettled([
      changeMemberRole(o1.ctx, { membershipId: o2.membershipId, role: "ADMIN" }),
      changeMemberRole(o2.ctx, { membershipId: o1.membershipId, role: "ADMIN" }),
      changeMemberRole(o1.ctx, { membershipId: o1.membershipId, role: "MEMBER" }),
      changeMemberRole(o2.ctx, { membershipId: o2.membershipId, role: "MEMBER" }),
    ]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    expect(await w.db.membership.count({ where: { role: "OWNER" } })).toBe(1);
  });
});

describe("remove and leave", () => {
  it("admins remove members (audited); members cannot remove; admins cannot remove owners", async () => {
    const w = await workspace(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    await rejects(removeMember(w.person("MEMBER").ctx, { membershipId: w.person("VIEWER").membershipId }), ForbiddenError, "Only owners and admins can remove members.");
    await rejects(removeMember(w.person("ADMIN").ctx, { membershipId: w.person("OWNER").membershipId }), ForbiddenError, "Only owners can remove owners.");
    await removeMember(w.person("ADMIN").ctx, { membershipId: w.person("VIEWER").membershipId });
    expect(await w.db.membership.count()).toBe(3);
    expect(await auditActions(w)).toEqual(["member.remove"]);
  });

  it("the last owner can neither be removed nor leave; removing yourself means leaving", async () => {
    const w = await workspace(["OWNER", "ADMIN"]);
    const owner = w.person("OWNER");
    await rejects(removeMember(owner.ctx, { membershipId: owner.membershipId }), MembersError, "Leave workspace", "invalid");
    await rejects(leaveWorkspace(owner.ctx), MembersError, "last owner", "last-owner");
    expect(await w.db.membership.count({ where: { role: "OWNER" } })).toBe(1);
  });

  it("an owner can leave when another owner remains; any member can leave", async () => {
    const w = await workspace(["OWNER", "OWNER", "VIEWER"]);
    await leaveWorkspace(w.person("VIEWER").ctx);
    await leaveWorkspace(w.person("OWNER", 1).ctx);
    await rejects(leaveWorkspace(w.person("OWNER", 0).ctx), MembersError, undefined, "last-owner");
    expect(await w.db.membership.count()).toBe(1);
    expect(await auditActions(w)).toEqual(["member.leave", "member.leave"]);
  });

  it("two owners leaving at the same time: one stays", async () => {
    const w = await workspace(["OWNER", "OWNER"]);
    const results = await Promise.allSettled([leaveWorkspace(w.person("OWNER", 0).ctx), leaveWorkspace(w.person("OWNER", 1).ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await w.db.membership.count({ where: { role: "OWNER" } })).toBe(1);
  });
});

describe("transfer ownership", () => {
  it("makes the target owner and the previous owner admin, atomically and audited", async () => {
    const w = await workspace(["OWNER", "MEMBER"]);
    await transferOwnership(w.person("OWNER").ctx, { membershipId: w.person("MEMBER").membershipId });
    const byId = Object.fromEntries((await w.db.membership.findMany()).map((m) => [m.id, m.role]));
    expect(byId).toEqual({ [w.person("OWNER").membershipId]: "ADMIN", [w.person("MEMBER").membershipId]: "OWNER" });
    expect(await auditActions(w)).toEqual(["ownership.transfer"]);
  });

  it("only owners transfer, to someone else in this workspace", async () => {
    const w = await workspace(["OWNER", "ADMIN"]);
    await rejects(transferOwnership(w.person("ADMIN").ctx, { membershipId: w.person("ADMIN").membershipId }), ForbiddenError, "Only owners can transfer ownership.");
    await rejects(transferOwnership(w.person("OWNER").ctx, { membershipId: w.person("OWNER").membershipId }), MembersError, undefined, "invalid");
    await rejects(transferOwnership(w.person("OWNER").ctx, { membershipId: crypto.randomUUID() }), MembersError, undefined, "not-found");
    expect(await w.db.membership.count({ where: { role: "OWNER" } })).toBe(1);
  });
});

describe("cross-tenant: A's admin aimed at B's ids", () => {
  it("cannot change, remove, transfer to, resend, revoke or accept anything of B", async () => {
    const a = await workspace(["OWNER", "ADMIN"]);
    const b = await workspace(["OWNER", "MEMBER"]);
    const aAdmin = a.person("ADMIN").ctx;
    const aOwner = a.person("OWNER").ctx;
    const bMember = b.person("MEMBER");
    const bInvite = await inviteMember(b.person("OWNER").ctx, { email: "b-only@x.test", role: "MEMBER" });
    const bToken = tokenOf(lastMailTo("b-only@x.test"));

    await rejects(changeMemberRole(aAdmin, { membershipId: bMember.membershipId, role: "VIEWER" }), MembersError, undefined, "not-found");
    await rejects(removeMember(aAdmin, { membershipId: bMember.membershipId }), MembersError, undefined, "not-found");
    await rejects(transferOwnership(aOwner, { membershipId: bMember.membershipId }), MembersError, undefined, "not-found");
    await rejects(resendInvitation(aAdmin, { invitationId: bInvite.id }), MembersError, undefined, "not-found");
    await rejects(revokeInvitation(aAdmin, { invitationId: bInvite.id }), MembersError, undefined, "not-found");
    expect(await lookupInvitation(a.db, bToken)).toBeNull();
    const user = await newUser("b-only@x.test");
    await rejects(acceptInvitation({ db: a.db, user, now: clock }, bToken), MembersError, undefined, "not-found");

    // A's context with B's user as actor: not a member of A, so nothing happens either.
    const intruder: MembersContext = { db: a.db, actor: { userId: b.person("OWNER").userId, role: "OWNER", label: "intruder" }, now: clock, mailer };
    await rejects(removeMember(intruder, { membershipId: a.person("ADMIN").membershipId }), MembersError, "no longer a member");

    // B is untouched.
    expect((await b.db.membership.findFirstOrThrow({ where: { id: bMember.membershipId } })).role).toBe("MEMBER");
    expect(await lookupInvitation(b.db, bToken, { now: clock })).toMatchObject({ status: "pending" });
    expect(await a.db.membership.count()).toBe(2);
    expect(await a.db.auditLog.count()).toBe(0);
  });
});

describe("a new user accepts: account and membership in one transaction", () => {
  const signup = (w: Workspace, token: string, input: { name: unknown; password: unknown }) =>
    acceptInvitationAsNewUser({ tenantId: w.tenantId, now: clock, client: app.prisma }, token, input);
  const userByEmail = (email: string) =>
    crossTenant({ actor: system, action: "test.read", reason: "check" }, (tx) => tx.user.findUnique({ where: { email } }), app.prisma);

  it("creates a verified account for the invited address with the invited role, once", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "New.Person@X.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("new.person@x.test"));
    const result = await signup(w, token, { name: "  New   Person ", password: "a-good-password" });
    expect(result).toMatchObject({ role: "MEMBER", alreadyMember: false, email: "new.person@x.test" });
    const user = await userByEmail("new.person@x.test");
    expect(user).toMatchObject({ id: result.userId, name: "New Person", emailVerified: now });
    expect(user!.passwordHash).toMatch(/^scrypt\$/);
    expect(await w.db.membership.findFirst({ where: { userId: result.userId } })).toMatchObject({ role: "MEMBER" });
    expect(await auditActions(w)).toEqual(["invitation.create", "invitation.accept"]);
    // The link is used up: a second try creates nothing (the address has an account now anyway).
    await rejects(signup(w, token, { name: "Again", password: "a-good-password" }), MembersError);
  });

  it("refusals leave nothing behind: revoked link, existing account, weak password, foreign token", async () => {
    const w = await workspace(["OWNER"]);
    const other = await workspace(["OWNER"]);
    const invited = await inviteMember(w.person("OWNER").ctx, { email: "gone@x.test", role: "VIEWER" });
    const token = tokenOf(lastMailTo("gone@x.test"));
    await revokeInvitation(w.person("OWNER").ctx, { invitationId: invited.id });
    await rejects(signup(w, token, { name: "Gone", password: "a-good-password" }), MembersError, /revoked/, "invitation-revoked");
    expect(await userByEmail("gone@x.test")).toBeNull(); // the account rolled back with the refusal

    await inviteMember(w.person("OWNER").ctx, { email: "taken@x.test", role: "VIEWER" });
    await newUser("taken@x.test");
    await rejects(signup(w, tokenOf(lastMailTo("taken@x.test")), { name: "T", password: "a-good-password" }), MembersError, /already exists/);

    await inviteMember(w.person("OWNER").ctx, { email: "weak@x.test", role: "VIEWER" });
    const weak = tokenOf(lastMailTo("weak@x.test"));
    await rejects(signup(w, weak, { name: "W", password: "short" }), MembersError, undefined, "invalid");
    await rejects(signup(w, weak, { name: "", password: "a-good-password" }), MembersError, undefined, "invalid");
    // Another workspace's id with this token: not found there, nothing created.
    await rejects(signup(other, weak, { name: "W", password: "a-good-password" }), MembersError, undefined, "not-found");
    expect(await userByEmail("weak@x.test")).toBeNull();
    expect(await other.db.membership.count()).toBe(1);
  });

  it("three tabs accepting at once: exactly one account and one membership", async () => {
    const w = await workspace(["OWNER"]);
    await inviteMember(w.person("OWNER").ctx, { email: "race@new.test", role: "MEMBER" });
    const token = tokenOf(lastMailTo("race@new.test"));
    // Two tabs at once: exactly one account and one membership.
    const results = await Promise.allSettled([0, 1, 2].map(() => signup(w, token, { name: "Racer", password: "a-good-password" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const user = await userByEmail("race@new.test");
    expect(await w.db.membership.count({ where: { userId: user!.id } })).toBe(1);
  });
});
