// Writes one entry of the workspace's audit log (read by ./audit.ts), in the write's own
// transaction: who did it (the request's member), what, to which target, and the details.
// CRM writes (customers, deals, notes) and workspace settings all record through it.
import type { TenantTransaction } from "@/lib/db/tenant";

/** What the entry is about; no id for a write about many rows (a CSV import). */
export type AuditTarget = { type: "customer" | "deal" | "tenant"; id?: string };
type Recorder = { db: { tenantId: string }; actor: { userId: string; label: string } };

export async function recordAudit(
  tx: TenantTransaction,
  ctx: Recorder,
  action: string,
  target: AuditTarget,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: ctx.db.tenantId,
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action,
      targetType: target.type,
      targetId: target.id,
      data: data as object,
    },
  });
}
