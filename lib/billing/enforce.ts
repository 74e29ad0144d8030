// Plan limits and the read-only mode where writes happen. Each check runs in the tenant
// transaction of the write (counts consistent with the insert) and throws an error whose
// message says what to do; callers show `error.message`.
//
//   await db.$transaction(async (tx) => {
//     await assertCanAddCustomer(tx);
//     await tx.customer.create({ … });
//   });
//
// Seats: lib/billing/seats.ts seatLimitCheck() (the shape of lib/members/seats.ts's hook).
import type { TenantTransaction } from "@/lib/db/tenant";
import { assertWithinLimit, assertWritable, entitlementsFor } from "./plans";

/** Throws ReadOnlyWorkspaceError when the workspace is read-only (unpaid/canceled past grace). */
export async function assertWorkspaceWritable(tx: TenantTransaction, now: Date = new Date()): Promise<void> {
  assertWritable(await tx.tenant.findFirstOrThrow({}), now);
}

/** Throws ReadOnlyWorkspaceError or PlanLimitError before a customer is created. */
export async function assertCanAddCustomer(tx: TenantTransaction, now: Date = new Date()): Promise<void> {
  const tenant = await tx.tenant.findFirstOrThrow({});
  assertWritable(tenant, now);
  if (entitlementsFor(tenant, now).limits.customers === null) return;
  const current = await tx.customer.count({ where: { archivedAt: null } });
  assertWithinLimit(tenant, "customers", current, now);
}
