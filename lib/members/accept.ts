// Accepting an invitation: the link's token, for the signed-in user whose email it was sent
// to. lookupInvitation() is what the /invite/<token> page shows before anyone signs in (a new
// user creates the account there — lib/auth — and then accepts).
import type { TenantDb, TenantTransaction } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { audit, clock, lockMembers, MembersError } from "./context";
import { checkSeatLimit, syncSeatsAfterChange } from "./seats";
import { hashInvitationToken, looksLikeInvitationToken } from "./tokens";

export type InvitationStatus = "pending" | "expired" | "revoked" | "accepted";

export type InvitationLookup = { id: string; email: string; role: Role; workspaceName: string; status: InvitationStatus; expiresAt: Date };

function statusOf(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

/** The invitation a link points at, or null for an unknown token (including replaced ones). */
export async function lookupInvitation(db: TenantDb, token: unknown, options: { now?: () => Date } = {}): Promise<InvitationLookup | null> {
  if (!looksLikeInvitationToken(token)) return null;
  const now = clock(options);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { tokenHash: hashInvitationToken(token) } });
    if (!invitation) return null;
    const tenant = await tx.tenant.findFirst({ select: { name: true } });
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      workspaceName: tenant?.name ?? "",
      status: statusOf(invitation, now),
      expiresAt: invitation.expiresAt,
    };
  });
}

export type AcceptingUser = { id: string; email: string; label?: string };

export type AcceptResult = { membershipId: string; role: Role; alreadyMember: boolean };

const INVALID_LINK = "This invitation link is not valid. Ask for a new invitation.";

/**
 * Makes `user` a member with the invited role and marks the invitation accepted, in one
 * transaction. Only the invited address (case-insensitive) may accept; a link works once.
 * The caller vouches that `user.email` is the signed-in user's verified address.
 */
export async function acceptInvitation(
  ctx: { db: TenantDb; user: AcceptingUser; now?: () => Date },
  token: unknown,
): Promise<AcceptResult> {
  if (!looksLikeInvitationToken(token)) throw new MembersError("not-found", INVALID_LINK);
  const now = clock(ctx);
  const { db, user } = ctx;
  const result = await db.$transaction((tx) => acceptInTransaction(tx, db.tenantId, user, token, now));
  if (!result.alreadyMember) await syncSeatsAfterChange(db); // after commit; logs, never throws
  return result;
}

/**
 * The acceptance itself, inside a transaction that is already bound to `tenantId` (a
 * forTenant transaction, or withinTenant() of a crossTenant one — see ./new-user.ts).
 */
export async function acceptInTransaction(
  tx: TenantTransaction,
  tenantId: string,
  user: AcceptingUser,
  token: unknown,
  now: Date,
): Promise<AcceptResult> {
  if (!looksLikeInvitationToken(token)) throw new MembersError("not-found", INVALID_LINK);
  await lockMembers(tx);
  const invitation = await tx.invitation.findFirst({ where: { tokenHash: hashInvitationToken(token) } });
  if (!invitation) throw new MembersError("not-found", INVALID_LINK);
  const status = statusOf(invitation, now);
  if (status === "accepted") throw new MembersError("invitation-used", "This invitation has already been used.");
  if (status === "revoked") throw new MembersError("invitation-revoked", "This invitation was revoked. Ask an admin of the workspace for a new one.");
  if (status === "expired") throw new MembersError("invitation-expired", "This invitation has expired. Ask an admin of the workspace to resend it.");
  if (invitation.email.toLowerCase() !== user.email.trim().toLowerCase()) {
    throw new MembersError(
      "wrong-email",
      `This invitation was sent to ${invitation.email}, but you are signed in as ${user.email}. Sign in with the invited address to accept it.`,
    );
  }

  // Single use, even against a concurrent accept of the same link: only one update matches.
  const marked = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } });
  if (marked.count !== 1) throw new MembersError("invitation-used", "This invitation has already been used.");

  const existing = await tx.membership.findFirst({ where: { userId: user.id }, select: { id: true, role: true } });
  let result: AcceptResult;
  if (existing) {
    // Already in (e.g. invited twice): keep the current role; the link is used up.
    result = { membershipId: existing.id, role: existing.role, alreadyMember: true };
  } else {
    const seats = await checkSeatLimit(tx);
    if (!seats.ok) throw new MembersError("seat-limit", seats.message);
    const membership = await tx.membership.create({ data: { tenantId, userId: user.id, role: invitation.role } });
    result = { membershipId: membership.id, role: membership.role, alreadyMember: false };
  }
  await audit(tx, tenantId, {
    actorId: user.id,
    actorLabel: user.label ?? user.email,
    action: "invitation.accept",
    targetType: "invitation",
    targetId: invitation.id,
    data: { email: invitation.email, role: result.role, membershipId: result.membershipId, alreadyMember: result.alreadyMember },
  });
  return result;
}
