// Changing who is in the workspace and with which role: changeRole, remove, leave, transfer.
// Invariant: a workspace always keeps at least one OWNER (every write takes lockMembers()
// first, so concurrent demotions cannot race past the count).
import { assertCan, canGrantRole, ForbiddenError, ROLE_LABEL, ROLE_RANK } from "@/lib/authz/permissions";
import type { TenantTransaction } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { audit, currentActor, lockMembers, MembersError, ownerCount, parseInput, type MembersContext } from "./context";
import { grantForbiddenMessage } from "./invitations";
import { changeRoleSchema, membershipIdSchema } from "./schemas";
import { syncSeatsAfterChange } from "./seats";

const LAST_OWNER = {
  demote: "The last owner cannot be demoted. Make someone else an owner first.",
  remove: "The last owner cannot be removed. Make someone else an owner first.",
  leave: "You are the last owner: make someone else an owner (or transfer ownership) before leaving.",
} as const;

async function targetMembership(tx: TenantTransaction, id: string) {
  const membership = await tx.membership.findFirst({ where: { id }, include: { user: { select: { email: true } } } });
  if (!membership) throw new MembersError("not-found", "That member does not exist.");
  return membership;
}

export type MemberChange = { membershipId: string; role: Role };

export async function changeMemberRole(ctx: MembersContext, input: { membershipId: unknown; role: unknown }): Promise<MemberChange> {
  const { membershipId, role } = parseInput(changeRoleSchema.safeParse(input));
  assertCan(ctx.actor.role, "members", "changeRole");
  return ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "members", "changeRole");
    const target = await targetMembership(tx, membershipId);
    if (target.role === role) return { membershipId: target.id, role };
    const self = target.id === me.id;
    if (self && ROLE_RANK[role] > ROLE_RANK[target.role]) throw new ForbiddenError("You cannot raise your own role.");
    if (!self && ROLE_RANK[target.role] > ROLE_RANK[me.role]) {
      throw new ForbiddenError(`Only owners can change the role of ${ROLE_LABEL[target.role].toLowerCase()}s.`);
    }
    if (!canGrantRole(me.role, role)) throw new ForbiddenError(grantForbiddenMessage(role, "make"));
    if (target.role === "OWNER" && (await ownerCount(tx)) <= 1) throw new MembersError("last-owner", LAST_OWNER.demote);

    await tx.membership.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: target.id } }, data: { role } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "member.role_change",
      targetType: "membership",
      targetId: target.id,
      data: { email: target.user.email, from: target.role, to: role },
    });
    return { membershipId: target.id, role };
  });
}

export async function removeMember(ctx: MembersContext, input: { membershipId: unknown }): Promise<void> {
  const { membershipId } = parseInput(membershipIdSchema.safeParse(input));
  assertCan(ctx.actor.role, "members", "remove");
  await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "members", "remove");
    const target = await targetMembership(tx, membershipId);
    if (target.id === me.id) throw new MembersError("invalid", "To leave the workspace yourself, use “Leave workspace”.");
    if (ROLE_RANK[target.role] > ROLE_RANK[me.role]) throw new ForbiddenError(`Only owners can remove ${ROLE_LABEL[target.role].toLowerCase()}s.`);
    if (target.role === "OWNER" && (await ownerCount(tx)) <= 1) throw new MembersError("last-owner", LAST_OWNER.remove);

    await tx.membership.delete({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: target.id } } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "member.remove",
      targetType: "membership",
      targetId: target.id,
      data: { email: target.user.email, role: target.role, userId: target.userId },
    });
  });
  await syncSeatsAfterChange(ctx.db); // after commit; logs, never throws
}

/** The actor leaves the workspace. Any member may, except the last owner. */
export async function leaveWorkspace(ctx: MembersContext): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    if (me.role === "OWNER" && (await ownerCount(tx)) <= 1) throw new MembersError("last-owner", LAST_OWNER.leave);
    await tx.membership.delete({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: me.id } } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "member.leave",
      targetType: "membership",
      targetId: me.id,
      data: { role: me.role },
    });
  });
  await syncSeatsAfterChange(ctx.db); // after commit; logs, never throws
}

/** Makes another member OWNER and the acting owner ADMIN, atomically. */
export async function transferOwnership(ctx: MembersContext, input: { membershipId: unknown }): Promise<void> {
  const { membershipId } = parseInput(membershipIdSchema.safeParse(input));
  assertCan(ctx.actor.role, "ownership", "transfer");
  await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "ownership", "transfer");
    const target = await targetMembership(tx, membershipId);
    if (target.id === me.id) throw new MembersError("invalid", "Choose another member to transfer ownership to.");

    await tx.membership.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: target.id } }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: me.id } }, data: { role: "ADMIN" } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "ownership.transfer",
      targetType: "membership",
      targetId: target.id,
      data: { to: { membershipId: target.id, email: target.user.email, previousRole: target.role }, from: { membershipId: me.id, newRole: "ADMIN" } },
    });
  });
}
