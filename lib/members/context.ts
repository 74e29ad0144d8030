// What every members function receives: the tenant-bound client and who is acting. Pages,
// server actions and tests all build one of these and call the same functions.
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantDb, TenantTransaction } from "@/lib/db/tenant";
import type { InvitationMailer } from "./mail";

export type Actor = {
  userId: string;
  /** The role from the session's membership. Writes re-read it inside their transaction. */
  role: Role;
  /** How the audit log names the actor (usually the email address). */
  label: string;
};

export type MembersContext = {
  db: TenantDb;
  actor: Actor;
  /** The clock (tests inject one); defaults to `new Date()`. */
  now?: () => Date;
  /** How invitation emails go out; defaults to lib/email's sendEmail. */
  mailer?: InvitationMailer;
};

export type MembersErrorCode =
  | "invalid"
  | "not-found"
  | "already-member"
  | "last-owner"
  | "invitation-expired"
  | "invitation-revoked"
  | "invitation-used"
  | "wrong-email"
  | "seat-limit"
  | "email-failed"
  | "rate-limited";

/** A rule of the members domain refused the request; `message` is meant for the user. */
export class MembersError extends Error {
  override name = "MembersError";
  constructor(
    readonly code: MembersErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const clock = (ctx: { now?: () => Date }): Date => (ctx.now ? ctx.now() : new Date());

/** zod result → value, or a MembersError("invalid") carrying the first issue's message. */
export function parseInput<T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (result.success) return result.data;
  throw new MembersError("invalid", result.error.issues[0]?.message ?? "Invalid input.");
}

export type AuditEntry = {
  actorId: string | null;
  actorLabel: string;
  action:
    | "invitation.create"
    | "invitation.resend"
    | "invitation.revoke"
    | "invitation.accept"
    | "member.role_change"
    | "member.remove"
    | "member.leave"
    | "ownership.transfer";
  targetType: "invitation" | "membership";
  targetId: string;
  data?: Record<string, unknown>;
};

export async function audit(tx: TenantTransaction, tenantId: string, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: { tenantId, ...entry, data: (entry.data ?? {}) as object } });
}

/**
 * A tenant-wide mutex for member management, taken first in every write transaction: it
 * row-locks the tenant's OWNER memberships (every workspace has at least one). Concurrent
 * writers wait here, and then (READ COMMITTED) see each other's committed work — so two owners
 * demoting each other at once cannot leave the workspace without an owner, and two invites to
 * the same address cannot create two pending invitations.
 */
export async function lockMembers(tx: TenantTransaction): Promise<void> {
  await tx.membership.updateMany({ where: { role: "OWNER" }, data: { role: "OWNER" } });
}

/**
 * The actor's current membership, read inside the transaction: the session's role may be stale
 * (demoted or removed a moment ago), so permission checks in writes use this one.
 */
export async function currentActor(tx: TenantTransaction, actor: Actor): Promise<{ id: string; role: Role }> {
  const membership = await tx.membership.findFirst({ where: { userId: actor.userId }, select: { id: true, role: true } });
  if (!membership) throw new MembersError("not-found", "You are no longer a member of this workspace.");
  return membership;
}

export async function ownerCount(tx: TenantTransaction): Promise<number> {
  return tx.membership.count({ where: { role: "OWNER" } });
}
