// THE ESCAPE HATCH. The only code path that reads or writes across tenants: the founder
// console, Stripe webhooks, signup, background jobs. Find every use with `grep -rn crossTenant(`.
//
// It runs the callback in one transaction as the NOLOGIN role `tenantry_platform` (BYPASSRLS),
// switched to with SET LOCAL ROLE so it ends with the transaction, and records who did what
// and why in platform_audit_event in that same transaction: no unaudited cross-tenant access,
// and no audit entry for work that rolled back.
import { basePrisma } from "./client";

export type PlatformActor =
  | { kind: "system"; label: string } // webhooks, jobs, signup, host resolution
  | { kind: "user"; userId: string; label: string }; // a founder acting in the console

export type CrossTenantContext = {
  actor: PlatformActor;
  /** A short machine-readable verb, e.g. "tenant.create", "stripe.webhook". */
  action: string;
  /** Why cross-tenant access is needed here; kept in the audit trail. */
  reason: string;
  /** The tenant the work concerns, when there is one. */
  subjectTenantId?: string;
  data?: Record<string, unknown>;
};

type BaseClient = typeof basePrisma;
export type PlatformTransaction = Parameters<Parameters<BaseClient["$transaction"]>[0]>[0];

export async function crossTenant<R>(
  context: CrossTenantContext,
  fn: (tx: PlatformTransaction) => Promise<R>,
  client: BaseClient = basePrisma,
): Promise<R> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL ROLE tenantry_platform`;
    await tx.platformAuditEvent.create({
      data: {
        actorId: context.actor.kind === "user" ? context.actor.userId : null,
        actorLabel: context.actor.label,
        action: context.action,
        reason: context.reason,
        subjectTenantId: context.subjectTenantId ?? null,
        data: (context.data ?? {}) as object,
      },
    });
    return fn(tx);
  });
}
