// The members screen's data: members (with their user's email and name — RLS shows the users
// of this tenant only) and pending invitations.
import { assertCan, can, ROLE_RANK } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { clock, type MembersContext } from "./context";

export type MemberRow = {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
  isYou: boolean;
};

export type PendingInvitationRow = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  expired: boolean;
  createdAt: Date;
};

export type MembersOverview = { members: MemberRow[]; invitations: PendingInvitationRow[] };

export async function listMembers(ctx: MembersContext): Promise<MembersOverview> {
  assertCan(ctx.actor.role, "members", "read");
  const now = clock(ctx);
  const showInvitations = can(ctx.actor.role, "invitations", "read");
  return ctx.db.$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      include: { user: { select: { email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    });
    const members = memberships
      .map((m) => ({
        id: m.id,
        userId: m.userId,
        email: m.user.email,
        name: m.user.name,
        role: m.role,
        joinedAt: m.createdAt,
        isYou: m.userId === ctx.actor.userId,
      }))
      .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.email.localeCompare(b.email));
    const invitations = showInvitations
      ? (
          await tx.invitation.findMany({
            where: { acceptedAt: null, revokedAt: null },
            orderBy: { createdAt: "desc" },
            select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
          })
        ).map((i) => ({ ...i, expired: i.expiresAt <= now }))
      : [];
    return { members, invitations };
  });
}
