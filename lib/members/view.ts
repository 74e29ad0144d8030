// What the members screen offers to whom — pure, mirroring the domain rules so the UI only
// shows controls that can succeed. The server actions still enforce everything.
import { can, canGrantRole, ROLE_RANK, ROLES } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** The roles `actor` may set on `target` (empty: show the role as text). */
export function roleOptionsFor(actor: Role, target: { role: Role; isYou: boolean }): Role[] {
  if (!can(actor, "members", "changeRole")) return [];
  if (!target.isYou && ROLE_RANK[target.role] > ROLE_RANK[actor]) return [];
  return ROLES.filter((role) => canGrantRole(actor, role) && (!target.isYou || ROLE_RANK[role] <= ROLE_RANK[target.role]));
}

export function canRemove(actor: Role, target: { role: Role; isYou: boolean }): boolean {
  return !target.isYou && can(actor, "members", "remove") && ROLE_RANK[target.role] <= ROLE_RANK[actor];
}

export function canManageInvitation(actor: Role, invitation: { role: Role }): boolean {
  return can(actor, "invitations", "revoke") && ROLE_RANK[invitation.role] <= ROLE_RANK[actor];
}

/** Roles the invite form offers. */
export function invitableRoles(actor: Role): Role[] {
  return can(actor, "members", "invite") ? ROLES.filter((role) => canGrantRole(actor, role)) : [];
}
