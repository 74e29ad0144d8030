// What the members screen offers to whom — pure, mirroring the domain rules so the UI only
// shows controls that can succeed. The server actions still enforce everything.
import { can, canGrantRole, ROLE_RANK, ROLES } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** `lastOwner`: the target is the workspace's only owner (lib/members/roles.ts refuses its demotion and leaving). */
type Target = { role: Role; isYou: boolean; lastOwner?: boolean };

/** The roles `actor` may set on `target` (empty: show the role as text). */
export function roleOptionsFor(actor: Role, target: Target): Role[] {
  if (!can(actor, "members", "changeRole")) return [];
  if (target.lastOwner) return [];
  if (!target.isYou && ROLE_RANK[target.role] > ROLE_RANK[actor]) return [];
  return ROLES.filter((role) => canGrantRole(actor, role) && (!target.isYou || ROLE_RANK[role] <= ROLE_RANK[target.role]));
}

/** Leaving: one's own membership, unless one is the last owner. */
export function canLeave(target: Target): boolean {
  return target.isYou && !target.lastOwner;
}

export function canRemove(actor: Role, target: Target): boolean {
  return !target.isYou && can(actor, "members", "remove") && ROLE_RANK[target.role] <= ROLE_RANK[actor];
}

export function canManageInvitation(actor: Role, invitation: { role: Role }): boolean {
  return can(actor, "invitations", "revoke") && ROLE_RANK[invitation.role] <= ROLE_RANK[actor];
}

/** Roles the invite form offers. */
export function invitableRoles(actor: Role): Role[] {
  return can(actor, "members", "invite") ? ROLES.filter((role) => canGrantRole(actor, role)) : [];
}
