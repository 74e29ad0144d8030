// Inviting people: invite (or re-invite), resend, revoke. The token is random (32 bytes), only
// its SHA-256 is stored, and it leaves this module only inside the email's link.
import { assertCan, canGrantRole, ForbiddenError, ROLE_IN_SENTENCE, ROLE_LABEL, ROLE_RANK } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import type { TenantTransaction } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { tenantOrigin } from "@/lib/hosts";
import { audit, clock, currentActor, lockMembers, MembersError, parseInput, type MembersContext } from "./context";
import { sendInvitationEmail } from "./mail";
import { invitationIdSchema, inviteSchema } from "./schemas";
import { checkSeatLimit } from "./seats";
import { INVITATION_TTL_MS, newInvitationToken } from "./tokens";

export type InvitationSummary = { id: string; email: string; role: Role; expiresAt: Date };

/** "Only owners can invite owners." */
export function grantForbiddenMessage(role: Role, verb: "invite" | "make"): string {
  return verb === "invite"
    ? `Only owners can invite ${ROLE_LABEL[role].toLowerCase()}s.`
    : `Only owners can make someone ${ROLE_IN_SENTENCE[role]}.`;
}

async function workspaceOf(tx: TenantTransaction): Promise<{ slug: string; name: string }> {
  const tenant = await tx.tenant.findFirst({ select: { slug: true, name: true } });
  if (!tenant) throw new MembersError("not-found", "This workspace no longer exists.");
  return tenant;
}

export function invitationUrl(slug: string, token: string): string {
  const origin = tenantOrigin(slug, getHostConfig());
  if (!origin) throw new Error(`no origin for workspace ${slug}: check APP_ROOT_DOMAIN`);
  return `${origin}/invite/${token}`;
}

async function mail(ctx: MembersContext, to: string, role: Role, token: string, workspace: { slug: string; name: string }) {
  const mailer = ctx.mailer ?? sendInvitationEmail;
  try {
    await mailer({ to, role, url: invitationUrl(workspace.slug, token), workspaceName: workspace.name, inviterName: ctx.actor.label });
  } catch (error) {
    console.error(`[members] invitation email to ${to} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new MembersError("email-failed", `The invitation was saved, but the email to ${to} could not be sent. Try "Resend" in a moment.`);
  }
}

/**
 * Invites `email` as `role`. An address with a pending invitation gets that invitation
 * replaced (new role, new token, new expiry: the old link stops working) and mailed again.
 */
export async function inviteMember(ctx: MembersContext, input: { email: unknown; role: unknown }): Promise<InvitationSummary> {
  const { email, role } = parseInput(inviteSchema.safeParse(input));
  assertCan(ctx.actor.role, "members", "invite");
  const now = clock(ctx);
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);

  const { invitation, workspace } = await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "members", "invite");
    if (!canGrantRole(me.role, role)) throw new ForbiddenError(grantForbiddenMessage(role, "invite"));

    const member = await tx.membership.findFirst({ where: { user: { email: { equals: email, mode: "insensitive" } } }, select: { id: true } });
    if (member) throw new MembersError("already-member", `${email} is already a member of this workspace.`);

    const seats = await checkSeatLimit(tx);
    if (!seats.ok) throw new MembersError("seat-limit", seats.message);

    const pending = await tx.invitation.findMany({ where: { email, acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } });
    const [current, ...duplicates] = pending;
    if (duplicates.length > 0) {
      await tx.invitation.updateMany({ where: { id: { in: duplicates.map((d) => d.id) } }, data: { revokedAt: now } });
    }
    const data = { role, tokenHash, expiresAt, invitedById: ctx.actor.userId };
    const invitation = current
      ? await tx.invitation.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: current.id } }, data })
      : await tx.invitation.create({ data: { tenantId: ctx.db.tenantId, email, ...data } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: current ? "invitation.resend" : "invitation.create",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email, role, ...(current ? { previousRole: current.role, reinvite: true } : {}) },
    });
    return { invitation, workspace: await workspaceOf(tx) };
  });

  await mail(ctx, email, role, token, workspace);
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}

/** A pending invitation of this tenant that the actor outranks or equals, else a clear error. */
async function pendingInvitation(tx: TenantTransaction, id: string, actorRole: Role) {
  const invitation = await tx.invitation.findFirst({ where: { id } });
  if (!invitation) throw new MembersError("not-found", "That invitation does not exist.");
  if (invitation.acceptedAt) throw new MembersError("invitation-used", `The invitation for ${invitation.email} has already been accepted.`);
  if (invitation.revokedAt) throw new MembersError("invitation-revoked", `The invitation for ${invitation.email} was revoked.`);
  if (ROLE_RANK[invitation.role] > ROLE_RANK[actorRole]) {
    throw new ForbiddenError(`Only owners can manage invitations for ${ROLE_LABEL[invitation.role].toLowerCase()}s.`);
  }
  return invitation;
}

/** Sends a pending (or expired) invitation again with a new token and expiry; the old link dies. */
export async function resendInvitation(ctx: MembersContext, input: { invitationId: unknown }): Promise<InvitationSummary> {
  const { invitationId } = parseInput(invitationIdSchema.safeParse(input));
  assertCan(ctx.actor.role, "invitations", "resend");
  const now = clock(ctx);
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);

  const { invitation, workspace } = await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "invitations", "resend");
    const existing = await pendingInvitation(tx, invitationId, me.role);
    const seats = await checkSeatLimit(tx);
    if (!seats.ok) throw new MembersError("seat-limit", seats.message);
    const invitation = await tx.invitation.update({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: existing.id } },
      data: { tokenHash, expiresAt, invitedById: ctx.actor.userId },
    });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "invitation.resend",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    return { invitation, workspace: await workspaceOf(tx) };
  });

  await mail(ctx, invitation.email, invitation.role, token, workspace);
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}

export async function revokeInvitation(ctx: MembersContext, input: { invitationId: unknown }): Promise<void> {
  const { invitationId } = parseInput(invitationIdSchema.safeParse(input));
  assertCan(ctx.actor.role, "invitations", "revoke");
  const now = clock(ctx);
  await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx);
    const me = await currentActor(tx, ctx.actor);
    assertCan(me.role, "invitations", "revoke");
    const invitation = await pendingInvitation(tx, invitationId, me.role);
    await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, ctx.db.tenantId, {
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
  });
}
