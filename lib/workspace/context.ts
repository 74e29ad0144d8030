// What every workspace-settings function receives (the members context's shape: pages, server
// actions and tests build one and call the same code), and the error its refusals throw.
import { ForbiddenError } from "@/lib/authz/permissions";
import type { TenantDb, TenantTransaction } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordAudit } from "./audit-entry";

export type SettingsActor = { userId: string; role: Role; label: string };
export type SettingsContext = { db: TenantDb; actor: SettingsActor; now?: () => Date };

export type SettingsErrorCode = "invalid" | "taken" | "quarantined" | "not-found" | "plan" | "conflict" | "dns";

/** A settings rule refused the request; `message` is meant for the person who tried. */
export class SettingsError extends Error {
  override name = "SettingsError";
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const clock = (ctx: { now?: () => Date }) => (ctx.now ? ctx.now() : new Date());

/** The actor's CURRENT role, read in the write's transaction (a demoted member is refused). */
export async function currentRole(tx: TenantTransaction, actor: SettingsActor): Promise<Role> {
  const membership = await tx.membership.findFirst({ where: { userId: actor.userId }, select: { role: true } });
  if (!membership) throw new ForbiddenError("You are no longer a member of this workspace.");
  return membership.role;
}

/** One workspace audit entry about the workspace itself, in the write's transaction. */
export async function auditWorkspace(
  tx: TenantTransaction,
  ctx: SettingsContext,
  action: string,
  data: Record<string, unknown> & { summary: string },
): Promise<void> {
  await recordAudit(tx, ctx, action, { type: "tenant", id: ctx.db.tenantId }, data);
}
